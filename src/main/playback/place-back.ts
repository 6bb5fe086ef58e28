/**
 * Putting taken-out queue entries back where they stood (undo): each goes right after the entry it
 * followed, or after the playing entry when that one was played, moved behind the playing one, or is gone.
 * Never before the playing entry: what was already heard is not rewritten.
 */
import type { QueueItem, QueueItemOrigin } from '../../shared/domain';

export interface PlaceBackEntry {
  /** The id the entry had; entries that followed it name this id. */
  itemId: number;
  trackId: number;
  origin: QueueItemOrigin;
  afterItemId: number | null;
}

/**
 * The queue with `entries` (in their old order) put back; `firstId` is the first of the fresh entry ids
 * they get. Returns the new items; the playing entry keeps its id, so its index is found by id.
 */
export function placeBack(items: readonly QueueItem[], currentIndex: number, entries: readonly PlaceBackEntry[], firstId: number): QueueItem[] {
  const out = [...items];
  const playingId = currentIndex >= 0 ? items[currentIndex]?.id ?? null : null;
  const renamed = new Map<number, number>();
  let nextId = firstId;
  for (const entry of entries) {
    const item: QueueItem = { id: nextId++, trackId: entry.trackId, origin: entry.origin };
    renamed.set(entry.itemId, item.id);
    const playingAt = playingId === null ? -1 : out.findIndex((i) => i.id === playingId);
    const anchorId = entry.afterItemId === null ? null : renamed.get(entry.afterItemId) ?? entry.afterItemId;
    let at = anchorId === null ? -1 : out.findIndex((i) => i.id === anchorId);
    if (at < playingAt) at = playingAt;
    out.splice(at + 1, 0, item);
  }
  return out;
}
