/**
 * Which data folder the desktop app opens, and so which single-instance lock it takes: Electron keys its
 * lock on the userData folder, and the app makes userData the data folder, so one app runs per data
 * folder (a second launch on the same folder focuses the first; `--data other` runs beside it).
 */
import { resolve } from 'node:path';

/** `--data <dir>` (as for the CLI), else $SOUNDLIKE_DATA, else Electron's default userData folder. */
export function desktopDataDir(argv: readonly string[], env: NodeJS.ProcessEnv, defaultUserData: string): string {
  const at = argv.indexOf('--data');
  const named = at > 0 && argv[at + 1] && !argv[at + 1].startsWith('--') ? argv[at + 1] : env.SOUNDLIKE_DATA || undefined;
  return resolve(named ?? defaultUserData);
}
