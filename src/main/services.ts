/**
 * Builds the services main serves (the contract's implementations) over one database. The Electron
 * entry, the web host and the CLI all start here, so there is one implementation of everything.
 */
import pkg from '../../package.json';
import type { SoundlikeApi } from '../shared/contract';
import { LibraryDb } from './db/library-db';
import { LibraryServiceImpl } from './library/library-service';
import { MediaFiles } from './media/media-files';
import { dataPaths, type DataPaths } from './paths';
import { PlaybackServiceImpl } from './playback/playback-service';
import { SettingsServiceImpl } from './settings/settings-service';

export interface ServicesOptions {
  dataDir: string;
  transport: 'electron' | 'web';
  /** Watch folders and rescan at start (an app); off for one-shot CLI commands. */
  live: boolean;
}

export interface Services {
  api: SoundlikeApi & { library: LibraryServiceImpl; playback: PlaybackServiceImpl; settings: SettingsServiceImpl };
  media: MediaFiles;
  paths: DataPaths;
  /** Messages from start-up for the user (e.g. a database recovered from backup). */
  notices: string[];
  dispose(): Promise<void>;
}

export const APP_VERSION: string = pkg.version;

export async function createServices(options: ServicesOptions): Promise<Services> {
  const paths = dataPaths(options.dataDir);
  const db = LibraryDb.open(paths.database);
  const settings = new SettingsServiceImpl(db, { version: APP_VERSION, dataDir: paths.root, transport: options.transport });
  const watchSetting = (await settings.getSettings()).watchFolders;
  const library = new LibraryServiceImpl(db, { coversDir: paths.covers, watch: options.live && watchSetting });
  const playback = new PlaybackServiceImpl(db);
  if (options.live) await library.start({ rescan: true });
  const stopFollowingSettings = options.live
    ? settings.onDidChangeSettings((s) => void library.setWatching(s.watchFolders))
    : () => undefined;
  return {
    api: { library, playback, settings },
    media: new MediaFiles(db, paths.covers),
    paths,
    notices: db.notices,
    async dispose() {
      stopFollowingSettings();
      await library.dispose();
      playback.dispose();
      settings.dispose();
      db.close();
    },
  };
}
