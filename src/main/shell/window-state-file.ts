/**
 * The window-state JSON in Electron's userData: read at start (a missing file is the first run; a
 * damaged one is ignored with a log line, never fatal) and written atomically (temp file + rename, so a
 * crash mid-write leaves the previous state). Electron-free and unit-tested.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseWindowState, serializeWindowState, type SavedWindowState } from './window-bounds';

export const WINDOW_STATE_FILE = 'window-state.json';

export function loadWindowState(file: string, log: (line: string) => void = console.warn): SavedWindowState | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') log(`[soundlike] window size and place not restored: cannot read ${file} (${code ?? String(error)}).`);
    return null;
  }
  const parsed = parseWindowState(text);
  if (parsed.ok) return parsed.state;
  log(`[soundlike] window size and place not restored: ${file} is damaged (${parsed.reason}); it is rewritten when the window moves.`);
  return null;
}

export function saveWindowState(file: string, state: SavedWindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, serializeWindowState(state));
  renameSync(temp, file);
}
