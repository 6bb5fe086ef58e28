import { describe, expect, it } from 'vitest';
import type { QueueItem } from '../../shared/domain';
import { placeBack, type PlaceBackEntry } from './place-back';

const item = (id: number): QueueItem => ({ id, trackId: id * 10, origin: { kind: 'user' } });
const entry = (itemId: number, afterItemId: number | null): PlaceBackEntry => ({ itemId, trackId: itemId * 10, origin: { kind: 'user' }, afterItemId });
const tracks = (items: QueueItem[]) => items.map((i) => i.trackId);

describe('placeBack', () => {
  it('puts entries back after the ones they followed, a run of them in order, with fresh ids', () => {
    // Was 1 2 3 4 5 6; 3, 4 and 6 were taken out.
    const placed = placeBack([item(1), item(2), item(5)], 0, [entry(3, 2), entry(4, 3), entry(6, 5)], 100);
    expect(tracks(placed)).toEqual([10, 20, 30, 40, 50, 60]);
    expect(placed.map((i) => i.id)).toEqual([1, 2, 100, 101, 5, 102]);
  });

  it('never before the playing entry: what the entry followed was heard or is gone', () => {
    // Playing 5 (index 2); 3 followed 2, already heard; 7 followed 6, which left the queue.
    const placed = placeBack([item(1), item(2), item(5), item(8)], 2, [entry(3, 2), entry(7, 6)], 100);
    expect(tracks(placed)).toEqual([10, 20, 50, 70, 30, 80]);
  });

  it('an empty queue takes them from the start', () => {
    expect(tracks(placeBack([], -1, [entry(1, null), entry(2, 1)], 9))).toEqual([10, 20]);
  });
});
