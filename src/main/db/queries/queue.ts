/**
 * SQL for the play queue (the order lives in `position`; the current entry in kv). Queues can hold a whole
 * library (200k entries), so a track change and an append touch only the rows they change.
 */
import type { QueueItem, QueueItemOrigin } from '../../../shared/domain';
import type { Sqlite } from '../client';

interface Row {
  id: number;
  position: number;
  track_id: number;
  origin: string;
}

/** How a user's entry stores its origin; by far the most common, so it skips the JSON work both ways. */
const USER_ORIGIN = '{"kind":"user"}';

const parseOrigin = (text: string): QueueItemOrigin => (text === USER_ORIGIN ? { kind: 'user' } : JSON.parse(text) as QueueItemOrigin);
const stringifyOrigin = (origin: QueueItemOrigin): string => (origin.kind === 'user' ? USER_ORIGIN : JSON.stringify(origin));
const toItem = (r: Row): QueueItem => ({ id: r.id, trackId: r.track_id, origin: parseOrigin(r.origin) });

/** One entry and where it is stored; `position` may have gaps (see listWithPositions). */
export interface QueueSlot {
  id: number;
  position: number;
  trackId: number;
}

export class QueueQueries {
  private readonly listStmt;
  private readonly clearStmt;
  private readonly insertStmt;
  private readonly countStmt;
  private readonly atIndexStmt;
  private readonly maxIdStmt;
  private readonly maxPositionStmt;
  private readonly lastStmt;
  private readonly ofTrackStmt;
  private readonly holdsRadioStmt;

  constructor(private readonly db: Sqlite) {
    // Raw rows (arrays): a whole-library queue is read on every edit, and keyed row objects cost most of it.
    this.listStmt = db.prepare(`SELECT id, position, track_id, origin FROM queue_items ORDER BY position`).raw(true);
    this.clearStmt = db.prepare(`DELETE FROM queue_items`);
    this.insertStmt = db.prepare<[number, number, number, string]>(
      `INSERT INTO queue_items(id, position, track_id, origin) VALUES (?, ?, ?, ?)`);
    this.countStmt = db.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM queue_items`);
    // Walks queue_by_position (which holds the rowid, i.e. the id): no table row is read on the way.
    this.atIndexStmt = db.prepare<[number], { id: number; position: number; track_id: number }>(
      `SELECT id, position, track_id FROM queue_items ORDER BY position LIMIT 1 OFFSET ?`);
    // One MAX per statement: SQLite answers a lone MAX from the end of an index, two at once by a full scan.
    this.maxIdStmt = db.prepare<[], { n: number | null }>(`SELECT MAX(id) AS n FROM queue_items`);
    this.maxPositionStmt = db.prepare<[], { n: number | null }>(`SELECT MAX(position) AS n FROM queue_items`);
    this.lastStmt = db.prepare<[], Row>(`SELECT id, position, track_id, origin FROM queue_items ORDER BY position DESC LIMIT 1`);
    this.ofTrackStmt = db.prepare<[number], Row>(`SELECT id, position, track_id, origin FROM queue_items WHERE track_id = ?`);
    // User entries (most of a big queue) are passed over by the string test before any JSON is parsed.
    this.holdsRadioStmt = db.prepare<[number], { n: number }>(`SELECT 1 AS n FROM queue_items
      WHERE origin <> '${USER_ORIGIN}' AND json_extract(origin, '$.kind') = 'radio' AND json_extract(origin, '$.radioId') = ? LIMIT 1`);
  }

  list(): QueueItem[] {
    return this.listWithPositions().map(({ item }) => item);
  }

  /**
   * Entries with their stored positions. Positions are dense when written; entries whose track left the
   * library are deleted by cascade, leaving gaps that tell where a vanished entry stood.
   */
  listWithPositions(): { item: QueueItem; position: number }[] {
    return (this.listStmt.all() as [number, number, number, string][]).map(([id, position, trackId, origin]) => ({
      item: { id, trackId, origin: parseOrigin(origin) }, position,
    }));
  }

  count(): number {
    return this.countStmt.get()?.n ?? 0;
  }

  /** The entry at `index` in queue order (gaps in positions do not count), or null past the end. */
  atIndex(index: number): QueueSlot | null {
    const r = this.atIndexStmt.get(index);
    return r ? { id: r.id, position: r.position, trackId: r.track_id } : null;
  }

  /** The highest entry id in the queue (0 when empty). */
  maxId(): number {
    return this.maxIdStmt.get()?.n ?? 0;
  }

  last(): QueueItem | null {
    const r = this.lastStmt.get();
    return r ? toItem(r) : null;
  }

  /** The entries that play this track (uses the index on track_id). */
  ofTrack(trackId: number): QueueItem[] {
    return this.ofTrackStmt.all(trackId).map(toItem);
  }

  /** True when some entry is a pick of this radio (a restarted radio comes back only to its own queue). */
  holdsRadio(radioId: number): boolean {
    return this.holdsRadioStmt.get(radioId) !== undefined;
  }

  /** Rewrites the whole queue in one transaction (positions come out dense). */
  replace(items: QueueItem[]): void {
    this.db.transaction(() => {
      this.clearStmt.run();
      items.forEach((item, position) => this.insertStmt.run(item.id, position, item.trackId, stringifyOrigin(item.origin)));
    })();
  }

  /** Adds entries after the last one, leaving the others' rows untouched. */
  append(items: QueueItem[]): void {
    this.db.transaction(() => {
      const first = (this.maxPositionStmt.get()?.n ?? -1) + 1;
      items.forEach((item, i) => this.insertStmt.run(item.id, first + i, item.trackId, stringifyOrigin(item.origin)));
    })();
  }
}
