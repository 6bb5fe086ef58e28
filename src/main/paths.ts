/** Where Soundlike keeps its data: the platform's app-data folder unless the user names one (--data). */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const APP_DIR_NAME = 'Soundlike';

/** Same folder Electron's app.getPath('userData') gives for an app named Soundlike. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.SOUNDLIKE_DATA) return resolve(env.SOUNDLIKE_DATA);
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_DIR_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_DIR_NAME);
}

export interface DataPaths {
  root: string;
  database: string;
  covers: string;
}

export function dataPaths(root: string): DataPaths {
  const dir = resolve(root);
  return { root: dir, database: join(dir, 'library.db'), covers: join(dir, 'covers') };
}
