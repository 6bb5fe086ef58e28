import { describe, expect, it } from 'vitest';
import type { QueueEdit, QueueItem, QueueState } from './domain';
import { applyQueueEdit } from './queue-edit';

const entry = (id: number): QueueItem => ({ id, trackId: 1, origin: { kind: 'user' } });
const state: QueueState = { items: [1, 2, 3, 4].map(entry), currentIndex: 1, version: 5 };
const edit = (patch: Partial<QueueEdit>): QueueEdit => ({ baseVersion: 5, version: 6, ops: [], currentIndex: 1, length: 4, ...patch });

describe('applyQueueEdit', () => {
  it('applies ops in order onto a copy, leaving the given state as it was', () => {
    const next = applyQueueEdit(state, edit({
      ops: [{ kind: 'remove', index: 0, count: 1 }, { kind: 'insert', index: 3, items: [entry(9)] }, { kind: 'move', from: 3, to: 0 }],
      currentIndex: 1,
    }));
    expect(next).toEqual({ items: [9, 2, 3, 4].map(entry), currentIndex: 1, version: 6 });
    expect(state.items.map((i) => i.id)).toEqual([1, 2, 3, 4]);
  });

  it('ignores an edit it already holds (an answer overtaken by its own event)', () => {
    expect(applyQueueEdit(state, edit({ baseVersion: 4, version: 5 }))).toBe('stale');
    expect(applyQueueEdit(state, edit({ baseVersion: 2, version: 3 }))).toBe('stale');
  });

  it('asks for the whole queue after a version gap', () => {
    expect(applyQueueEdit(state, edit({ baseVersion: 6, version: 7 }))).toBe('reload');
  });

  it('asks for the whole queue when an edit does not fit the copy', () => {
    expect(applyQueueEdit(state, edit({ ops: [{ kind: 'remove', index: 3, count: 2 }] }))).toBe('reload');
    expect(applyQueueEdit(state, edit({ ops: [{ kind: 'insert', index: 5, items: [entry(9)] }] }))).toBe('reload');
    expect(applyQueueEdit(state, edit({ ops: [{ kind: 'move', from: 0, to: 4 }] }))).toBe('reload');
    expect(applyQueueEdit(state, edit({ ops: [{ kind: 'remove', index: 0, count: 1 }] }))).toBe('reload'); // length says 4
    expect(applyQueueEdit(state, edit({ currentIndex: 4 }))).toBe('reload');
    expect(applyQueueEdit(state, edit({ ops: [{ kind: 'removeEntries', ids: [2, 7] }], length: 3 }))).toBe('reload'); // 7 is not there
  });

  it('takes entries out by id', () => {
    expect(applyQueueEdit(state, edit({ ops: [{ kind: 'removeEntries', ids: [3, 1] }], currentIndex: 0, length: 2 })))
      .toEqual({ items: [2, 4].map(entry), currentIndex: 0, version: 6 });
  });

  it('inserts more entries than fit in one argument list', () => {
    const many = Array.from({ length: 300_000 }, (_, i) => entry(100 + i));
    const next = applyQueueEdit(state, edit({ ops: [{ kind: 'insert', index: 2, items: many }], length: 300_004 }));
    expect(typeof next === 'object' && next.items.slice(0, 3).map((i) => i.id)).toEqual([1, 2, 100]);
  });
});
