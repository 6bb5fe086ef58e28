/**
 * "Open with Soundlike": which of a launch's arguments are audio files to play. Electron-free, so the
 * decision is unit-tested here; shell/open-with.ts feeds it process.argv, a second launch's argv and
 * macOS 'open-file' paths.
 */
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isAudioPath } from '../../shared/audio-formats';

/** Options of ours that take a value in the next argument (so that value is never a file to open). */
const OPTIONS_WITH_VALUE = new Set(['--data']);

/** A desktop entry's %U may hand over file:// URLs; anything else with a scheme is not a local file. */
function localPathOf(arg: string): string | null {
  if (arg.startsWith('file://')) {
    try {
      return fileURLToPath(arg);
    } catch {
      return null;
    }
  }
  return /^[a-z][a-z0-9+.-]+:\/\//i.test(arg) ? null : arg;
}

/**
 * The audio files named in a command line, resolved against the launch's working directory, in order,
 * without duplicates. argv[0] (the executable) is skipped, as are flags (Electron's and Chromium's own,
 * `--inspect`, `--data DIR`), everything after nothing-but-`--`'s flags, and any path whose extension is
 * not one the scanner reads (AUDIO_EXTENSIONS); the app's own path in development (`.` or a folder) is
 * not audio either.
 */
export function audioFilesInArgv(argv: readonly string[], workingDirectory: string): string[] {
  const found: string[] = [];
  let optionsEnded = false;
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i];
    if (typeof arg !== 'string' || arg === '') continue;
    if (!optionsEnded && arg === '--') {
      optionsEnded = true;
      continue;
    }
    if (!optionsEnded && arg.startsWith('-')) {
      if (OPTIONS_WITH_VALUE.has(arg)) i++;
      continue;
    }
    const path = localPathOf(arg);
    if (path === null || !isAudioPath(path)) continue;
    const absolute = isAbsolute(path) ? resolve(path) : resolve(workingDirectory, path);
    if (!found.includes(absolute)) found.push(absolute);
  }
  return found;
}
