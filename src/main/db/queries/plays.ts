/** SQL for listening history. */
import type { PlayRecord } from '../../../shared/domain';
import type { Sqlite } from '../client';

export class PlayQueries {
  private readonly insertStmt;
  private readonly countStmt;

  constructor(db: Sqlite) {
    this.insertStmt = db.prepare<[number, number, number, number]>(
      `INSERT INTO plays(track_id, at, listened_sec, completed) VALUES (?, ?, ?, ?)`);
    this.countStmt = db.prepare<[number], { n: number }>(`SELECT COUNT(*) AS n FROM plays WHERE track_id = ?`);
  }

  record(play: PlayRecord, at = Date.now()): void {
    this.insertStmt.run(play.trackId, at, play.listenedSec, play.completed ? 1 : 0);
  }

  countForTrack(trackId: number): number {
    return this.countStmt.get(trackId)?.n ?? 0;
  }
}
