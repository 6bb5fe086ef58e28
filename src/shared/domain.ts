/** Domain types shared by every process. Plain data only: they cross IPC and HTTP as JSON. */

export type FolderStatus = 'ok' | 'missing' | 'unreadable';

export interface MusicFolder {
  id: number;
  path: string;
  status: FolderStatus;
  /** Why the folder is not 'ok', and what to do about it. */
  statusMessage: string | null;
  trackCount: number;
  lastScanAt: number | null;
  /** False when the OS refused more file watches; rescans still work. */
  watching: boolean;
  /**
   * 'file' for a single-file entry: one audio file opened with Soundlike from outside every library
   * folder, kept as a row of its own (its path is the file). Derived when listed; not stored.
   */
  kind: 'folder' | 'file';
}

export interface Track {
  id: number;
  folderId: number;
  path: string;
  size: number;
  mtimeMs: number;
  /** The tag title, or, for a file without one, its file name cleaned (track number, separators, site prefixes off). */
  title: string;
  artist: string | null;
  album: string | null;
  albumArtist: string | null;
  trackNo: number | null;
  discNo: number | null;
  year: number | null;
  genre: string | null;
  durationSec: number | null;
  codec: string | null;
  sampleRate: number | null;
  bitrate: number | null;
  /** Content hash of the embedded cover picture; null when the file has none. */
  coverId: string | null;
  replayGainTrackDb: number | null;
  replayGainAlbumDb: number | null;
  addedAt: number;
  /** False while the track's folder is missing (e.g. an unplugged drive); the row is kept. */
  available: boolean;
  /** Seconds of audio a full decode (the analysis) got from the file; null until analysed. */
  decodedSec?: number | null;
  /**
   * The audio ends well before the length its header states (a truncated or cut-off file): only the first
   * `decodedSec` seconds play. Absent or false when it is whole, or not decoded yet.
   */
  damaged?: boolean;
}

export interface ScanFailure {
  path: string;
  reason: string;
  at: number;
}

/** Every library job ends with this (house rule: {added, updated, removed, failed}). */
export interface ScanSummary {
  added: number;
  updated: number;
  removed: number;
  /** Files moved or renamed: their rows, likes and history were kept. */
  moved: number;
  failed: number;
  unchanged: number;
  failures: ScanFailure[];
  durationMs: number;
}

export type ScanPhase = 'idle' | 'listing' | 'reading' | 'done';

/** One throttled progress event; a job always ends with a tick where final is true. */
export interface ScanProgress {
  phase: ScanPhase;
  done: number;
  total: number;
  added: number;
  updated: number;
  removed: number;
  failed: number;
  currentPath: string | null;
  final: boolean;
}

export interface TracksChanged {
  /** Monotonic library version; a client refetches when it sees a newer one. */
  version: number;
}

/** One moment of a song: a fragment's span and what the model heard there. */
export interface FragmentMoment {
  trackId: number;
  startSec: number;
  endSec: number;
  /**
   * The fragment's tags: each shown group's most probable class with its probability, or without one
   * (`p` absent) for a group the model measures from the signal rather than predicts (a fact, not a guess).
   */
  tags: { tag: string; p?: number }[];
}

/** Why a radio picked a song: the moment of it that matched which moments of the seed. */
export interface PickExplanation {
  /** The pick's best-matching fragment. */
  pick: FragmentMoment;
  /** The seed fragments closest to it, closest first, each with its own cosine distance. */
  seeds: (FragmentMoment & { distance: number })[];
  /** The design's score: sum over the seed fragments of the cosine distance to the pick's fragment. */
  distanceSum: number;
  /** distanceSum / number of seed fragments: 0 same, 1 unrelated, 2 opposite. */
  distance: number;
  /** Tags predicted both for the pick's moment and its closest seed moment. */
  tagsInCommon: string[];
  /**
   * The moments that matched when the songs were compared as wholes (up to 3, strongest first, no moment
   * twice): seed moment <-> pick moment, with their cosine distance. Absent in explanations stored before.
   */
  matches?: { seed: FragmentMoment; pick: FragmentMoment; distance: number }[];
  /**
   * The radio's ranking score: how alike the songs are as wholes (symmetric Chamfer similarity of their
   * moments in the library's sound space, 1 = the same; skipped songs' share taken off). Absent before.
   */
  songSimilarity?: number;
  /** How close the pick is for this library (its own pairs of songs as the scale). Absent before. */
  closeness?: PickCloseness;
}

/** Words for a pick's closeness, calibrated on the library's own distribution of song pairs. */
export type ClosenessWords = 'very close' | 'close' | 'related' | 'far';

/**
 * A pick's closeness relative to this library: of the pairs of different songs in it (sampled, scored
 * the way the radio scores a pick), the share that sound less alike than the seed and the pick.
 */
export interface PickCloseness {
  /** 0-100: "closer than `percentile` % of song pairs in your library" (one decimal). */
  percentile: number;
  words: ClosenessWords;
  /** Song pairs the scale was measured on. */
  pairs: number;
}

export type QueueItemOrigin =
  | { kind: 'user' }
  | { kind: 'radio'; radioId: number; explanation: PickExplanation | null };

export interface QueueItem {
  /** Stable id of this entry (the same track can be queued twice). */
  id: number;
  trackId: number;
  origin: QueueItemOrigin;
}

export interface QueueState {
  items: QueueItem[];
  /** Index into items of what is playing or next to play; -1 when nothing is. */
  currentIndex: number;
  version: number;
}

/**
 * A track change: only which entry is current, so moving through a queue of any length costs one small
 * message. `version` counts with QueueState's: a client applies it only onto the queue it describes.
 */
export interface QueuePosition {
  /** Index into the queue's items; -1 when nothing is current. */
  currentIndex: number;
  /** The entry at currentIndex (null when -1), so a client can tell its copy of the queue is the same. */
  itemId: number | null;
  version: number;
}

/**
 * One step of a queue edit, applied onto the result of the step before it. Indexes are positions in
 * the items as they stand at that step.
 */
export type QueueEditOp =
  | { kind: 'insert'; index: number; items: QueueItem[] }
  | { kind: 'remove'; index: number; count: number }
  /** Scattered entries taken out by id (cheaper than many one-entry ranges, e.g. a removed folder's songs). */
  | { kind: 'removeEntries'; ids: number[] }
  | { kind: 'move'; from: number; to: number };

/**
 * What one queue edit changed (enqueue, remove, move, clear, a radio adding or dropping picks, a folder
 * removal), so a 200k-entry queue does not cross a process boundary for a one-entry change. It applies
 * only onto the queue at `baseVersion`: a client holding another version fetches the queue again.
 */
export interface QueueEdit {
  baseVersion: number;
  version: number;
  ops: QueueEditOp[];
  /** Index of the current entry after the edit; -1 when nothing is current. */
  currentIndex: number;
  /** Entries after the edit, so a client can tell its copy came out right. */
  length: number;
}

export interface PlayRecord {
  trackId: number;
  /** How much was heard, in seconds. */
  listenedSec: number;
  /** True when the track played to its end, false when the user moved on. */
  completed: boolean;
}

export type ReplayGainMode = 'off' | 'track' | 'album';

/** Where the encoder runs: 'auto' picks CUDA when onnxruntime's CUDA provider is installed. */
export type AnalysisDevice = 'auto' | 'cpu' | 'cuda';

export interface Settings {
  /** Player volume 0..1. */
  volume: number;
  replayGain: ReplayGainMode;
  /** Watch music folders for changes (chokidar). */
  watchFolders: boolean;
  /** Explicit ffmpeg binary; null = ffmpeg-static if installed, else ffmpeg on PATH. */
  ffmpegPath: string | null;
  /** Analyse new tracks by themselves, in the background. */
  autoAnalyse: boolean;
  analysisDevice: AnalysisDevice;
  /** CPU threads for the encoder (ffmpeg decodes beside it in its own process). */
  analysisThreads: number;
  /** Seconds between the starts of two 5-second fragments (changing it re-analyses the library). */
  fragmentStepSec: number;
  /**
   * Desktop app: closing the window hides it and the music plays on, with Soundlike in the tray (its menu
   * shows the window or quits). Off: closing the window quits. The web host ignores it.
   */
  closeToTray: boolean;
}

export interface AppEnvironment {
  version: string;
  dataDir: string;
  transport: 'electron' | 'web';
  ffmpeg: { path: string; version: string } | null;
  platform: string;
  /** CPU cores of the machine main runs on (the analysis threads setting goes up to this). */
  cpuCount: number;
  /** What start-up had to tell the user (a library restored from its backup: what came back, what was lost). */
  notices: string[];
  /** The log file every "see the log" hint means. */
  logFile: string;
}

/** A source the shipped model learned from (or was chosen or evaluated on), with the licences it is under. */
export interface LicensedSource {
  name: string;
  /** What it is, e.g. "Debian package (game soundtrack)" or "soundfont (synthetic songs)". */
  kind: string;
  /** What training did with it: learned from, chose the model, or evaluation only. */
  role: string;
  licences: string[];
}

/** An open-source component the app ships. */
export interface ShippedComponent {
  name: string;
  version: string;
  licence: string;
  role: string;
}

/** The About box: this build, its licence, the model and the data it learned from, and what ships with it. */
export interface AboutInfo {
  name: string;
  version: string;
  licence: string;
  copyright: string;
  model: { id: string; created: string; note: string };
  trainingData: LicensedSource[];
  demoLibrary: { licence: string; summary: string };
  components: ShippedComponent[];
}

export type AnalysisPhase = 'idle' | 'starting' | 'analysing' | 'paused' | 'done' | 'error';

/** One throttled analysis progress event; a run always ends with a tick where final is true. */
export interface AnalysisProgress {
  phase: AnalysisPhase;
  /** Tracks finished (analysed or failed) in this run, of total. */
  done: number;
  total: number;
  failed: number;
  /** Tracks finished per second over the last few tracks. */
  tracksPerSec: number;
  /** Seconds of audio analysed per second over the same tracks (the rate the time left is worked out from). */
  realtimeX: number;
  /** Seconds left: the audio still to analyse at the recent audio rate; null until there is a rate. */
  etaSec: number | null;
  currentTrackId: number | null;
  /** What went wrong (phase 'error'), in words, with what to do. */
  message: string | null;
  final: boolean;
}

export interface AnalysisCounts {
  total: number;
  done: number;
  failed: number;
  pending: number;
  fragments: number;
  /**
   * Of the pending: tracks analysed with another sound model, fragment step or feature version (after an
   * update or a settings change), waiting to be analysed again. Radios use the tracks already redone.
   */
  outdated: number;
}

export interface AnalysisStatus {
  progress: AnalysisProgress;
  counts: AnalysisCounts;
  /** The loaded encoder, once analysis has started. */
  model: { id: string; device: 'cpu' | 'cuda' } | null;
  cudaAvailable: boolean;
}

export type TrackAnalysisStatus = 'done' | 'failed' | 'pending';

export interface TrackAnalysisState {
  trackId: number;
  status: TrackAnalysisStatus;
  /** Why it failed. */
  error: string | null;
}

export interface AnalysisFailure {
  trackId: number;
  path: string;
  reason: string;
  at: number;
}

/** What a radio is built from. */
export type RadioSeed =
  | { kind: 'track'; trackId: number }
  | { kind: 'tracks'; trackIds: number[] }
  | { kind: 'playlist'; playlistId: number }
  | { kind: 'liked' };

export interface RadioOptions {
  /** Picks to queue now (the radio adds more as the queue drains). */
  count: number;
  /** 0 = as close as possible; 1 = varied (more distant picks, spread apart). */
  adventure: number;
  /** No artist twice within this many picks. */
  artistGap: number;
}

export interface RadioPick {
  trackId: number;
  explanation: PickExplanation;
}

export interface RadioSession {
  radioId: number;
  seed: RadioSeed;
  seedTrackIds: number[];
  options: RadioOptions;
  picks: RadioPick[];
  /**
   * Queue rules the radio had to relax to fill its queue, in the order it relaxes them: 'artist-gap'
   * (every candidate shares an artist with the songs just before), then 'same-song' (other versions of a
   * song already queued). Empty or absent: every rule held.
   */
  relaxed?: ('artist-gap' | 'same-song')[];
  /**
   * How much of the library the radio could hear when it chose: songs analysed with the current model
   * and step, of all songs. While analysis goes on, the not-yet-played picks are re-ranked with the songs
   * analysed since (the ones heard stay). Absent in older sessions.
   */
  coverage?: { analysed: number; total: number };
  /**
   * Something the listener should know about how this radio was made: its saved index was found damaged
   * and rebuilt from the library database. Given once, with the first radio after the repair.
   */
  notice?: string;
}

export type RadioFeedbackKind = 'skip' | 'less';

/**
 * What steering the playing radio (the adventure setting, "less like this") did to the picks not played
 * yet: they are chosen again at once, the ones heard (and the one playing) stay.
 */
export interface RadioSteer {
  /** The radio as it is now (null when none plays). */
  session: RadioSession | null;
  /** Upcoming picks that are new, or in another place than before (a song taken out does not count). */
  changed: number;
  /** Upcoming picks of this radio now. */
  upcoming: number;
}

/** Undoing "block artist": the artist is let back in and the picks the block took out are queued again. */
export interface ArtistUnblocked {
  blocked: string[];
  /** Picks put back where they were (none when the radio that lost them has stopped). */
  restored: number;
}

export interface PlaylistSummary {
  id: number;
  name: string;
  trackCount: number;
  durationSec: number;
  updatedAt: number;
}

export interface Playlist extends PlaylistSummary {
  /** In order; a track can appear more than once. */
  trackIds: number[];
}

/**
 * A playlist file the user picked in the page (a browser file input): its name and text. The server
 * never reads a path a page names, so this is all an import from a page can carry.
 */
export interface PlaylistFile {
  /** The file's name (e.g. `road trip.m3u8`): its extension is checked and it names the playlist. */
  name: string;
  text: string;
}

export interface M3uImport {
  playlist: Playlist;
  /** Entries of the file that are not in the library (or not found), as written in the file. */
  missing: string[];
}

/** A song's loudness outline for drawing its strip: peak levels 0..1 in equal time buckets. */
export interface Waveform {
  trackId: number;
  durationSec: number;
  peaks: number[];
}

export interface SonicMapPoint {
  trackId: number;
  /** Position in the map, each axis scaled to -1..1. */
  x: number;
  y: number;
  /** The track's most probable tag of the colouring group (e.g. "brightness:dark"), or null. */
  tag: string | null;
}

/** A 2-D picture of the library's sound: nearby points sound alike. */
export interface SonicMap {
  points: SonicMapPoint[];
  /** How the 2-D positions were made, in words. */
  method: string;
  /** Share of the vectors' variance the two axes show. */
  explainedVariance: number;
  /** The tag group points are coloured by, as the model's manifest says (e.g. "brightness"); null: none may. */
  colourGroup: string | null;
  /** The colour group's tags in the manifest's order (a graded group reads low to high: dark, balanced, bright). */
  colourClasses: string[];
}

export interface SonicPathOptions {
  /** Songs between the two (the two themselves are not counted), 1-50. */
  count: number;
  /** Queue the walk (the start, the steps, the end) in place of the queue; false only previews it. */
  play: boolean;
}

/** One song of a sonic path, explained like a radio pick against the song before it on the walk. */
export interface SonicPathStep {
  trackId: number;
  explanation: PickExplanation;
  /** How alike it is to the start and to the end song as wholes (sets of moments; 1 = the same). */
  toStart: number;
  toEnd: number;
}

/** A walk from one song to another through the sound space (Plexamp's Sonic Adventure). */
export interface SonicPath {
  fromTrackId: number;
  toTrackId: number;
  /** The songs between, in walking order; fewer than asked when the library has no more. */
  steps: SonicPathStep[];
  /** How the end song follows the last step (the end song's moments matched with that step's). */
  arrival: PickExplanation | null;
  options: SonicPathOptions;
  /** The radio id its queue entries carry (0 for a preview). */
  radioId: number;
}

/**
 * News of the service host (the process running the library, database and analysis) from the app's
 * supervisor: it stopped unexpectedly and is being restarted, serves again (nothing was lost: the
 * database and user data are written as they change), or stopped for good after repeated crashes.
 */
export interface ServicesRestart {
  state: 'restarting' | 'restarted' | 'stopped';
  /** What happened, in the user's words. */
  message: string;
  /** What to do, when there is something to do. */
  hint?: string;
}

/** What the player has loaded, for the tray and other desktop surfaces (resolved by main from the id). */
export interface NowPlaying {
  trackId: number;
  title: string;
  artist: string | null;
  playing: boolean;
}

/** What the renderer's player reports: the loaded track (null: none) and whether it is playing. */
export interface NowPlayingReport {
  trackId: number | null;
  playing: boolean;
}

/** A player command from outside the page (the tray menu); the player handles it like a media key. */
export type MediaCommand = 'play' | 'pause' | 'togglePlay' | 'stop' | 'next' | 'previous';

export const MEDIA_COMMANDS: readonly MediaCommand[] = ['play', 'pause', 'togglePlay', 'stop', 'next', 'previous'];

/** The outcome of "Open with Soundlike": the tracks queued (the first plays) and the files that could not be. */
export interface OpenedFiles {
  trackIds: number[];
  failed: { path: string; reason: string }[];
}
