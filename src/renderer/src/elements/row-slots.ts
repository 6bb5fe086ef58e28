/**
 * Row recycling for the virtual list: which slot (React key) each rendered row index uses. A row that stays
 * in view keeps its slot; a row entering takes a slot a leaving row freed. React then updates a recycled
 * row in place (new props) instead of unmounting one row and mounting another, which is what made a search
 * (every row replaced) and a fling (dozens of rows a frame) cost a full mount of each row.
 */

/** Slots of the rows [first, first + slots.length): slots[k] is the slot of row first + k. */
export interface RowSlots {
  readonly first: number;
  readonly slots: readonly number[];
}

export const NO_ROWS: RowSlots = { first: 0, slots: [] };

/**
 * The slots of rows [first, last) given the previous assignment. Slots stay unique, and a new slot takes the
 * smallest number not in use, so there are never more slot numbers than rows in the largest window.
 * Idempotent: assigning the same range again returns the same slots.
 */
export function assignSlots(prev: RowSlots, first: number, last: number): RowSlots {
  const count = Math.max(0, last - first);
  const prevLast = prev.first + prev.slots.length;
  const slots = new Array<number>(count);
  const free: number[] = [];
  const inUse = new Set<number>();
  for (let k = 0; k < prev.slots.length; k++) {
    const index = prev.first + k;
    const slot = prev.slots[k];
    if (index >= first && index < last) {
      slots[index - first] = slot;
      inUse.add(slot);
    } else free.push(slot);
  }
  // Entering rows take freed slots in order: the row leaving the top goes to the bottom when scrolling down.
  let taken = 0;
  let fresh = 0;
  for (let index = first; index < last; index++) {
    if (index >= prev.first && index < prevLast) continue;
    if (taken < free.length) {
      slots[index - first] = free[taken];
      inUse.add(free[taken++]);
    } else {
      while (inUse.has(fresh)) fresh++;
      slots[index - first] = fresh;
      inUse.add(fresh);
    }
  }
  return { first, slots };
}
