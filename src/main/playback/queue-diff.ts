/**
 * What changed between two versions of the queue, as QueueEdit ops: one move, or entries taken out and
 * put in around a common order. Linear in the queue's length, so a one-entry edit of a 200k-entry queue
 * costs a scan, not a whole-queue message. Anything else (two entries swapped and one removed at once)
 * falls back to "remove all, insert all", which is still a correct edit.
 */
import type { QueueEditOp, QueueItem } from '../../shared/domain';

export function diffQueue(before: readonly QueueItem[], after: readonly QueueItem[]): QueueEditOp[] {
  // Most edits touch one stretch: trim what both sides share at the start and the end.
  let start = 0;
  const shortest = Math.min(before.length, after.length);
  while (start < shortest && before[start].id === after[start].id) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1].id === after[endAfter - 1].id) {
    endBefore--;
    endAfter--;
  }
  const oldPart = before.slice(start, endBefore);
  const newPart = after.slice(start, endAfter);
  if (oldPart.length === 0 && newPart.length === 0) return [];
  return singleMove(oldPart, newPart, start) ?? takeOutPutIn(oldPart, newPart, start) ?? replaceAll(before, after);
}

/** One entry moved from one end of the changed stretch to the other. */
function singleMove(oldPart: QueueItem[], newPart: QueueItem[], offset: number): QueueEditOp[] | null {
  const n = oldPart.length;
  if (n < 2 || n !== newPart.length) return null;
  const sameRun = (a: QueueItem[], aFrom: number, b: QueueItem[], bFrom: number): boolean => {
    for (let i = 0; i < n - 1; i++) if (a[aFrom + i].id !== b[bFrom + i].id) return false;
    return true;
  };
  if (oldPart[0].id === newPart[n - 1].id && sameRun(oldPart, 1, newPart, 0)) return [{ kind: 'move', from: offset, to: offset + n - 1 }];
  if (oldPart[n - 1].id === newPart[0].id && sameRun(oldPart, 0, newPart, 1)) return [{ kind: 'move', from: offset + n - 1, to: offset }];
  return null;
}

/** Ranges shorter than this on average are sent as entry ids instead (an id is ~7 bytes, a range ~45). */
const SHORT_RANGE = 6;

/**
 * Entries removed (ranges, last first so earlier indexes hold) and then added (in order), when the
 * entries both sides keep stand in the same order; null when they were reordered.
 */
function takeOutPutIn(oldPart: QueueItem[], newPart: QueueItem[], offset: number): QueueEditOp[] | null {
  const kept = new Set<number>();
  for (const item of newPart) kept.add(item.id);
  const remaining: QueueItem[] = [];
  const removals: QueueEditOp[] = [];
  const removedIds: number[] = [];
  for (let i = 0; i < oldPart.length; i++) {
    if (kept.has(oldPart[i].id)) {
      remaining.push(oldPart[i]);
      continue;
    }
    let end = i;
    while (end + 1 < oldPart.length && !kept.has(oldPart[end + 1].id)) end++;
    removals.push({ kind: 'remove', index: offset + i, count: end - i + 1 });
    for (let k = i; k <= end; k++) removedIds.push(oldPart[k].id);
    i = end;
  }
  // Many short ranges (every third song of a big queue) say more as the ids themselves.
  const ops: QueueEditOp[] = removals.length > 1 && removals.length * SHORT_RANGE > removedIds.length
    ? [{ kind: 'removeEntries', ids: removedIds }]
    : removals.reverse();
  const old = new Set<number>();
  for (const item of remaining) old.add(item.id);
  let next = 0;
  for (let i = 0; i < newPart.length; i++) {
    if (next < remaining.length && remaining[next].id === newPart[i].id) {
      next++;
      continue;
    }
    if (old.has(newPart[i].id)) return null; // a kept entry out of order: it moved
    let end = i;
    while (end + 1 < newPart.length && !old.has(newPart[end + 1].id)) end++;
    ops.push({ kind: 'insert', index: offset + i, items: newPart.slice(i, end + 1) });
    i = end;
  }
  return next === remaining.length ? ops : null;
}

/** True when both hold the same entries in the same order. */
export function sameEntries(a: readonly QueueItem[], b: readonly QueueItem[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].id !== b[i].id) return false;
  return true;
}

function replaceAll(before: readonly QueueItem[], after: readonly QueueItem[]): QueueEditOp[] {
  const ops: QueueEditOp[] = [];
  if (before.length > 0) ops.push({ kind: 'remove', index: 0, count: before.length });
  if (after.length > 0) ops.push({ kind: 'insert', index: 0, items: after.slice() });
  return ops;
}
