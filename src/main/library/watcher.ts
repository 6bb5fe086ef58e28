/**
 * Watches music folders with chokidar and asks for a rescan of a folder once its file events go quiet
 * (the rescan's size/mtime diff finds what changed). One watch per directory, none per file; a vanished
 * root is polled until it returns; running out of watches (ENOSPC) is reported, and rescans still work.
 * Links are not followed by the watch itself: only the linked folders the last scan found music in are
 * added, and trees the scan skipped for holding no audio are left out, so a link to /etc costs nothing.
 */
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { isAudioPath } from '../../shared/audio-formats';
import { LIBRARY_TUNABLES } from '../../shared/defaults';

export interface WatcherCallbacks {
  /** Files under the folder changed (or the folder came back): rescan it. */
  onChange(folderId: number): void;
  /** Watching stopped working for the folder (e.g. the OS watch limit); message says what to do. */
  onWatchFailed(folderId: number, message: string): void;
}

interface Entry {
  path: string;
  watcher: FSWatcher | null;
  debounce: NodeJS.Timeout | null;
  poll: NodeJS.Timeout | null;
  ok: boolean;
  /** Real paths of linked folders holding music, watched besides the root. */
  linked: Set<string>;
  /** Real paths of trees the last scan skipped (no audio): never watched. */
  skipped: Set<string>;
}

/** What a scan learned about a folder's tree that decides what to watch (see walk.ts). */
export interface WatchLayout {
  linkedMusicDirs: string[];
  skippedDirs: string[];
}

const ROOT_POLL_MS = 5000;

export class FolderWatcher {
  private readonly entries = new Map<number, Entry>();

  constructor(private readonly callbacks: WatcherCallbacks) {}

  isWatching(folderId: number): boolean {
    return this.entries.get(folderId)?.ok ?? false;
  }

  /** Starts watching; resolves once chokidar has walked the tree. */
  async add(folderId: number, path: string): Promise<void> {
    await this.remove(folderId);
    const entry: Entry = { path, watcher: null, debounce: null, poll: null, ok: false, linked: new Set(), skipped: new Set() };
    this.entries.set(folderId, entry);
    await this.start(folderId, entry);
  }

  async remove(folderId: number): Promise<void> {
    const entry = this.entries.get(folderId);
    if (!entry) return;
    this.entries.delete(folderId);
    if (entry.debounce) clearTimeout(entry.debounce);
    if (entry.poll) clearInterval(entry.poll);
    await entry.watcher?.close();
  }

  /** The directories watched for a folder (what chokidar holds), for diagnostics and tests. */
  watchedDirs(folderId: number): string[] {
    return Object.keys(this.entries.get(folderId)?.watcher?.getWatched() ?? {});
  }

  /** Watches the linked music folders a scan found and stops watching the trees it skipped. */
  setLayout(folderId: number, layout: WatchLayout): void {
    const entry = this.entries.get(folderId);
    if (!entry) return;
    const linked = new Set(layout.linkedMusicDirs);
    const added = [...linked].filter((dir) => !entry.linked.has(dir));
    const dropped = [...entry.linked].filter((dir) => !linked.has(dir));
    const skipped = layout.skippedDirs.filter((dir) => !entry.skipped.has(dir));
    entry.linked = linked;
    entry.skipped = new Set(layout.skippedDirs);
    if (!entry.watcher) return; // start() watches the new layout when the root comes back
    if (dropped.length + skipped.length > 0) entry.watcher.unwatch([...dropped, ...skipped]);
    if (added.length > 0) entry.watcher.add(added);
  }

  async close(): Promise<void> {
    await Promise.all([...this.entries.keys()].map((id) => this.remove(id)));
  }

  private schedule(folderId: number, entry: Entry): void {
    if (entry.debounce) clearTimeout(entry.debounce);
    entry.debounce = setTimeout(() => {
      entry.debounce = null;
      if (this.entries.get(folderId) === entry) this.callbacks.onChange(folderId);
    }, LIBRARY_TUNABLES.watchDebounceMs);
  }

  private async start(folderId: number, entry: Entry): Promise<void> {
    // A single-file entry (a file opened with Soundlike) is not watched: its scans are by hand and at start.
    if (await stat(entry.path).then((s) => s.isFile(), () => false)) return;
    const exists = await stat(entry.path).then((s) => s.isDirectory(), () => false);
    if (!exists) {
      this.pollForReturn(folderId, entry);
      return;
    }
    const watcher = watch([entry.path, ...entry.linked], {
      ignoreInitial: true,
      persistent: true,
      // Links are followed by the scan, which then names the linked folders worth watching (setLayout).
      followSymlinks: false,
      // Watch directories only: a directory's own inotify watch already reports its files by name (the
      // 'raw' events below), so per-file watches, about 14 KB of memory and one kernel watch each,
      // would buy nothing. Hidden entries (.Trash, .sync) and trees without music are skipped.
      ignored: (path, stats) => stats?.isFile() === true || entry.skipped.has(path) ||
        (path !== entry.path && !entry.linked.has(path) && basename(path).startsWith('.')),
    });
    entry.watcher = watcher;
    watcher.on('raw', (_event, name, details) => {
      const dir = (details as { watchedPath?: string }).watchedPath;
      if (typeof name === 'string' && dir && isAudioPath(name)) this.schedule(folderId, entry);
    });
    watcher.on('all', (event, path) => {
      if (event === 'unlinkDir' && path === entry.path) {
        // The root itself went away: rescan now (marks it missing), then wait for it to come back.
        this.callbacks.onChange(folderId);
        void watcher.close();
        entry.watcher = null;
        entry.ok = false;
        this.pollForReturn(folderId, entry);
        return;
      }
      this.schedule(folderId, entry); // folders added, removed or renamed
    });
    watcher.on('error', (error) => {
      const code = (error as NodeJS.ErrnoException).code;
      entry.ok = false;
      const message = code === 'ENOSPC' || code === 'EMFILE'
        ? 'The system limit on watched files was reached, so changes here are not picked up automatically. ' +
          'Rescan by hand, or raise the limit (Linux: sysctl fs.inotify.max_user_watches=524288).'
        : `Watching this folder failed (${error instanceof Error ? error.message : String(error)}). Rescan by hand.`;
      this.callbacks.onWatchFailed(folderId, message);
    });
    await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
    if (this.entries.get(folderId) === entry && entry.watcher === watcher) entry.ok = true;
  }

  private pollForReturn(folderId: number, entry: Entry): void {
    if (entry.poll) return;
    entry.poll = setInterval(() => {
      void stat(entry.path).then(async (info) => {
        if (!info.isDirectory() || this.entries.get(folderId) !== entry || !entry.poll) return;
        clearInterval(entry.poll);
        entry.poll = null;
        await this.start(folderId, entry);
        this.callbacks.onChange(folderId);
      }, () => undefined);
    }, ROOT_POLL_MS);
    entry.poll.unref?.();
  }
}
