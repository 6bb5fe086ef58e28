/** SQL for the play queue (the order lives in `position`; the current index in kv). */
import type { QueueItem, QueueItemOrigin } from '../../../shared/domain';
import type { Sqlite } from '../client';

export class QueueQueries {
  private readonly listStmt;
  private readonly clearStmt;
  private readonly insertStmt;

  constructor(private readonly db: Sqlite) {
    this.listStmt = db.prepare<[], { id: number; position: number; track_id: number; origin: string }>(
      `SELECT id, position, track_id, origin FROM queue_items ORDER BY position`);
    this.clearStmt = db.prepare(`DELETE FROM queue_items`);
    this.insertStmt = db.prepare<[number, number, number, string]>(
      `INSERT INTO queue_items(id, position, track_id, origin) VALUES (?, ?, ?, ?)`);
  }

  list(): QueueItem[] {
    return this.listWithPositions().map(({ item }) => item);
  }

  /**
   * Entries with their stored positions. Positions are dense when written; entries whose track left the
   * library are deleted by cascade, leaving gaps that tell where a vanished entry stood.
   */
  listWithPositions(): { item: QueueItem; position: number }[] {
    return this.listStmt.all().map((r) => ({
      item: { id: r.id, trackId: r.track_id, origin: JSON.parse(r.origin) as QueueItemOrigin },
      position: r.position,
    }));
  }

  /** Rewrites the whole queue in one transaction (queues are short; this keeps positions dense). */
  replace(items: QueueItem[]): void {
    this.db.transaction(() => {
      this.clearStmt.run();
      items.forEach((item, position) => this.insertStmt.run(item.id, position, item.trackId, JSON.stringify(item.origin)));
    })();
  }
}
