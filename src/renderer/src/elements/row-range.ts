/**
 * Which rows a fixed-row-height virtual list renders, computed from numbers it already holds (no layout
 * reads): the viewport plus `overscan` rows each side plus a lead in the direction of travel.
 */

/** How many frames of the last scroll step to render ahead of a fling. */
export const LEAD_FRAMES = 2.5;
/** Bounds the rows a single frame may mount however hard the wheel is spun. */
export const MAX_LEAD_PX = 4000;

export interface RangeInput {
  scrollTop: number;
  /** The viewport height in px. */
  height: number;
  count: number;
  rowHeight: number;
  /** Extra px rendered beyond the viewport's bottom (> 0, scrolling down) or top (< 0, scrolling up). */
  lead: number;
  overscan: number;
}

/** Rows [first, last) to render. */
export interface RowRange {
  first: number;
  last: number;
}

/**
 * The lead for a scroll step of `delta` px. The list renders from the scroll event, which reports the
 * position a frame before the one being painted (more when a frame is dropped), so it renders a few steps
 * ahead of where the list is going.
 */
export function leadFor(delta: number): number {
  return Math.max(-MAX_LEAD_PX, Math.min(MAX_LEAD_PX, delta * LEAD_FRAMES));
}

export function rowRange({ scrollTop, height, count, rowHeight, lead, overscan }: RangeInput): RowRange {
  // When a search shrinks the list under the scroll position the browser clamps scrollTop; so does this,
  // without asking the browser (a read of scrollTop after a DOM change forces a layout).
  const top = Math.max(0, Math.min(scrollTop, count * rowHeight - height));
  const first = Math.max(0, Math.floor((top + Math.min(0, lead)) / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((top + height + Math.max(0, lead)) / rowHeight) + overscan);
  return { first, last: Math.max(first, last) };
}
