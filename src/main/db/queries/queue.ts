/** SQL for the play queue (the order lives in `position`; the current index in kv). */
import type { QueueItem, QueueItemOrigin } from '../../../shared/domain';
import type { Sqlite } from '../client';

export class QueueQueries {
  private readonly listStmt;
  private readonly clearStmt;
  private readonly insertStmt;

  constructor(private readonly db: Sqlite) {
    this.listStmt = db.prepare<[], { id: number; track_id: number; origin: string }>(
      `SELECT id, track_id, origin FROM queue_items ORDER BY position`);
    this.clearStmt = db.prepare(`DELETE FROM queue_items`);
    this.insertStmt = db.prepare<[number, number, number, string]>(
      `INSERT INTO queue_items(id, position, track_id, origin) VALUES (?, ?, ?, ?)`);
  }

  list(): QueueItem[] {
    return this.listStmt.all().map((r) => ({ id: r.id, trackId: r.track_id, origin: JSON.parse(r.origin) as QueueItemOrigin }));
  }

  /** Rewrites the whole queue in one transaction (queues are short; this keeps positions dense). */
  replace(items: QueueItem[]): void {
    this.db.transaction(() => {
      this.clearStmt.run();
      items.forEach((item, position) => this.insertStmt.run(item.id, position, item.trackId, JSON.stringify(item.origin)));
    })();
  }
}
