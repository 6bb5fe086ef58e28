import { describe, expect, it } from 'vitest';
import { clickSelection, EMPTY_SELECTION, selectedInOrder, single } from './selection';

const order = [10, 11, 12, 13, 14];
const plain = { toggle: false, range: false };
const ctrl = { toggle: true, range: false };
const shift = { toggle: false, range: true };

describe('clickSelection', () => {
  it('a plain click selects one row and anchors there', () => {
    const s = clickSelection(EMPTY_SELECTION, 12, order, plain);
    expect([...s.ids]).toEqual([12]);
    expect(s.anchor).toBe(12);
    expect(s.focus).toBe(12);
  });
  it('Ctrl-click toggles rows in and out', () => {
    let s = clickSelection(single(10), 12, order, ctrl);
    expect([...s.ids].sort()).toEqual([10, 12]);
    s = clickSelection(s, 10, order, ctrl);
    expect([...s.ids]).toEqual([12]);
    expect(s.focus).toBe(12);
  });
  it('Shift-click selects the range from the anchor, either direction', () => {
    expect([...clickSelection(single(11), 13, order, shift).ids]).toEqual([11, 12, 13]);
    const up = clickSelection(single(13), 10, order, shift);
    expect([...up.ids].sort()).toEqual([10, 11, 12, 13]);
    expect(up.anchor).toBe(13);
  });
  it('Ctrl+Shift adds the range to what was selected', () => {
    const s = clickSelection({ ids: new Set([14, 10]), anchor: 10, focus: 10 }, 11, order, { toggle: true, range: true });
    expect([...s.ids].sort()).toEqual([10, 11, 14]);
  });
  it('Shift-click without a visible anchor acts like a plain click', () => {
    expect([...clickSelection(single(99), 12, order, shift).ids]).toEqual([12]);
  });
});

describe('selectedInOrder', () => {
  it('lists the selection in row order, hidden rows last', () => {
    expect(selectedInOrder({ ids: new Set([13, 10, 99]), anchor: 10, focus: 10 }, order)).toEqual([10, 13, 99]);
    expect(selectedInOrder(EMPTY_SELECTION, order)).toEqual([]);
  });
});
