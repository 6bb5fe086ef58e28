import { describe, it, expect } from 'vitest';
import type { QueueState } from '../../../shared/domain';
import { applyPosition, currentAfterMove, dropTargetIndex, nextIndex, previousAction, stepIndex } from './queue-math';

describe('nextIndex', () => {
  it('advances and stops at the end', () => {
    expect(nextIndex(0, 3)).toBe(1);
    expect(nextIndex(2, 3)).toBe(-1);
    expect(nextIndex(-1, 3)).toBe(0);
    expect(nextIndex(-1, 0)).toBe(-1);
  });
});

describe('previousAction', () => {
  it('restarts after 3 s or on the first track, else goes back', () => {
    expect(previousAction(2, 10)).toEqual({ kind: 'restart' });
    expect(previousAction(0, 1)).toEqual({ kind: 'restart' });
    expect(previousAction(2, 1)).toEqual({ kind: 'go', index: 1 });
  });
});

describe('dropTargetIndex', () => {
  it('accounts for the slot the dragged item leaves', () => {
    // [a,b,c,d]: drag a (0) before d (3) -> [b,c,a,d] -> a at 2.
    expect(dropTargetIndex(0, 3)).toBe(2);
    // drag a to the very end (insert before 4) -> index 3.
    expect(dropTargetIndex(0, 4)).toBe(3);
    // drag d (3) before b (1) -> index 1.
    expect(dropTargetIndex(3, 1)).toBe(1);
    // dropping on itself or just below itself is a no-op.
    expect(dropTargetIndex(2, 2)).toBe(2);
    expect(dropTargetIndex(2, 3)).toBe(2);
  });
});

describe('stepIndex', () => {
  it('moves by one within bounds', () => {
    expect(stepIndex(1, -1, 3)).toBe(0);
    expect(stepIndex(0, -1, 3)).toBeNull();
    expect(stepIndex(2, 1, 3)).toBeNull();
  });
});

describe('currentAfterMove', () => {
  it('follows the playing item through a move', () => {
    expect(currentAfterMove(1, 1, 3)).toBe(3);
    expect(currentAfterMove(2, 0, 3)).toBe(1);
    expect(currentAfterMove(2, 4, 0)).toBe(3);
    expect(currentAfterMove(2, 3, 4)).toBe(2);
  });
});

describe('applyPosition', () => {
  const queue: QueueState = {
    items: [10, 11, 12].map((id) => ({ id, trackId: id * 2, origin: { kind: 'user' as const } })),
    currentIndex: 0,
    version: 5,
  };

  it('moves the current entry and takes the new version, keeping the same items', () => {
    const next = applyPosition(queue, { currentIndex: 2, itemId: 12, version: 6 });
    expect(next).toEqual({ ...queue, currentIndex: 2, version: 6 });
    expect(next !== 'stale' && next !== 'reload' && next.items).toBe(queue.items);
    expect(applyPosition(queue, { currentIndex: -1, itemId: null, version: 6 })).toEqual({ ...queue, currentIndex: -1, version: 6 });
  });

  it('ignores a position older than the queue held, and applies the same version twice (answer and event)', () => {
    expect(applyPosition(queue, { currentIndex: 1, itemId: 11, version: 4 })).toBe('stale');
    expect(applyPosition(queue, { currentIndex: 1, itemId: 11, version: 5 })).toMatchObject({ currentIndex: 1 });
  });

  it('asks for a reload when the entry at that index is not the one main names (an edit was missed)', () => {
    expect(applyPosition(queue, { currentIndex: 1, itemId: 99, version: 6 })).toBe('reload');
    expect(applyPosition(queue, { currentIndex: 3, itemId: 13, version: 6 })).toBe('reload');
    expect(applyPosition(queue, { currentIndex: -1, itemId: 10, version: 6 })).toBe('reload');
  });
});
