import { describe, it, expect } from 'vitest';
import { currentAfterMove, dropTargetIndex, nextIndex, previousAction, stepIndex } from './queue-math';

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
