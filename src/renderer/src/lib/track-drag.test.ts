import { describe, expect, it } from 'vitest';
import { decodeTrackDrag, draggedIds, encodeTrackDrag } from './track-drag';

describe('track drag data', () => {
  it('round-trips ids, dropping repeats', () => {
    expect(decodeTrackDrag(encodeTrackDrag([3, 1, 2]))).toEqual([3, 1, 2]);
    expect(decodeTrackDrag(encodeTrackDrag([5, 5, 6]))).toEqual([5, 6]);
  });

  it('refuses anything that is not a list of positive integer ids', () => {
    for (const bad of ['', 'nope', '[1,2]', '{}', '{"trackIds":[]}', '{"trackIds":[1,-2]}', '{"trackIds":[1.5]}',
      '{"trackIds":["1"]}', '{"trackIds":[1e300]}', '{"trackIds":null}', 'null', '/etc/passwd']) {
      expect(decodeTrackDrag(bad), bad).toBeNull();
    }
  });

  it('drags the selection in view order when the row is part of it, else only the row', () => {
    const order = [10, 11, 12, 13];
    expect(draggedIds(12, new Set([13, 11, 12]), order)).toEqual([11, 12, 13]);
    expect(draggedIds(10, new Set([13, 11]), order)).toEqual([10]);
    expect(draggedIds(11, new Set([11]), order)).toEqual([11]);
  });
});
