/**
 * One library scan as a pipeline of small stages: list files -> diff against the database by size and
 * mtime -> read tags of new and changed files (a few at a time) -> write in batched transactions.
 * One bad file never aborts the batch; it becomes a stored failure, retried only when the file changes
 * or the tag reader is upgraded. Moved or renamed files keep their row (and so likes and history).
 * Each row records the identity of the file it was read from; a path that now resolves to another file
 * (a re-pointed link) is read again, unless its content is provably the same. When the rules that name
 * untagged files change (FILE_TITLE_RULES), each folder's files titled by their names are read once more.
 */
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { MusicFolder, ScanFailure, ScanProgress, ScanSummary } from '../../shared/domain';
import { LIBRARY_TUNABLES } from '../../shared/defaults';
import type { LibraryDb } from '../db/library-db';
import type { TrackFields, TrackStamp } from '../db/queries/tracks';
import { entryKind, entryProblem } from './entry-problem';
import { factsFromFileName, FILE_TITLE_RULES } from './file-title';
import { fileFingerprint, forgetFolderCovers, READER_VERSION, readTrackFields } from './tags';
import { walkAudioFiles, type FoundFile, type WalkResult } from './walk';

export interface ScanOptions {
  coversDir: string;
  onProgress: (progress: ScanProgress) => void;
  /** Read tags through this function (tests and benchmarks may wrap it); defaults to music-metadata. */
  readFields?: typeof readTrackFields;
  /** The ffmpeg that checks bytes no container check recognises decode (null: the tag reader decides). */
  ffmpeg?: string | null;
  /** Told, per folder walked, which linked folders hold music and which trees were skipped (for the watcher). */
  onWalked?: (folderId: number, layout: Pick<WalkResult, 'linkedMusicDirs' | 'skippedDirs'>) => void;
}

type Write =
  | { kind: 'insert'; folderId: number; fields: TrackFields }
  | { kind: 'update'; id: number; folderId: number; fields: TrackFields }
  | { kind: 'fail'; folderId: number; path: string; reason: string; size: number | null; mtimeMs: number | null }
  | { kind: 'delete'; id: number }
  | { kind: 'identify'; id: number; fileId: string }
  | { kind: 'forget-failure'; path: string };

interface Pending {
  folderId: number;
  file: FoundFile;
  /** The stored row when the file changed in place. */
  existing: TrackStamp | null;
  /** Read again although unchanged: its title came from its file name under older rules. */
  reread?: boolean;
}

/** kv key: per folder id, the FILE_TITLE_RULES its untagged files were last named by. */
const TITLE_RULES_KEY = 'library.fileTitleRules';

/**
 * True when a row's title is what a file name gave, raw (readers before the rules) or by today's
 * rules: such a file has no title tag, so reading it again names it by the current rules.
 */
function namedByFileName(row: TrackStamp): boolean {
  const stem = basename(row.path, extname(row.path));
  return row.title === stem || row.title === factsFromFileName(stem).title;
}

function sameFile(a: { size: number; mtimeMs: number }, b: { size: number | null; mtimeMs: number | null }): boolean {
  return a.size === b.size && Math.abs(a.mtimeMs - (b.mtimeMs ?? -1)) < 1;
}

/**
 * A vanished row and a new file are one file moved (or renamed) when their content fingerprints agree;
 * rows from before fingerprints fall back to size, title and duration.
 */
function isMoveOf(gone: TrackStamp, fields: TrackFields): boolean {
  if (gone.size !== fields.size) return false;
  if (gone.fingerprint) return gone.fingerprint === fields.fingerprint;
  return gone.title === fields.title && Math.abs((gone.durationSec ?? -1) - (fields.durationSec ?? -1)) < 0.5;
}

function bySize(rows: TrackStamp[]): Map<number, TrackStamp[]> {
  const map = new Map<number, TrackStamp[]>();
  for (const row of rows) {
    const same = map.get(row.size);
    if (same) same.push(row);
    else map.set(row.size, [row]);
  }
  return map;
}

/** The vanished row this new file is a move of, taken out of the candidates; null when none is. */
function takeMove(candidatesBySize: Map<number, TrackStamp[]>, fields: TrackFields): TrackStamp | null {
  const candidates = candidatesBySize.get(fields.size) ?? [];
  const moved = candidates.find((row) => isMoveOf(row, fields));
  if (!moved) return null;
  candidates.splice(candidates.indexOf(moved), 1);
  return moved;
}

/** Like takeMove, for a missing folder's track: only when its file is really absent (a stale 'missing'
 * status must not let a copy elsewhere take over a track whose file is still there). */
function takeStranded(candidatesBySize: Map<number, TrackStamp[]>, fields: TrackFields): TrackStamp | null {
  const row = takeMove(candidatesBySize, fields);
  return row && !existsSync(row.path) ? row : null;
}

/** True when a file whose identity changed still holds what its row was read from (same size, mtime, content hash). */
async function isSameContent(item: Pending): Promise<boolean> {
  const row = item.existing;
  if (!row?.fingerprint || !sameFile(item.file, row)) return false;
  // Unreadable now: not the same content as far as anyone can tell; the full read says why.
  return (await fileFingerprint(item.file.path, item.file.size).catch(() => null)) === row.fingerprint;
}

async function folderState(path: string): Promise<{ ok: true } | { ok: false; status: 'missing' | 'unreadable'; message: string }> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, ...entryProblem(entryKind(path, false), code === 'EACCES' || code === 'EPERM' ? 'unreadable' : 'gone') };
  }
  // A single-file entry (library-service addSingleFile) is an audio file, not a folder.
  const kind = entryKind(path, info.isDirectory());
  if (kind === 'file' ? !info.isFile() : !info.isDirectory()) return { ok: false, ...entryProblem(kind, 'wrong-type') };
  return { ok: true };
}

/** Scans the given folders together (so a file moved between them is seen as a move). */
export async function scanFolders(db: LibraryDb, folders: Omit<MusicFolder, 'watching' | 'kind'>[], options: ScanOptions): Promise<ScanSummary> {
  const started = Date.now();
  const readFields = options.readFields ?? readTrackFields;
  forgetFolderCovers();
  const summary: ScanSummary = { added: 0, updated: 0, removed: 0, moved: 0, failed: 0, unchanged: 0, failures: [], durationMs: 0 };
  const failures: ScanFailure[] = [];
  const progress: ScanProgress = { phase: 'listing', done: 0, total: 0, added: 0, updated: 0, removed: 0, failed: 0, currentPath: null, final: false };
  const tick = (patch: Partial<ScanProgress> = {}) => {
    Object.assign(progress, patch, { added: summary.added + summary.moved, updated: summary.updated, removed: summary.removed, failed: failures.length });
    options.onProgress({ ...progress });
  };
  tick();

  // Stage 1+2: list each folder and diff against what is stored.
  const pending: Pending[] = [];
  const gone: TrackStamp[] = [];
  const writes: Write[] = [];
  const missingFolderIds = new Set(db.folders.list().filter((f) => f.status === 'missing').map((f) => f.id));
  const titleRules = db.kv.get<Record<string, number>>(TITLE_RULES_KEY) ?? {};
  const renamedFolders: number[] = [];
  for (const folder of folders) {
    const state = await folderState(folder.path);
    if (!state.ok) {
      // Never delete a missing folder's tracks: the drive may just be unplugged.
      db.folders.setStatus(folder.id, state.status, state.message);
      if (state.status === 'missing') missingFolderIds.add(folder.id);
      continue;
    }
    missingFolderIds.delete(folder.id);
    if (folder.status !== 'ok') db.folders.setStatus(folder.id, 'ok', null);
    const { files, problems, linkedMusicDirs, skippedDirs } = await walkAudioFiles(folder.path);
    options.onWalked?.(folder.id, { linkedMusicDirs, skippedDirs });
    const stored = new Map(db.tracks.stampsOfFolder(folder.id).map((s) => [s.path, s]));
    const knownFailures = new Map(db.failures.ofFolder(folder.id).map((f) => [f.path, f]));
    const renameUntagged = (titleRules[folder.id] ?? 0) < FILE_TITLE_RULES;
    if (renameUntagged) renamedFolders.push(folder.id);
    for (const problem of problems) {
      if (knownFailures.get(problem.path)?.size === null) {
        summary.unchanged++; // reported before and still the same kind of problem: not news
        continue;
      }
      writes.push({ kind: 'fail', folderId: folder.id, path: problem.path, reason: problem.reason, size: null, mtimeMs: null });
      failures.push({ path: problem.path, reason: problem.reason, at: Date.now() });
    }
    const present = new Set([...files.map((f) => f.path), ...problems.map((p) => p.path)]);
    for (const path of knownFailures.keys()) {
      if (!present.has(path)) writes.push({ kind: 'forget-failure', path }); // the bad file is gone
    }
    for (const file of files) {
      const row = stored.get(file.path);
      stored.delete(file.path);
      if (row && sameFile(file, row) && renameUntagged && namedByFileName(row)) {
        pending.push({ folderId: folder.id, file, existing: row, reread: true });
        continue;
      }
      if (row && sameFile(file, row) && row.fileId === file.fileId) {
        summary.unchanged++;
        continue;
      }
      if (row && sameFile(file, row) && row.fileId === null) {
        writes.push({ kind: 'identify', id: row.id, fileId: file.fileId }); // a row from before identities were kept
        summary.unchanged++;
        continue;
      }
      const failure = knownFailures.get(file.path);
      if (!row && failure && sameFile(file, failure) && failure.readerVersion === READER_VERSION) {
        summary.unchanged++; // failed before, unchanged since: not retried forever
        continue;
      }
      pending.push({ folderId: folder.id, file, existing: row ?? null });
    }
    // A loop, not push(...values): a folder of 125k+ vanished files would overflow the argument stack.
    for (const row of stored.values()) gone.push(row);
    db.folders.markScanned(folder.id, Date.now());
  }

  // Stage 3: read tags, a few files at a time; stage 4: write in batches.
  const flush = () => {
    if (writes.length === 0) return;
    const batch = writes.splice(0, writes.length);
    db.transaction(() => {
      for (const w of batch) {
        if (w.kind === 'insert') db.tracks.insert(w.folderId, w.fields);
        else if (w.kind === 'update') db.tracks.update(w.id, w.folderId, w.fields);
        else if (w.kind === 'delete') db.tracks.delete(w.id);
        else if (w.kind === 'forget-failure') db.failures.clear(w.path);
        else if (w.kind === 'identify') db.tracks.setFileId(w.id, w.fileId);
        else db.failures.record({ ...w, readerVersion: READER_VERSION });
        if (w.kind === 'insert' || w.kind === 'update') db.failures.clear(w.fields.path);
      }
    });
  };

  const goneBySize = bySize(gone);
  // Tracks of folders that are missing (moved, renamed, or an unplugged drive) may turn up in the folders
  // scanned now: a file whose content fingerprint matches one is that track, moved, with its history,
  // likes and playlist entries. Unlike `gone`, rows not found stay: the drive may come back.
  const strandedBySize = bySize([...missingFolderIds].flatMap((id) => db.tracks.stampsOfFolder(id)).filter((row) => row.fingerprint));

  tick({ phase: 'reading', total: pending.length });
  let next = 0;
  const worker = async () => {
    while (next < pending.length) {
      const item = pending[next++];
      try {
        if (!item.reread && await isSameContent(item)) {
          // Another file (a re-pointed link, a restored copy) with the very bytes that were read: keep the row.
          writes.push({ kind: 'identify', id: (item.existing as TrackStamp).id, fileId: item.file.fileId });
          summary.unchanged++;
          if (writes.length >= LIBRARY_TUNABLES.writeBatchSize) flush();
          tick({ done: progress.done + 1, currentPath: item.file.path });
          continue;
        }
        const fields = { ...(await readFields(item.file.path, item.file.size, item.file.mtimeMs, options.coversDir, options.ffmpeg ?? null)), fileId: item.file.fileId };
        if (item.existing) {
          writes.push({ kind: 'update', id: item.existing.id, folderId: item.folderId, fields });
          summary.updated++;
        } else {
          const moved = takeMove(goneBySize, fields) ?? takeStranded(strandedBySize, fields);
          if (moved) {
            writes.push({ kind: 'update', id: moved.id, folderId: item.folderId, fields });
            summary.moved++;
          } else {
            writes.push({ kind: 'insert', folderId: item.folderId, fields });
            summary.added++;
          }
        }
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        writes.push({ kind: 'fail', folderId: item.folderId, path: item.file.path, reason, size: item.file.size, mtimeMs: item.file.mtimeMs });
        failures.push({ path: item.file.path, reason, at: Date.now() });
        // A file that now fails but had a row: drop the row, the failure explains where it went.
        if (item.existing) writes.push({ kind: 'delete', id: item.existing.id });
      }
      if (writes.length >= LIBRARY_TUNABLES.writeBatchSize) flush();
      tick({ done: progress.done + 1, currentPath: item.file.path });
    }
  };
  await Promise.all(Array.from({ length: LIBRARY_TUNABLES.tagReadConcurrency }, worker));

  // What vanished and was not found again elsewhere is removed.
  for (const rows of goneBySize.values()) {
    for (const row of rows) {
      writes.push({ kind: 'delete', id: row.id });
      summary.removed++;
    }
  }
  flush();
  if (renamedFolders.length > 0) {
    const done = { ...(db.kv.get<Record<string, number>>(TITLE_RULES_KEY) ?? {}) };
    for (const id of renamedFolders) done[id] = FILE_TITLE_RULES;
    db.kv.set(TITLE_RULES_KEY, done);
  }

  summary.failed = failures.length;
  summary.failures = failures;
  summary.durationMs = Date.now() - started;
  tick({ phase: 'done', currentPath: null, final: true });
  return summary;
}
