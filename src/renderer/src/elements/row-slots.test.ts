import { describe, expect, it } from 'vitest';
import { leadFor, MAX_LEAD_PX, rowRange } from './row-range';
import { assignSlots, NO_ROWS, type RowSlots } from './row-slots';

const range = (s: RowSlots): number[] => s.slots.map((_, k) => s.first + k);
const unique = (s: RowSlots): boolean => new Set(s.slots).size === s.slots.length;

describe('assignSlots', () => {
  it('numbers the first window 0..n-1', () => {
    expect(assignSlots(NO_ROWS, 0, 5)).toEqual({ first: 0, slots: [0, 1, 2, 3, 4] });
  });

  it('keeps the slots of the same rows (a search re-renders them in place)', () => {
    const a = assignSlots(NO_ROWS, 0, 40);
    const b = assignSlots(a, 0, 40);
    expect(b.slots).toEqual(a.slots);
  });

  it('scrolling down one row hands the top row slot to the new bottom row', () => {
    const a = assignSlots(NO_ROWS, 0, 5);
    const b = assignSlots(a, 1, 6);
    expect(b).toEqual({ first: 1, slots: [1, 2, 3, 4, 0] });
  });

  it('scrolling up hands the bottom rows slots to the rows entering above', () => {
    const a = assignSlots(NO_ROWS, 10, 15); // slots 0..4 for rows 10..14
    const b = assignSlots(a, 8, 13);
    expect(b.slots.slice(2)).toEqual([0, 1, 2]); // rows 10..12 kept theirs
    expect(new Set(b.slots.slice(0, 2))).toEqual(new Set([3, 4]));
  });

  it('a jump far away reuses every slot, creating none', () => {
    const a = assignSlots(NO_ROWS, 0, 30);
    const b = assignSlots(a, 20_000, 20_030);
    expect(new Set(b.slots)).toEqual(new Set(a.slots));
    expect(unique(b)).toBe(true);
  });

  it('a larger window adds slots past the largest in use; a smaller one frees them', () => {
    const a = assignSlots(NO_ROWS, 0, 3);
    const b = assignSlots(a, 0, 6);
    expect(b.slots).toEqual([0, 1, 2, 3, 4, 5]);
    const c = assignSlots(b, 2, 4);
    expect(c.slots).toEqual([2, 3]);
    const d = assignSlots(c, 0, 6); // the freed numbers come back without clashing
    expect(unique(d)).toBe(true);
    expect(d.slots.slice(2, 4)).toEqual([2, 3]);
  });

  it('stays unique and covers the range over a random walk, and is idempotent', () => {
    let s: RowSlots = NO_ROWS;
    let seed = 7;
    const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    let maxSlots = 0;
    for (let i = 0; i < 500; i++) {
      const first = Math.floor(rnd() * 1000);
      const last = first + Math.floor(rnd() * 80);
      const next = assignSlots(s, first, last);
      expect(range(next)).toEqual(Array.from({ length: last - first }, (_, k) => first + k));
      expect(unique(next)).toBe(true);
      expect(assignSlots(next, first, last)).toEqual(next);
      maxSlots = Math.max(maxSlots, ...next.slots.map((x) => x + 1));
      s = next;
    }
    expect(maxSlots).toBeLessThanOrEqual(80); // never more slot numbers than the largest window
  });

  it('an empty range frees everything', () => {
    expect(assignSlots(assignSlots(NO_ROWS, 0, 5), 0, 0)).toEqual({ first: 0, slots: [] });
  });
});

describe('rowRange', () => {
  const base = { height: 300, count: 1000, rowHeight: 30, lead: 0, overscan: 2 };

  it('covers the viewport plus the overscan each side', () => {
    expect(rowRange({ ...base, scrollTop: 300 })).toEqual({ first: 8, last: 22 });
    expect(rowRange({ ...base, scrollTop: 0 })).toEqual({ first: 0, last: 12 });
  });

  it('renders the lead ahead in the direction of travel only', () => {
    expect(rowRange({ ...base, scrollTop: 300, lead: 600 })).toEqual({ first: 8, last: 42 });
    expect(rowRange({ ...base, scrollTop: 900, lead: -600 })).toEqual({ first: 8, last: 42 });
  });

  it('clamps a scroll position past the end, as the browser does when the list shrinks', () => {
    // 20 rows = 600 px, viewport 300: the furthest the list can scroll is 300.
    expect(rowRange({ ...base, count: 20, scrollTop: 5000 })).toEqual({ first: 8, last: 20 });
    expect(rowRange({ ...base, count: 5, scrollTop: 5000 })).toEqual({ first: 0, last: 5 });
    expect(rowRange({ ...base, count: 0, scrollTop: 5000 })).toEqual({ first: 0, last: 0 });
  });
});

describe('leadFor', () => {
  it('is a few scroll steps, in the step direction, bounded', () => {
    expect(leadFor(600)).toBe(1500);
    expect(leadFor(-40)).toBe(-100);
    expect(leadFor(1e6)).toBe(MAX_LEAD_PX);
    expect(leadFor(-1e6)).toBe(-MAX_LEAD_PX);
  });
});
