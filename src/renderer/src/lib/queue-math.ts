/** Index arithmetic for the play queue: next/previous, and turning a drag-and-drop into moveInQueue's index. */
import type { QueuePosition, QueueState } from '../../../shared/domain';

/** Seconds into a track after which "previous" restarts it instead of going back. */
export const RESTART_THRESHOLD_SEC = 3;

/** The index after `current`, or -1 at the end of the queue. */
export function nextIndex(current: number, length: number): number {
  return current >= -1 && current + 1 < length ? current + 1 : -1;
}

export type PreviousAction = { kind: 'restart' } | { kind: 'go'; index: number };

/** "Previous": restart the track when past the threshold or at the start of the queue, else go back. */
export function previousAction(current: number, positionSec: number): PreviousAction {
  if (positionSec > RESTART_THRESHOLD_SEC || current <= 0) return { kind: 'restart' };
  return { kind: 'go', index: current - 1 };
}

/**
 * moveInQueue wants the item's final index. A drop "before row `insertBefore`" (0..length) of the item at
 * `from` lands at insertBefore, minus one when the item came from above (its old slot closes up).
 */
export function dropTargetIndex(from: number, insertBefore: number): number {
  return insertBefore > from ? insertBefore - 1 : insertBefore;
}

/** Moving an item one step up (-1) or down (+1); null when it is already at that end. */
export function stepIndex(from: number, step: -1 | 1, length: number): number | null {
  const to = from + step;
  return to < 0 || to >= length ? null : to;
}

/** Where the currently playing item ends up after `from` moved to `to` (what main also computes). */
export function currentAfterMove(current: number, from: number, to: number): number {
  if (current === from) return to;
  if (from < current && to >= current) return current - 1;
  if (from > current && to <= current) return current + 1;
  return current;
}

/**
 * Applies a track change (main's QueuePosition) to the queue held here: the new state, 'stale' when it is
 * older than what is held, or 'reload' when it names an entry this copy does not have at that index (an
 * event was missed), so the whole queue must be fetched again.
 */
export function applyPosition(state: QueueState, position: QueuePosition): QueueState | 'stale' | 'reload' {
  if (position.version < state.version) return 'stale';
  const { currentIndex, itemId, version } = position;
  const same = currentIndex === -1 ? itemId === null : state.items[currentIndex]?.id === itemId;
  return same ? { ...state, currentIndex, version } : 'reload';
}
