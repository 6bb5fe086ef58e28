/**
 * LibraryService: music folders, scans (one at a time, queued), the watcher, and the library events.
 * The only place that decides when a scan runs; the scanner itself is a pure pipeline.
 */
import { realpath } from 'node:fs/promises';
import type { LibraryService, TrackPage, TrackPageRequest } from '../../shared/contract';
import { LIBRARY_TUNABLES } from '../../shared/defaults';
import type { MusicFolder, ScanProgress, ScanSummary, TracksChanged, Waveform } from '../../shared/domain';
import { SoundlikeError } from '../../shared/errors';
import type { LibraryDb } from '../db/library-db';
import { Emitter, ThrottledProgress } from '../events';
import { scanFolders } from './scanner';
import { entryKinds, singleFileEntries, validateOpenedFile } from './single-file';
import { validPage } from './track-page';
import { isInside, validateNewFolder } from './validate-folder';
import { FolderWatcher } from './watcher';
import { trackWaveform } from './waveform';

export interface LibraryServiceOptions {
  coversDir: string;
  /** Cached waveforms. */
  waveformsDir: string;
  /** The ffmpeg to decode with (null when none is installed). */
  findFfmpeg: () => Promise<{ path: string } | null>;
  /** Watch folders for changes (off for one-shot CLI commands). */
  watch: boolean;
}

const IDLE: ScanProgress = { phase: 'idle', done: 0, total: 0, added: 0, updated: 0, removed: 0, failed: 0, currentPath: null, final: true };

export class LibraryServiceImpl implements LibraryService {
  private readonly progressEmitter = new Emitter<ScanProgress>();
  private readonly tracksEmitter = new Emitter<TracksChanged>();
  private readonly foldersEmitter = new Emitter<MusicFolder[]>();
  private readonly watcher: FolderWatcher;
  private readonly watchFailures = new Map<number, string>();
  private progress: ScanProgress = IDLE;
  private scanChain: Promise<unknown> = Promise.resolve();
  private version = 1;

  readonly onDidScanProgress = this.progressEmitter.event;
  readonly onDidChangeTracks = this.tracksEmitter.event;
  readonly onDidChangeFolders = this.foldersEmitter.event;

  constructor(private readonly db: LibraryDb, private readonly options: LibraryServiceOptions) {
    this.watcher = new FolderWatcher({
      onChange: (folderId) => void this.rescan(folderId).catch((error) => console.error('[soundlike] rescan failed:', error)),
      onWatchFailed: (folderId, message) => {
        this.watchFailures.set(folderId, message);
        this.emitFolders();
      },
    });
  }

  /** Starts watching every stored folder (and rescans them, since files may have changed while closed). */
  async start(options: { rescan: boolean }): Promise<void> {
    if (this.options.watch) {
      await Promise.all(this.db.folders.list().map((f) => this.watcher.add(f.id, f.path)));
    }
    if (options.rescan && this.db.folders.list().length > 0) void this.rescan().catch(() => undefined);
  }

  /** Turns folder watching on or off at once (the watchFolders setting). */
  async setWatching(on: boolean): Promise<void> {
    if (on === this.options.watch) return;
    this.options.watch = on;
    if (on) {
      await Promise.all(this.db.folders.list().map((f) => this.watcher.add(f.id, f.path)));
      void this.rescan().catch(() => undefined); // catch up on what changed while unwatched
    } else {
      await this.watcher.close();
      this.watchFailures.clear();
    }
    this.emitFolders();
  }

  async listFolders(): Promise<MusicFolder[]> {
    const folders = this.db.folders.list();
    const kinds = await entryKinds(folders);
    return folders.map((f, i) => ({
      ...f,
      watching: this.watcher.isWatching(f.id),
      statusMessage: f.statusMessage ?? this.watchFailures.get(f.id) ?? null,
      kind: kinds[i],
    }));
  }

  async addFolder(path: string): Promise<MusicFolder> {
    const id = await this.insertFolder(path);
    void this.rescan(id).catch((error) => console.error('[soundlike] scan failed:', error));
    return this.folderById(id);
  }

  /** Adds a folder and waits for its first scan (the CLI's `scan`). */
  async addFolderAndScan(path: string): Promise<{ folder: MusicFolder; summary: ScanSummary }> {
    const id = await this.insertFolder(path);
    const summary = await this.rescan(id);
    return { folder: await this.folderById(id), summary };
  }

  /**
   * Checks, stores, watches and announces a new folder; its scan is the caller's. Files opened with
   * Soundlike earlier (single-file entries) inside it become part of it, their tracks kept as they are.
   */
  private async insertFolder(path: string): Promise<number> {
    const stored = this.db.folders.paths();
    const singles = await singleFileEntries(stored);
    const resolved = await validateNewFolder(path, stored.filter((f) => !singles.includes(f)).map((f) => f.path));
    const real = await realpath(resolved);
    const absorbed = singles.filter((f) => isInside(real, f.path) || isInside(resolved, f.path));
    // A scan in flight must not write rows of an entry being folded in (as removeFolder waits too).
    if (absorbed.length > 0) await this.scanChain.catch(() => undefined);
    const id = this.db.transaction(() => {
      const folderId = this.db.folders.insert(resolved);
      for (const single of absorbed) {
        this.db.folders.adoptTracks(single.id, folderId);
        this.db.folders.delete(single.id);
      }
      return folderId;
    });
    for (const single of absorbed) await this.watcher.remove(single.id);
    if (this.options.watch) await this.watcher.add(id, resolved);
    this.emitFolders();
    return id;
  }

  /**
   * The track of a file the user opened: looked up in the library folder holding it (scanned first when
   * the file is new there); a file outside every folder becomes a single-file entry (a folder row whose
   * path is the file itself), so it and nothing beside it is served. Rejects saying why it cannot play.
   */
  async trackOfOpenedFile(input: string): Promise<number> {
    const { path, real } = await validateOpenedFile(input);
    const candidates = [...new Set([path, real])];
    const find = (): number | null => {
      for (const folder of this.db.folders.paths()) {
        if (!candidates.some((c) => isInside(folder.path, c))) continue;
        const row = this.db.tracks.stampsOfFolder(folder.id).find((s) => candidates.includes(s.path));
        if (row) return row.id;
      }
      return null;
    };
    const holder = this.db.folders.paths().find((f) => candidates.some((c) => isInside(f.path, c)));
    let id = find();
    if (id !== null) return id;
    const folderId = holder?.id ?? this.db.folders.insert(real);
    await this.rescan(folderId);
    id = find();
    const failure = this.db.failures.list().find((f) => candidates.includes(f.path));
    // A single-file entry whose file is no music is not kept (its failure row goes with it).
    if (id === null && !holder) this.db.folders.delete(folderId);
    if (!holder) this.emitFolders();
    if (id !== null) return id;
    throw new SoundlikeError('INVALID_ARGUMENT', `${path} could not be read as music${failure ? `: ${failure.reason}` : '.'}`,
      'Check that the file plays elsewhere; Folders lists files that could not be read.');
  }

  private async folderById(id: number): Promise<MusicFolder> {
    return (await this.listFolders()).find((f) => f.id === id) as MusicFolder;
  }

  async removeFolder(folderId: number): Promise<void> {
    this.requireFolder(folderId);
    // Wait for a running scan so it does not write rows of a folder being removed.
    await this.scanChain.catch(() => undefined);
    await this.watcher.remove(folderId);
    this.watchFailures.delete(folderId);
    this.db.folders.delete(folderId);
    this.bumpVersion();
    this.emitFolders();
  }

  rescan(folderId?: number): Promise<ScanSummary> {
    const folders = this.db.folders.list().filter((f) => folderId === undefined || f.id === folderId);
    if (folderId !== undefined && folders.length === 0) {
      return Promise.reject(new SoundlikeError('UNKNOWN_FOLDER', `No library folder has id ${folderId}.`, 'Refresh the folder list.'));
    }
    const run = this.scanChain.catch(() => undefined).then(() => this.runScan(folderId));
    this.scanChain = run;
    return run;
  }

  async listTracks() {
    return this.db.tracks.all();
  }

  async listTrackPage(page: TrackPageRequest): Promise<TrackPage> {
    const { offset, limit } = validPage(page);
    // One read transaction would be stricter, but main is the only writer and this runs synchronously.
    return { tracks: this.db.tracks.page(offset, limit), total: this.db.tracks.count() };
  }

  async getTrack(trackId: number) {
    if (!Number.isInteger(trackId)) throw new SoundlikeError('INVALID_ARGUMENT', 'A track id is a whole number.');
    const track = this.db.tracks.byId(trackId);
    if (!track) throw new SoundlikeError('UNKNOWN_TRACK', `No track has id ${trackId}.`, 'The library may have changed; refresh it.');
    return track;
  }

  async listScanFailures() {
    return this.db.failures.list();
  }

  async getScanProgress() {
    return this.progress;
  }

  async getWaveform(trackId: number): Promise<Waveform> {
    const track = await this.getTrack(trackId);
    const ffmpeg = await this.options.findFfmpeg();
    if (!ffmpeg) throw new SoundlikeError('FFMPEG_MISSING', 'ffmpeg was not found, so the song cannot be drawn.', 'Install ffmpeg (Debian/Ubuntu: apt-get install ffmpeg) or set its path in Settings.');
    try {
      return await trackWaveform(track, ffmpeg.path, this.options.waveformsDir);
    } catch (error) {
      throw new SoundlikeError('TRACK_FILE_MISSING', `The file of "${track.title}" could not be read (${(error as Error).message}).`, 'Reconnect its drive or folder, or rescan the library.');
    }
  }

  async setLiked(trackId: number, liked: boolean): Promise<void> {
    await this.getTrack(trackId);
    if (typeof liked !== 'boolean') throw new SoundlikeError('INVALID_ARGUMENT', 'liked must be true or false.');
    this.db.radio.setLiked(trackId, liked);
  }

  async listLiked(): Promise<number[]> {
    return this.db.radio.likedTrackIds();
  }

  async dispose(): Promise<void> {
    await this.watcher.close();
    await this.scanChain.catch(() => undefined);
    this.progressEmitter.dispose();
    this.tracksEmitter.dispose();
    this.foldersEmitter.dispose();
  }

  private async runScan(folderId?: number): Promise<ScanSummary> {
    // Re-read: folders may have been removed while this scan waited its turn.
    const folders = this.db.folders.list().filter((f) => folderId === undefined || f.id === folderId);
    const throttle = new ThrottledProgress<ScanProgress>((p) => {
      this.progress = p;
      this.progressEmitter.fire(p);
    }, LIBRARY_TUNABLES.progressIntervalMs);
    const ffmpeg = await this.options.findFfmpeg().catch(() => null);
    const summary = await scanFolders(this.db, folders, {
      coversDir: this.options.coversDir,
      onProgress: (p) => throttle.push(p),
      ffmpeg: ffmpeg?.path ?? null,
      onWalked: (id, layout) => this.watcher.setLayout(id, layout),
    });
    if (summary.added + summary.updated + summary.removed + summary.moved + summary.failed > 0) this.bumpVersion();
    this.emitFolders();
    await this.db.backup().catch((error) => console.error('[soundlike] backup failed:', error));
    return summary;
  }

  private bumpVersion(): void {
    this.version++;
    this.tracksEmitter.fire({ version: this.version });
  }

  private emitFolders(): void {
    void this.listFolders().then((folders) => this.foldersEmitter.fire(folders));
  }

  private requireFolder(folderId: number): void {
    if (!this.db.folders.paths().some((f) => f.id === folderId)) {
      throw new SoundlikeError('UNKNOWN_FOLDER', `No library folder has id ${folderId}.`, 'Refresh the folder list.');
    }
  }
}
