/**
 * Library row selection as data: a click, Ctrl/⌘-click (toggle) or Shift-click (range from the anchor
 * over the rows as shown) turns one selection into the next. The browse store keeps the result.
 */

export interface Selection {
  ids: ReadonlySet<number>;
  /** Where a Shift-click range starts: the last plainly or Ctrl-clicked row. */
  anchor: number | null;
  /** The row last clicked (what Enter plays and the details card shows). */
  focus: number | null;
}

export const EMPTY_SELECTION: Selection = { ids: new Set(), anchor: null, focus: null };

export interface ClickMods {
  toggle: boolean;
  range: boolean;
}

export function single(id: number | null): Selection {
  return id === null ? EMPTY_SELECTION : { ids: new Set([id]), anchor: id, focus: id };
}

/** The selection after clicking `id`; `order` is the track ids of the rows on screen, in order. */
export function clickSelection(sel: Selection, id: number, order: readonly number[], mods: ClickMods): Selection {
  if (mods.range && sel.anchor !== null) {
    const from = order.indexOf(sel.anchor);
    const to = order.indexOf(id);
    if (from !== -1 && to !== -1) {
      const [a, b] = from <= to ? [from, to] : [to, from];
      const ids = new Set(mods.toggle ? sel.ids : []);
      for (let i = a; i <= b; i++) ids.add(order[i]);
      return { ids, anchor: sel.anchor, focus: id };
    }
  }
  if (mods.toggle) {
    const ids = new Set(sel.ids);
    if (ids.has(id)) ids.delete(id);
    else ids.add(id);
    return { ids, anchor: id, focus: ids.has(id) ? id : ([...ids].at(-1) ?? null) };
  }
  return single(id);
}

/** The selected ids in the order the rows are shown (a multi-seed radio is built in that order). */
export function selectedInOrder(sel: Selection, order: readonly number[]): number[] {
  if (sel.ids.size === 0) return [];
  if (sel.ids.size === 1) return [...sel.ids];
  const shown = order.filter((id) => sel.ids.has(id));
  // Selected rows hidden by a search still count, after the shown ones.
  return shown.length === sel.ids.size ? shown : [...shown, ...[...sel.ids].filter((id) => !shown.includes(id))];
}
