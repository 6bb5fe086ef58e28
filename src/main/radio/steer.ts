/**
 * Steering the playing radio, the pure half: how many upcoming picks a re-rank changed (what the toast
 * says), and what a block took out of the queue, with where each entry stood, so an undo can put it back.
 */
import type { QueueItem, QueueItemOrigin } from '../../shared/domain';

/**
 * Upcoming picks (track ids, in order) that are new or stand in another place after a re-rank. Songs in
 * `takenOut` left on purpose (the song the listener said "less" to): the rest closing up behind it is no
 * change, so they are compared with `before` minus those.
 */
export function changedPicks(before: readonly number[], after: readonly number[], takenOut: ReadonlySet<number> = new Set()): number {
  const kept = before.filter((id) => !takenOut.has(id));
  return after.reduce((n, id, i) => (kept[i] === id ? n : n + 1), 0);
}

/** A queue entry a block took out: what it played and the entry it followed (to stand there again). */
export interface TakenOutEntry {
  itemId: number;
  trackId: number;
  origin: QueueItemOrigin;
  /** The entry just before it when it was taken out (itself perhaps taken out too); null: the queue's start. */
  afterItemId: number | null;
}

/** The entries of `items` whose ids are in `remove`, each with the entry it followed. */
export function takeOut(items: readonly QueueItem[], remove: ReadonlySet<number>): TakenOutEntry[] {
  return items.flatMap((item, i) => (remove.has(item.id)
    ? [{ itemId: item.id, trackId: item.trackId, origin: item.origin, afterItemId: i > 0 ? items[i - 1].id : null }]
    : []));
}
