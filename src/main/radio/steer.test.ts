import { describe, expect, it } from 'vitest';
import type { QueueItem } from '../../shared/domain';
import { changedPicks, takeOut } from './steer';

describe('changedPicks', () => {
  it('counts new songs and songs in another place', () => {
    expect(changedPicks([1, 2, 3], [1, 2, 3])).toBe(0);
    expect(changedPicks([1, 2, 3], [1, 3, 2])).toBe(2);
    expect(changedPicks([1, 2, 3], [1, 2, 4])).toBe(1);
    expect(changedPicks([1, 2], [1, 2, 5])).toBe(1);
  });

  it('does not count the rest closing up behind a song taken out on purpose', () => {
    expect(changedPicks([1, 2, 3, 4], [1, 3, 4], new Set([2]))).toBe(0);
    expect(changedPicks([1, 2, 3, 4], [1, 4, 3], new Set([2]))).toBe(2);
    expect(changedPicks([1, 2, 3], [], new Set([1]))).toBe(0);
  });
});

describe('takeOut', () => {
  const item = (id: number): QueueItem => ({ id, trackId: id * 10, origin: { kind: 'user' } });
  it('names the entry each one followed', () => {
    const items = [item(1), item(2), item(3), item(4)];
    expect(takeOut(items, new Set([1, 3, 4]))).toEqual([
      { itemId: 1, trackId: 10, origin: { kind: 'user' }, afterItemId: null },
      { itemId: 3, trackId: 30, origin: { kind: 'user' }, afterItemId: 2 },
      { itemId: 4, trackId: 40, origin: { kind: 'user' }, afterItemId: 3 },
    ]);
  });
});
