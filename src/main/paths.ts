/** Where Soundlike keeps its data: the platform's app-data folder unless the user names one (--data). */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packagedResource } from './packaged-resources';

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
  /** Persisted vector indexes (a cache of SQLite's fragment vectors). */
  vectors: string;
  /** Cached waveforms of tracks. */
  waveforms: string;
  /** The log file (rotated beside it as soundlike.1.log...); every "see the log" hint names it. */
  log: string;
}

export function dataPaths(root: string): DataPaths {
  const dir = resolve(root);
  return {
    root: dir, database: join(dir, 'library.db'), covers: join(dir, 'covers'), vectors: join(dir, 'vectors'), waveforms: join(dir, 'waveforms'),
    log: join(dir, 'logs', 'soundlike.log'),
  };
}

/**
 * The folder holding Soundlike's package.json (and models/, out/), found from this module's own location
 * so it works from source (tests), from out/main bundles and their chunks alike.
 */
export function appRoot(from: string = fileURLToPath(import.meta.url)): string {
  for (let dir = dirname(from); dirname(dir) !== dir; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'soundlike') return dir;
  }
  throw new Error(`Soundlike's folder (package.json) was not found above ${from}`);
}

/** The shipped model's manifest, unless $SOUNDLIKE_MODEL names another (packaged: beside app.asar, as onnxruntime needs a real file). */
export function defaultManifestPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SOUNDLIKE_MODEL) return resolve(env.SOUNDLIKE_MODEL);
  return packagedResource('models', 'manifest.json') ?? join(appRoot(), 'models', 'manifest.json');
}

/** The built analysis worker (a separate bundle: worker threads load a file). */
export function analysisWorkerPath(): string {
  return join(appRoot(), 'out', 'main', 'analysis-worker.js');
}

/** The built vector-index worker. */
export function indexWorkerPath(): string {
  return join(appRoot(), 'out', 'main', 'index-worker.js');
}

/** The built service host (the services' own process: see service-host/entry.ts). */
export function serviceHostPath(): string {
  return join(appRoot(), 'out', 'main', 'service-host.js');
}
