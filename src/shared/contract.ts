/**
 * The one service contract (house rule 1). Main implements these interfaces once; Electron IPC (preload)
 * and the web host (HTTP + SSE) are two transports of it, both derived from CONTRACT below, so the
 * renderer sees the same typed object whichever carries it. Later capabilities add services here.
 */
import type {
  AboutInfo,
  M3uImport,
  PlaylistFile,
  Playlist,
  PlaylistSummary,
  AnalysisFailure,
  AnalysisProgress,
  AnalysisStatus,
  AppEnvironment,
  MediaCommand,
  MusicFolder,
  NowPlaying,
  NowPlayingReport,
  OpenedFiles,
  PlayRecord,
  QueueEdit,
  QueuePosition,
  QueueState,
  RadioFeedbackKind,
  RadioOptions,
  RadioSteer,
  ArtistUnblocked,
  RadioSeed,
  RadioSession,
  ServicesRestart,
  SonicMap,
  SonicPath,
  SonicPathOptions,
  Waveform,
  ScanFailure,
  ScanProgress,
  ScanSummary,
  Settings,
  Track,
  TrackAnalysisState,
  TracksChanged,
} from './domain';

/** Stops a subscription. */
export type Unsubscribe = () => void;
/** Which tracks listTrackPage returns: `limit` (1 to 1,000) tracks from `offset` on. */
export interface TrackPageRequest {
  offset: number;
  limit: number;
}

export interface TrackPage {
  tracks: Track[];
  /** How many tracks the library holds in all. */
  total: number;
}

/** An event: subscribe with a listener, get back the function that unsubscribes. */
export type Event<T> = (listener: (payload: T) => void) => Unsubscribe;

export interface LibraryService {
  listFolders(): Promise<MusicFolder[]>;
  /** Adds a music folder, starts watching it and scans it in the background. */
  addFolder(path: string): Promise<MusicFolder>;
  /** Forgets a folder and its tracks (the files are not touched). */
  removeFolder(folderId: number): Promise<void>;
  /** Rescans one folder, or all when no id is given, and resolves when done. */
  rescan(folderId?: number): Promise<ScanSummary>;
  /** Every track, for the library view (it sorts and filters in memory). */
  listTracks(): Promise<Track[]>;
  /**
   * One page of tracks in the view's default order (artist, album, disc, track, title) and the library's
   * size: the view paints its first screen from page 0 before the whole list (listTracks) has arrived.
   */
  listTrackPage(page: TrackPageRequest): Promise<TrackPage>;
  getTrack(trackId: number): Promise<Track>;
  /** Files that could not be read, with why. */
  listScanFailures(): Promise<ScanFailure[]>;
  getScanProgress(): Promise<ScanProgress>;
  /** The song's loudness outline, for drawing its strip (decoded once, cached). */
  getWaveform(trackId: number): Promise<Waveform>;
  /** Likes feed the liked-songs radio. */
  setLiked(trackId: number, liked: boolean): Promise<void>;
  listLiked(): Promise<number[]>;
  onDidScanProgress: Event<ScanProgress>;
  onDidChangeTracks: Event<TracksChanged>;
  onDidChangeFolders: Event<MusicFolder[]>;
}

export interface PlaybackService {
  getQueue(): Promise<QueueState>;
  /** Replaces the queue (e.g. "play this album from track 3"). */
  replaceQueue(trackIds: number[], startIndex: number): Promise<QueueState>;
  /**
   * Adds tracks right after the current one ('next') or at the end. Like removeFromQueue and moveInQueue,
   * answers with what changed (announced by onDidEditQueue), not the whole queue.
   */
  enqueue(trackIds: number[], position: 'next' | 'end'): Promise<QueueEdit>;
  removeFromQueue(itemIds: number[]): Promise<QueueEdit>;
  moveInQueue(itemId: number, toIndex: number): Promise<QueueEdit>;
  /**
   * The player moved to another entry (next, previous, a click in the queue). Answers with the position
   * only (announced by onDidChangeQueuePosition), whatever the queue's length.
   */
  setCurrentIndex(index: number): Promise<QueuePosition>;
  clearQueue(): Promise<QueueState>;
  /** Listening history: what was heard and whether it was skipped. */
  recordPlay(record: PlayRecord): Promise<void>;
  /** The whole queue: it was replaced (a new album, a new radio). Every other change is an onDidEditQueue. */
  onDidChangeQueue: Event<QueueState>;
  /** Entries were added, removed or moved: only what changed, onto the version it names. */
  onDidEditQueue: Event<QueueEdit>;
  /** Only the current entry changed (a track change): the entries are as last announced. */
  onDidChangeQueuePosition: Event<QueuePosition>;
}

export interface SettingsService {
  getSettings(): Promise<Settings>;
  updateSettings(patch: Partial<Settings>): Promise<Settings>;
  getEnvironment(): Promise<AppEnvironment>;
  /** The About box: version, licences, the shipped model and the data it learned from (read from the app's own files). */
  getAbout(): Promise<AboutInfo>;
  onDidChangeSettings: Event<Settings>;
}

export interface AnalysisService {
  /** Counts, the running job's progress, the loaded model and whether CUDA is available. */
  getAnalysisStatus(): Promise<AnalysisStatus>;
  /** Analyses every pending track in the background (new files are picked up as they arrive). */
  startAnalysis(): Promise<AnalysisStatus>;
  /** Stops after the tracks in hand; nothing is lost, the rest stays pending. */
  pauseAnalysis(): Promise<AnalysisStatus>;
  /** Moves these tracks to the front of the queue (and starts analysis if paused). */
  prioritizeAnalysis(trackIds: number[]): Promise<void>;
  /** Analyses these tracks first and resolves when they are done (rejects naming what failed). */
  analyseNow(trackIds: number[]): Promise<void>;
  /** Every track's analysis state, for badges. */
  listTrackAnalysis(): Promise<TrackAnalysisState[]>;
  listAnalysisFailures(): Promise<AnalysisFailure[]>;
  onDidAnalysisProgress: Event<AnalysisProgress>;
  onDidAnalyseTrack: Event<TrackAnalysisState>;
}

export interface RadioService {
  /**
   * "Play similar sounding": builds a radio from the seed (a track, several, a playlist, the liked songs) (analysing seed songs first if needed), puts
   * it in the queue (a one-song seed plays first) and returns the picks with their explanations.
   */
  playSimilar(seed: RadioSeed, options?: Partial<RadioOptions>): Promise<RadioSession>;
  /** The same picks without touching the queue. */
  previewRadio(seed: RadioSeed, options?: Partial<RadioOptions>): Promise<RadioSession>;
  /** Adds more picks to the playing radio (it also does so by itself as the queue drains). */
  extendRadio(count?: number): Promise<QueueState>;
  /**
   * Negative feedback for the playing radio: 'skip', or 'less' (drops it from what is queued and chooses
   * the unplayed picks again, away from it); says what changed.
   */
  radioFeedback(trackId: number, kind: RadioFeedbackKind): Promise<RadioSteer>;
  /** Changes the playing radio's options (adventure: close 0 .. varied 1) and re-ranks its unplayed picks at once. */
  setRadioOptions(options: Partial<RadioOptions>): Promise<RadioSteer>;
  getActiveRadio(): Promise<RadioSession | null>;
  stopRadio(): Promise<void>;
  /** Keeps an artist out of every radio (or lets it back); returns the blocked artists. */
  setArtistBlocked(artist: string, blocked: boolean): Promise<string[]>;
  listBlockedArtists(): Promise<string[]>;
  /** Undoes a block: lets the artist back in and puts the picks the block took out of the queue back in place. */
  undoBlockArtist(artist: string): Promise<ArtistUnblocked>;
  /** The library's sound as a 2-D map (computed off the main thread, cached until analysis changes). */
  getSonicMap(): Promise<SonicMap>;
  /**
   * A sonic path: `count` songs (default 10) walking from one song to the other through the sound space,
   * each explained against the song before it; queued (start, steps, end; any radio stops) unless `play` is false.
   */
  playSonicPath(fromTrackId: number, toTrackId: number, options?: Partial<SonicPathOptions>): Promise<SonicPath>;
  onDidChangeRadio: Event<RadioSession | null>;
}

export interface PlaylistService {
  listPlaylists(): Promise<PlaylistSummary[]>;
  getPlaylist(playlistId: number): Promise<Playlist>;
  createPlaylist(name: string, trackIds?: number[]): Promise<Playlist>;
  renamePlaylist(playlistId: number, name: string): Promise<Playlist>;
  /** Replaces the playlist's tracks (edit: reorder, remove, add). */
  setPlaylistTracks(playlistId: number, trackIds: number[]): Promise<Playlist>;
  addToPlaylist(playlistId: number, trackIds: number[]): Promise<Playlist>;
  deletePlaylist(playlistId: number): Promise<void>;
  /**
   * Creates a playlist from an .m3u/.m3u8 file the user picked in the page (its name and text, never a
   * path main would read); entries not in the library are listed, not lost.
   */
  importM3u(file: PlaylistFile): Promise<M3uImport>;
  /** The playlist as extended M3U text (the page offers it as a download; main writes no file). */
  exportM3u(playlistId: number): Promise<string>;
  /** Keeps what is queued (a radio, say) as a playlist. */
  saveQueueAsPlaylist(name: string): Promise<Playlist>;
  onDidChangePlaylists: Event<PlaylistSummary[]>;
}

/**
 * What only the desktop app does: native dialogs run by main, so the file read or written, or the
 * program run as ffmpeg, is the one the user picked, never a path a page supplied. The web host refuses
 * these (a browser picks files itself, and downloads); the CLI takes paths on its command line.
 * Each resolves to null when the user cancels.
 */
export interface DesktopService {
  /** Open dialog for an .m3u/.m3u8 file, then imports it as importM3u does. */
  importM3uWithDialog(): Promise<M3uImport | null>;
  /** Save dialog, then writes the playlist there; resolves to the path written. */
  exportM3uWithDialog(playlistId: number): Promise<string | null>;
  /** Asks whether to pick the ffmpeg program or find it by itself, and applies the answer. */
  chooseFfmpegWithDialog(): Promise<AppEnvironment | null>;
  /**
   * The service host stopped unexpectedly, was restarted, or was given up on (sent by the supervisor in
   * the app and in `soundlike serve --service-host`; services run in one process never send it).
   */
  onDidRestartServices: Event<ServicesRestart>;
  /** Folder dialog, then adds the chosen folder as addFolder does (the web host refuses: type the path there). */
  chooseMusicFolder(): Promise<MusicFolder | null>;
  /** The renderer's player says what it has loaded and whether it plays (for the tray); main looks up the title. */
  reportNowPlaying(report: NowPlayingReport): Promise<void>;
  /** What the player has loaded (null: nothing), as last reported. */
  onDidChangeNowPlaying: Event<NowPlaying | null>;
  /** A tray (or other desktop) command for the player; the renderer handles it like a media key. */
  onDidRequestMediaCommand: Event<MediaCommand>;
}

/** Everything main serves. */
export interface SoundlikeApi {
  library: LibraryService;
  playback: PlaybackService;
  settings: SettingsService;
  analysis: AnalysisService;
  radio: RadioService;
  playlists: PlaylistService;
  desktop: DesktopService;
}

export type ServiceName = keyof SoundlikeApi;
type MemberKind<M> = M extends `onDid${string}` ? 'event' : 'command';
type ContractShape = { [S in ServiceName]: { [M in keyof SoundlikeApi[S]]-?: MemberKind<M> } };

/**
 * The runtime description both transports are generated from. `satisfies` makes the compiler reject a
 * member that is missing here, misnamed, or listed with the wrong kind.
 */
export const CONTRACT = {
  library: {
    listFolders: 'command',
    addFolder: 'command',
    removeFolder: 'command',
    rescan: 'command',
    listTracks: 'command',
    listTrackPage: 'command',
    getTrack: 'command',
    listScanFailures: 'command',
    getScanProgress: 'command',
    getWaveform: 'command',
    setLiked: 'command',
    listLiked: 'command',
    onDidScanProgress: 'event',
    onDidChangeTracks: 'event',
    onDidChangeFolders: 'event',
  },
  playback: {
    getQueue: 'command',
    replaceQueue: 'command',
    enqueue: 'command',
    removeFromQueue: 'command',
    moveInQueue: 'command',
    setCurrentIndex: 'command',
    clearQueue: 'command',
    recordPlay: 'command',
    onDidChangeQueue: 'event',
    onDidEditQueue: 'event',
    onDidChangeQueuePosition: 'event',
  },
  settings: {
    getSettings: 'command',
    updateSettings: 'command',
    getEnvironment: 'command',
    getAbout: 'command',
    onDidChangeSettings: 'event',
  },
  analysis: {
    getAnalysisStatus: 'command',
    startAnalysis: 'command',
    pauseAnalysis: 'command',
    prioritizeAnalysis: 'command',
    analyseNow: 'command',
    listTrackAnalysis: 'command',
    listAnalysisFailures: 'command',
    onDidAnalysisProgress: 'event',
    onDidAnalyseTrack: 'event',
  },
  radio: {
    playSimilar: 'command',
    previewRadio: 'command',
    extendRadio: 'command',
    radioFeedback: 'command',
    setRadioOptions: 'command',
    getActiveRadio: 'command',
    stopRadio: 'command',
    setArtistBlocked: 'command',
    listBlockedArtists: 'command',
    undoBlockArtist: 'command',
    getSonicMap: 'command',
    playSonicPath: 'command',
    onDidChangeRadio: 'event',
  },
  playlists: {
    listPlaylists: 'command',
    getPlaylist: 'command',
    createPlaylist: 'command',
    renamePlaylist: 'command',
    setPlaylistTracks: 'command',
    addToPlaylist: 'command',
    deletePlaylist: 'command',
    importM3u: 'command',
    exportM3u: 'command',
    saveQueueAsPlaylist: 'command',
    onDidChangePlaylists: 'event',
  },
  desktop: {
    importM3uWithDialog: 'command',
    exportM3uWithDialog: 'command',
    chooseFfmpegWithDialog: 'command',
    onDidRestartServices: 'event',
    chooseMusicFolder: 'command',
    reportNowPlaying: 'command',
    onDidChangeNowPlaying: 'event',
    onDidRequestMediaCommand: 'event',
  },
} as const satisfies ContractShape;

/**
 * Commands only the desktop app's main process gives (the tray, "Open with Soundlike"): they take file
 * paths or speak for the user, so neither the renderer nor the web host may reach them. They are listed
 * in HOST_ONLY, never in CONTRACT, so the preload and the web host (both built from CONTRACT) cannot
 * serve them; a relay between main and a service host carries HOST_ONLY as well.
 */
export interface DesktopHostCommands {
  /** Makes these audio files playable (inside a library folder, or as a single-file entry), plays the first, queues the rest. */
  openFiles(paths: string[]): Promise<OpenedFiles>;
  /** Asks the player for play, pause, next...: fires onDidRequestMediaCommand. */
  requestMediaCommand(command: MediaCommand): Promise<void>;
}

export const HOST_ONLY = {
  desktop: { openFiles: 'command', requestMediaCommand: 'command' },
} as const satisfies { desktop: { [M in keyof DesktopHostCommands]-?: 'command' } };

/** What main holds: the contract plus the host-only commands. */
export type SoundlikeHostApi = SoundlikeApi & { desktop: DesktopService & DesktopHostCommands };

export interface ContractMember {
  service: ServiceName;
  member: string;
  kind: 'command' | 'event';
  /** `domain:verb`, e.g. `library:addFolder` or `library:onDidScanProgress`. */
  channel: string;
}

export function channelOf(service: ServiceName, member: string): string {
  return `${service}:${member}`;
}

/** Every command and event in the contract, with its channel. */
export function contractMembers(): ContractMember[] {
  const out: ContractMember[] = [];
  for (const service of Object.keys(CONTRACT) as ServiceName[]) {
    for (const [member, kind] of Object.entries(CONTRACT[service])) {
      out.push({ service, member, kind, channel: channelOf(service, member) });
    }
  }
  return out;
}

/** How a renderer reaches media: transport-specific URLs for a track's audio and a cover picture. */
export interface MediaUrls {
  trackUrl(trackId: number): string;
  coverUrl(coverId: string): string;
}

/** What the renderer holds as `window.soundlike`. */
export type SoundlikeClient = SoundlikeApi & {
  media: MediaUrls;
  transport: 'electron' | 'web';
};

/** The channel the preload uses to learn the media protocol's scheme. */
export const MEDIA_SCHEME = 'soundlike-media';
