/**
 * Applying a QueueEdit to a copy of the queue (the renderer's store, the CLI, tests). Pure: it never
 * guesses; an edit that does not fit the copy it is given says so, and the holder fetches the queue again.
 */
import type { QueueEdit, QueueEditOp, QueueItem, QueueState } from './domain';

/**
 * The queue after `edit`: 'stale' when the copy already holds this version or a newer one (an answer
 * overtaken by its own event), 'reload' when the copy is not the one the edit was made on (an event was
 * missed) or the edit does not fit it.
 */
export function applyQueueEdit(state: QueueState, edit: QueueEdit): QueueState | 'stale' | 'reload' {
  if (edit.version <= state.version) return 'stale';
  if (edit.baseVersion !== state.version) return 'reload';
  // One copy per edit (not per op): a few milliseconds at 200k entries, and the store needs a new array.
  const items = state.items.slice();
  for (const op of edit.ops) {
    if (!applyOp(items, op)) return 'reload';
  }
  const currentFits = edit.currentIndex === -1 || (Number.isInteger(edit.currentIndex) && edit.currentIndex >= 0 && edit.currentIndex < items.length);
  if (items.length !== edit.length || !currentFits) return 'reload';
  return { items, currentIndex: edit.currentIndex, version: edit.version };
}

const isIndex = (value: number, max: number): boolean => Number.isInteger(value) && value >= 0 && value <= max;

/** Applies one op in place; false when it does not fit `items`. */
function applyOp(items: QueueItem[], op: QueueEditOp): boolean {
  switch (op.kind) {
    case 'insert':
      if (!isIndex(op.index, items.length) || !Array.isArray(op.items)) return false;
      spliceIn(items, op.index, op.items);
      return true;
    case 'remove':
      if (!isIndex(op.index, items.length) || !Number.isInteger(op.count) || op.count < 1 || op.index + op.count > items.length) return false;
      items.splice(op.index, op.count);
      return true;
    case 'removeEntries':
      return removeEntries(items, op.ids);
    case 'move': {
      if (!isIndex(op.from, items.length - 1) || !isIndex(op.to, items.length - 1)) return false;
      const [item] = items.splice(op.from, 1);
      items.splice(op.to, 0, item);
      return true;
    }
    default:
      return false;
  }
}

/** Takes out every entry `ids` names, in place; false unless each of them was there. */
function removeEntries(items: QueueItem[], ids: number[]): boolean {
  if (!Array.isArray(ids)) return false;
  const gone = new Set(ids);
  let kept = 0;
  for (const item of items) if (!gone.has(item.id)) items[kept++] = item;
  const removed = items.length - kept;
  items.length = kept;
  return removed === gone.size && gone.size === ids.length;
}

/** splice(index, 0, ...added) without spreading: a big insert would overflow the argument stack. */
function spliceIn(items: QueueItem[], index: number, added: QueueItem[]): void {
  if (added.length === 0) return;
  if (index === items.length) {
    for (const item of added) items.push(item);
    return;
  }
  const tail = items.splice(index);
  for (const item of added) items.push(item);
  for (const item of tail) items.push(item);
}
