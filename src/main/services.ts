/**
 * Builds the services main serves (the contract's implementations) over one database. The Electron
 * entry, the web host and the CLI all start here, so there is one implementation of everything.
 */
import pkg from '../../package.json';
import type { SoundlikeApi } from '../shared/contract';
import type { Settings } from '../shared/domain';
import { ANALYSIS_TUNABLES } from '../shared/defaults';
import { SoundlikeError } from '../shared/errors';
import { AnalysisServiceImpl } from './analysis/analysis-service';
import { DesktopServiceImpl } from './desktop/desktop-service';
import { EngineClient } from './analysis/engine-client';
import { readManifestIdentity, readModelFacts } from '../engine/manifest';
import { openDataFolder, placeWaitingUserData, type DataFolderOptions } from './data-folder';
import type { LibraryDb } from './db/library-db';
import { LibraryServiceImpl } from './library/library-service';
import { MediaFiles } from './media/media-files';
import { analysisWorkerPath, dataPaths, defaultManifestPath, indexWorkerPath, type DataPaths } from './paths';
import { PlaylistServiceImpl } from './playlists/playlist-service';
import { RadioServiceImpl } from './radio/radio-service';
import { VectorIndex } from './radio/vector-index';
import { playbackContract } from './playback/playback-contract';
import { PlaybackServiceImpl } from './playback/playback-service';
import { SettingsServiceImpl } from './settings/settings-service';

export interface ServicesOptions extends DataFolderOptions {
  dataDir: string;
  transport: 'electron' | 'web';
  /** Watch folders, rescan and analyse in the background (an app); off for one-shot CLI commands. */
  live: boolean;
  /** The encoder's manifest (default: the shipped models/manifest.json, or $SOUNDLIKE_MODEL). */
  manifestPath?: string;
}

export interface Services {
  api: SoundlikeApi & { library: LibraryServiceImpl; settings: SettingsServiceImpl; analysis: AnalysisServiceImpl; radio: RadioServiceImpl; playlists: PlaylistServiceImpl; desktop: DesktopServiceImpl };
  /**
   * The playback service itself, whose onDidChangeQueue carries the whole queue on every change (main-side
   * listeners and benchmarks); api.playback is its contract view, which sends edits as edits.
   */
  playback: PlaybackServiceImpl;
  /** The analysis worker's handle (benchmarks use it directly). */
  engine: EngineClient;
  media: MediaFiles;
  paths: DataPaths;
  /** The database (benchmarks and tools; the services are its only writers in the app). */
  db: LibraryDb;
  /** Messages from start-up for the user (e.g. a database recovered from backup). */
  notices: string[];
  /** True when another process holds the data folder and this one only reads (see readOnlyIfBusy). */
  readOnly: boolean;
  dispose(): Promise<void>;
}

export const APP_VERSION: string = pkg.version;

export async function createServices(options: ServicesOptions): Promise<Services> {
  const paths = dataPaths(options.dataDir);
  const folder = openDataFolder(paths, { owner: options.owner ?? (options.transport === 'electron' ? 'the Soundlike app' : undefined), readOnlyIfBusy: options.readOnlyIfBusy });
  const db = folder.db;
  const settings = new SettingsServiceImpl(db, { version: APP_VERSION, dataDir: paths.root, transport: options.transport, notices: db.notices, logFile: paths.log });
  const watchSetting = (await settings.getSettings()).watchFolders;
  const library = new LibraryServiceImpl(db, {
    coversDir: paths.covers, waveformsDir: paths.waveforms, watch: options.live && watchSetting, findFfmpeg: () => settings.findFfmpeg(),
  });
  const playback = new PlaybackServiceImpl(db);
  const manifestPath = options.manifestPath ?? defaultManifestPath();
  const engine = new EngineClient(analysisWorkerPath(), async () => {
    const s = await settings.getSettings();
    const ffmpeg = await settings.findFfmpeg();
    if (!ffmpeg) {
      throw new SoundlikeError('FFMPEG_MISSING', 'ffmpeg was not found, so the sound of tracks cannot be analysed.',
        'Install ffmpeg (Debian/Ubuntu: apt-get install ffmpeg) or set its path in Settings.');
    }
    return {
      manifestPath, ffmpeg: ffmpeg.path, device: s.analysisDevice, threads: s.analysisThreads, stepSeconds: s.fragmentStepSec,
      batchSize: ANALYSIS_TUNABLES.batchSize, topTags: ANALYSIS_TUNABLES.topTags,
    };
  });
  const analysis = new AnalysisServiceImpl(db, engine, async () => (await settings.getSettings()).fragmentStepSec, () => readManifestIdentity(manifestPath), () => readModelFacts(manifestPath));
  const playlists = new PlaylistServiceImpl(db);
  const index = new VectorIndex(indexWorkerPath());
  const radio = new RadioServiceImpl({ db, analysis, playback, index, vectorsDir: paths.vectors, onDidChangeTracks: (l) => library.onDidChangeTracks(l), readOnly: folder.readOnly });
  if (options.live) await library.start({ rescan: true });
  const engineKey = (s: Settings) => `${s.analysisDevice}/${s.analysisThreads}/${s.fragmentStepSec}`;
  let engineSettings = engineKey(await settings.getSettings());
  const followLibrary = library.onDidChangeTracks(() => {
    playback.libraryChanged();
    analysis.libraryChanged();
  });
  const subscriptions = options.live ? [
    settings.onDidChangeSettings((s) => void library.setWatching(s.watchFolders)),
    settings.onDidChangeSettings((s) => {
      if (s.autoAnalyse) analysis.kick();
      if (engineKey(s) === engineSettings) return;
      engineSettings = engineKey(s);
      // Device, threads or step changed: finish the run in hand, then start over with a new worker.
      void analysis.restart(s.autoAnalyse);
    }),
    library.onDidChangeTracks(() => void settings.getSettings().then((s) => s.autoAnalyse && analysis.kick())),
  ] : [];
  if (options.live && (await settings.getSettings()).autoAnalyse) analysis.kick();
  const followWaiting = library.onDidChangeTracks(() => placeWaitingUserData(folder));
  const stopFollowingSettings = () => [followLibrary, followWaiting, ...subscriptions].forEach((unsubscribe) => unsubscribe());
  return {
    api: { library, playback: playbackContract(playback), settings, analysis, radio, playlists, desktop: new DesktopServiceImpl(playlists, settings, { library, playback }) },
    playback,
    engine,
    media: new MediaFiles(db, paths.covers),
    db,
    paths,
    notices: db.notices,
    readOnly: folder.readOnly,
    async dispose() {
      stopFollowingSettings();
      radio.dispose();
      playlists.dispose();
      await index.close();
      await analysis.dispose();
      await library.dispose();
      playback.dispose();
      settings.dispose();
      folder.close();
    },
  };
}
