/** SQL for playlists; items are rewritten whole on edit (playlists are short and order is the point). */
import type { PlaylistSummary } from '../../../shared/domain';
import type { Sqlite } from '../client';

export class PlaylistQueries {
  private readonly listStmt;
  private readonly oneStmt;
  private readonly itemsStmt;
  private readonly insertStmt;
  private readonly renameStmt;
  private readonly touchStmt;
  private readonly deleteStmt;
  private readonly clearItemsStmt;
  private readonly insertItemStmt;

  constructor(private readonly db: Sqlite) {
    const summary = `SELECT p.id, p.name, p.updated_at AS updatedAt,
        (SELECT COUNT(*) FROM playlist_items i WHERE i.playlist_id = p.id) AS trackCount,
        (SELECT COALESCE(SUM(t.duration_sec), 0) FROM playlist_items i JOIN tracks t ON t.id = i.track_id WHERE i.playlist_id = p.id) AS durationSec
      FROM playlists p`;
    this.listStmt = db.prepare<[], PlaylistSummary>(`${summary} ORDER BY p.name COLLATE NOCASE, p.id`);
    this.oneStmt = db.prepare<[number], PlaylistSummary>(`${summary} WHERE p.id = ?`);
    this.itemsStmt = db.prepare<[number], { track_id: number }>(`SELECT track_id FROM playlist_items WHERE playlist_id = ? ORDER BY position`);
    this.insertStmt = db.prepare<[string, number, number]>(`INSERT INTO playlists(name, created_at, updated_at) VALUES (?, ?, ?)`);
    this.renameStmt = db.prepare<[string, number, number]>(`UPDATE playlists SET name = ?, updated_at = ? WHERE id = ?`);
    this.touchStmt = db.prepare<[number, number]>(`UPDATE playlists SET updated_at = ? WHERE id = ?`);
    this.deleteStmt = db.prepare<[number]>(`DELETE FROM playlists WHERE id = ?`);
    this.clearItemsStmt = db.prepare<[number]>(`DELETE FROM playlist_items WHERE playlist_id = ?`);
    this.insertItemStmt = db.prepare<[number, number, number]>(`INSERT INTO playlist_items(playlist_id, position, track_id) VALUES (?, ?, ?)`);
  }

  list(): PlaylistSummary[] {
    return this.listStmt.all();
  }

  summary(id: number): PlaylistSummary | null {
    return this.oneStmt.get(id) ?? null;
  }

  trackIds(id: number): number[] {
    return this.itemsStmt.all(id).map((r) => r.track_id);
  }

  create(name: string, trackIds: number[]): number {
    return this.db.transaction(() => {
      const now = Date.now();
      const id = Number(this.insertStmt.run(name, now, now).lastInsertRowid);
      trackIds.forEach((trackId, position) => this.insertItemStmt.run(id, position, trackId));
      return id;
    })();
  }

  rename(id: number, name: string): void {
    this.renameStmt.run(name, Date.now(), id);
  }

  setTracks(id: number, trackIds: number[]): void {
    this.db.transaction(() => {
      this.clearItemsStmt.run(id);
      trackIds.forEach((trackId, position) => this.insertItemStmt.run(id, position, trackId));
      this.touchStmt.run(Date.now(), id);
    })();
  }

  delete(id: number): void {
    this.deleteStmt.run(id);
  }
}
