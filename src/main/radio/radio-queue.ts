/**
 * How the radio reads the queue, the pure half: which entries are its picks, which of them are still to
 * play, when it should extend itself, and what a re-rank keeps. The queue itself lives in playback.
 */
import type { QueueItem, QueueItemOrigin, QueueState, RadioPick } from '../../shared/domain';

type RadioOrigin = Extract<QueueItemOrigin, { kind: 'radio' }>;

/** The picks as queue entries of radio `radioId`, each carrying its explanation. */
export function radioEntries(picks: readonly RadioPick[], radioId: number): { trackId: number; origin: RadioOrigin }[] {
  return picks.map((p) => ({ trackId: p.trackId, origin: { kind: 'radio' as const, radioId, explanation: p.explanation } }));
}

/** Whether `item` was queued by radio `radioId` (not by the user, not by another radio). */
export function isPickOf(radioId: number, item: QueueItem): boolean {
  return item.origin.kind === 'radio' && item.origin.radioId === radioId;
}

/** The entries after the playing one that some radio queued and `which` accepts. */
export function upcomingRadioEntries(queue: QueueState, which: (item: QueueItem) => boolean): QueueItem[] {
  return queue.items.slice(queue.currentIndex + 1).filter((i) => i.origin.kind === 'radio' && which(i));
}

/** Radio `radioId`'s picks after the playing entry. */
export function upcomingPicksOf(queue: QueueState, radioId: number): QueueItem[] {
  return queue.items.slice(queue.currentIndex + 1).filter((i) => isPickOf(radioId, i));
}

/** Every explained pick of radio `radioId` in the queue, played or not, in queue order (the session's picks). */
export function sessionPicks(items: readonly QueueItem[], radioId: number): RadioPick[] {
  return items.flatMap((i) => (i.origin.kind === 'radio' && i.origin.radioId === radioId && i.origin.explanation !== null
    ? [{ trackId: i.trackId, explanation: i.origin.explanation }]
    : []));
}

/** The last `artistGap` entries of `items`: the artists the next picks must keep their distance from. */
export function artistGapTail(items: readonly QueueItem[], artistGap: number): QueueItem[] {
  return artistGap > 0 ? items.slice(-artistGap) : [];
}

/**
 * Whether radio `radioId` should add picks: something plays, the queue still ends with one of its picks
 * (else the user took the queue over), and at most `extendWhenLeft` entries are left after the playing one.
 */
export function wantsExtension(radioId: number, currentIndex: number, length: number, last: QueueItem | undefined, extendWhenLeft: number): boolean {
  if (currentIndex < 0) return false;
  if (!last || !isPickOf(radioId, last)) return false;
  return length - currentIndex - 1 <= extendWhenLeft;
}

/** What a re-rank of radio `radioId` works with: its picks still to play, and every entry that stays. */
export interface RerankSplit {
  /** Entries up to and including the playing one (the artist gap is counted back from there). */
  played: QueueItem[];
  /** Radio `radioId`'s picks after the playing entry: these are chosen again. */
  upcoming: QueueItem[];
  /** Every entry that stays: the played ones, and everything after that the radio did not queue. */
  kept: QueueItem[];
}

/** The split for a re-rank, or null when the user took the queue over (none of the radio's picks left in a queue of other songs). */
export function rerankSplit(queue: QueueState, radioId: number): RerankSplit | null {
  const cut = queue.currentIndex + 1;
  const mine = (i: QueueItem) => isPickOf(radioId, i);
  if (!queue.items.some(mine) && queue.items.length > 1) return null;
  return {
    played: queue.items.slice(0, cut),
    upcoming: queue.items.slice(cut).filter(mine),
    kept: queue.items.filter((i, at) => at < cut || !mine(i)),
  };
}
