import { describe, expect, it } from 'vitest';
import type { QueueItem, QueueState } from '../../shared/domain';
import { applyQueueEdit } from '../../shared/queue-edit';
import { diffQueue } from './queue-diff';

const entry = (id: number): QueueItem => ({ id, trackId: id % 5, origin: { kind: 'user' } });
const queue = (...ids: number[]): QueueItem[] => ids.map(entry);
const ids = (items: readonly QueueItem[]): number[] => items.map((i) => i.id);

/** Applies the diff of before -> after the way a client does and returns the ids it ends up with. */
function roundTrip(before: QueueItem[], after: QueueItem[]): number[] {
  const state: QueueState = { items: before, currentIndex: -1, version: 1 };
  const next = applyQueueEdit(state, { baseVersion: 1, version: 2, ops: diffQueue(before, after), currentIndex: -1, length: after.length });
  if (typeof next === 'string') throw new Error(`the edit did not apply: ${next}`);
  return ids(next.items);
}

/** A small deterministic generator, so a failure names a seed that reproduces it. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('diffQueue', () => {
  it('says an append, an insert, a removal and a move each in one op', () => {
    const base = queue(1, 2, 3, 4, 5);
    expect(diffQueue(base, queue(1, 2, 3, 4, 5, 6, 7))).toEqual([{ kind: 'insert', index: 5, items: queue(6, 7) }]);
    expect(diffQueue(base, queue(1, 2, 9, 3, 4, 5))).toEqual([{ kind: 'insert', index: 2, items: queue(9) }]);
    expect(diffQueue(base, queue(1, 4, 5))).toEqual([{ kind: 'remove', index: 1, count: 2 }]);
    expect(diffQueue(base, queue(2, 3, 4, 1, 5))).toEqual([{ kind: 'move', from: 0, to: 3 }]);
    expect(diffQueue(base, queue(1, 5, 2, 3, 4))).toEqual([{ kind: 'move', from: 4, to: 1 }]);
    expect(diffQueue(base, base)).toEqual([]);
    expect(diffQueue(base, [])).toEqual([{ kind: 'remove', index: 0, count: 5 }]);
  });

  it('takes long runs out as ranges, last first, so each index still holds', () => {
    const before = queue(...Array.from({ length: 40 }, (_, i) => i + 1));
    const after = before.filter((i) => i.id <= 5 || (i.id > 15 && i.id <= 30));
    expect(diffQueue(before, after)).toEqual([{ kind: 'remove', index: 30, count: 10 }, { kind: 'remove', index: 5, count: 10 }]);
    expect(roundTrip(before, after)).toEqual(ids(after));
  });

  it('takes scattered entries out by id (every third song of a removed folder)', () => {
    const before = queue(...Array.from({ length: 30 }, (_, i) => i + 1));
    const after = before.filter((i) => i.id % 3 !== 0);
    expect(diffQueue(before, after)).toEqual([{ kind: 'removeEntries', ids: [3, 6, 9, 12, 15, 18, 21, 24, 27, 30] }]);
    expect(roundTrip(before, after)).toEqual(ids(after));
  });

  it('falls back to a whole replacement that still applies when entries were both reordered and replaced', () => {
    const before = queue(1, 2, 3, 4);
    const after = queue(4, 9, 2, 1);
    expect(diffQueue(before, after)[0]).toEqual({ kind: 'remove', index: 0, count: 4 });
    expect(roundTrip(before, after)).toEqual([4, 9, 2, 1]);
  });

  it('round-trips random mixes of inserts, removals and a move', () => {
    const random = prng(7);
    let nextId = 1;
    for (let round = 0; round < 500; round++) {
      const before = queue(...Array.from({ length: Math.floor(random() * 40) }, () => nextId++));
      const after = before.filter(() => random() > 0.2);
      for (let k = Math.floor(random() * 4); k > 0; k--) after.splice(Math.floor(random() * (after.length + 1)), 0, entry(nextId++));
      if (after.length > 1 && random() < 0.5) {
        const [moved] = after.splice(Math.floor(random() * after.length), 1);
        after.splice(Math.floor(random() * (after.length + 1)), 0, moved);
      }
      expect(roundTrip(before, after), `round ${round}`).toEqual(ids(after));
    }
  });
});
