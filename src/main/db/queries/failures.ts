/** SQL for files a scan could not read, kept with why and with what reader version. */
import type { ScanFailure } from '../../../shared/domain';
import type { Sqlite } from '../client';

export interface FailureStamp {
  path: string;
  size: number | null;
  mtimeMs: number | null;
  readerVersion: string;
}

export class FailureQueries {
  private readonly listStmt;
  private readonly ofFolderStmt;
  private readonly upsertStmt;
  private readonly deleteStmt;

  constructor(db: Sqlite) {
    this.listStmt = db.prepare<[], { path: string; reason: string; at: number }>(
      `SELECT path, reason, at FROM scan_failures ORDER BY path`);
    this.ofFolderStmt = db.prepare<[number], { path: string; size: number | null; mtime_ms: number | null; reader_version: string }>(
      `SELECT path, size, mtime_ms, reader_version FROM scan_failures WHERE folder_id = ?`);
    this.upsertStmt = db.prepare(`
      INSERT INTO scan_failures(path, folder_id, reason, size, mtime_ms, reader_version, at)
      VALUES (@path, @folderId, @reason, @size, @mtimeMs, @readerVersion, @at)
      ON CONFLICT(path) DO UPDATE SET folder_id = excluded.folder_id, reason = excluded.reason, size = excluded.size,
        mtime_ms = excluded.mtime_ms, reader_version = excluded.reader_version, at = excluded.at`);
    this.deleteStmt = db.prepare<[string]>(`DELETE FROM scan_failures WHERE path = ?`);
  }

  list(): ScanFailure[] {
    return this.listStmt.all();
  }

  ofFolder(folderId: number): FailureStamp[] {
    return this.ofFolderStmt.all(folderId).map((r) => ({
      path: r.path, size: r.size, mtimeMs: r.mtime_ms, readerVersion: r.reader_version,
    }));
  }

  record(f: { path: string; folderId: number; reason: string; size: number | null; mtimeMs: number | null; readerVersion: string }): void {
    this.upsertStmt.run({ ...f, mtimeMs: f.mtimeMs === null ? null : Math.round(f.mtimeMs), at: Date.now() });
  }

  clear(path: string): void {
    this.deleteStmt.run(path);
  }
}
