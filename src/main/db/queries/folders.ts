/** SQL for music folders. */
import type { FolderStatus, MusicFolder } from '../../../shared/domain';
import type { Sqlite } from '../client';

interface FolderRow {
  id: number;
  path: string;
  last_scan_at: number | null;
  status: FolderStatus;
  status_message: string | null;
  track_count: number;
}

export class FolderQueries {
  private readonly listStmt;
  private readonly pathsStmt;
  private readonly insertStmt;
  private readonly deleteStmt;
  private readonly statusStmt;
  private readonly scannedStmt;
  private readonly adoptStmt;

  constructor(private readonly db: Sqlite) {
    this.listStmt = db.prepare<[], FolderRow>(`
      SELECT f.id, f.path, f.last_scan_at, f.status, f.status_message,
             (SELECT COUNT(*) FROM tracks t WHERE t.folder_id = f.id) AS track_count
      FROM folders f ORDER BY f.path`);
    this.pathsStmt = db.prepare<[], { id: number; path: string }>(`SELECT id, path FROM folders ORDER BY path`);
    this.insertStmt = db.prepare<[string, number]>(`INSERT INTO folders(path, added_at) VALUES (?, ?)`);
    this.deleteStmt = db.prepare<[number]>(`DELETE FROM folders WHERE id = ?`);
    this.statusStmt = db.prepare<[FolderStatus, string | null, number]>(
      `UPDATE folders SET status = ?, status_message = ? WHERE id = ?`);
    this.scannedStmt = db.prepare<[number, number]>(`UPDATE folders SET last_scan_at = ? WHERE id = ?`);
    this.adoptStmt = db.prepare<[number, number]>(`UPDATE tracks SET folder_id = ? WHERE folder_id = ?`);
  }

  /** Every folder; `watching` and `kind` are filled in by the service, which owns the watchers and looks at the disk. */
  list(): Omit<MusicFolder, 'watching' | 'kind'>[] {
    return this.listStmt.all().map((row) => ({
      id: row.id,
      path: row.path,
      status: row.status,
      statusMessage: row.status_message,
      trackCount: row.track_count,
      lastScanAt: row.last_scan_at,
    }));
  }

  /** Ids and paths only: no track counts (media requests and checks ask this often). */
  paths(): { id: number; path: string }[] {
    return this.pathsStmt.all();
  }

  insert(path: string): number {
    return Number(this.insertStmt.run(path, Date.now()).lastInsertRowid);
  }

  delete(id: number): void {
    this.deleteStmt.run(id);
  }

  setStatus(id: number, status: FolderStatus, message: string | null): void {
    this.statusStmt.run(status, message, id);
  }

  /** Moves every track of one folder row to another (ids, likes, history and playlists stay). */
  adoptTracks(fromId: number, toId: number): void {
    this.adoptStmt.run(toId, fromId);
  }

  markScanned(id: number, at: number): void {
    this.scannedStmt.run(at, id);
  }
}
