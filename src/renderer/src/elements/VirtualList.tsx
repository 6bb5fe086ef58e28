/**
 * A fixed-row-height virtual list: only the rows in view (plus a few above and below) are in the DOM, so
 * 50,000 rows scroll as smoothly as 50. Rows are absolutely positioned inside a spacer of full height.
 */
import { forwardRef, Fragment, useCallback, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { leadFor, rowRange } from './row-range';
import { assignSlots, NO_ROWS, type RowSlots } from './row-slots';

export interface VirtualListHandle {
  /** Scrolls just enough to bring row `index` into view. */
  scrollToIndex(index: number): void;
}

interface VirtualListProps {
  count: number;
  rowHeight: number;
  /** Renders row `index`; the row positions itself absolutely at `top` px with height rowHeight. */
  renderRow: (index: number, top: number) => ReactNode;
  /** Extra rows rendered beyond each edge, so fast scrolling does not flash empty space. */
  overscan?: number;
  /**
   * Recycle rows: the list keys each row by its slot (see row-slots.ts), so a row scrolled out is re-used,
   * with new props, for a row scrolled in, and a new search updates the rows on screen in place. renderRow
   * must then return unkeyed elements whose props say everything (no state tied to one item).
   */
  recycleRows?: boolean;
  className?: string;
  role?: string;
  ariaLabel?: string;
  testId?: string;
  /** When this value changes the list scrolls back to the top (e.g. a new search or sort). */
  resetKey?: string;
}

interface ScrollState {
  top: number;
  /** Extra px rendered in the direction of travel (row-range.ts). */
  lead: number;
}

const AT_TOP: ScrollState = { top: 0, lead: 0 };

export const VirtualList = forwardRef<VirtualListHandle, VirtualListProps>(function VirtualList(
  // A few rows each side at rest: every row costs a render when a search or sort replaces them all. Fast
  // scrolling is covered by the lead instead, which grows with the speed.
  { count, rowHeight, renderRow, overscan = 8, recycleRows = false, className, role, ariaLabel, testId, resetKey },
  ref,
) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scroll, setScroll] = useState<ScrollState>(AT_TOP);
  const [height, setHeight] = useState(0);
  /** The scroll position of the last scroll event: known without asking the browser. */
  const domTop = useRef(0);
  // A new resetKey scrolls to the top in the same render (not from an effect, which would first render the
  // old scroll position's rows and then render again).
  const [seenResetKey, setSeenResetKey] = useState(resetKey);
  let state = scroll;
  if (resetKey !== seenResetKey) {
    setSeenResetKey(resetKey);
    setScroll(AT_TOP);
    state = AT_TOP;
  }

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    setHeight(el.clientHeight);
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Touches scrollTop only when the list is not at the top already: reading or writing it right after the
  // rows changed forces a layout in the middle of every search.
  useLayoutEffect(() => {
    if (scroller.current && domTop.current !== 0) {
      scroller.current.scrollTop = 0;
      domTop.current = 0;
    }
  }, [resetKey]);

  useImperativeHandle(ref, () => ({
    scrollToIndex(index: number) {
      const el = scroller.current;
      if (!el) return;
      const top = index * rowHeight;
      if (top < el.scrollTop) el.scrollTop = top;
      else if (top + rowHeight > el.scrollTop + el.clientHeight) el.scrollTop = top + rowHeight - el.clientHeight;
    },
  }), [rowHeight]);

  const onScroll = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    const top = el.scrollTop;
    domTop.current = top;
    // Rendered before this frame is painted, not in a task after it: the browser fires scroll events at the
    // start of a frame, so the rows for this position (and the lead ahead of it) are in the frame itself.
    flushSync(() => setScroll((prev) => (prev.top === top ? prev : { top, lead: leadFor(top - prev.top) })));
  }, []);

  const { first, last } = rowRange({ scrollTop: state.top, height, count, rowHeight, lead: state.lead, overscan });
  const committedSlots = useRef<RowSlots>(NO_ROWS);
  const slots = useMemo(() => (recycleRows ? assignSlots(committedSlots.current, first, last) : NO_ROWS), [recycleRows, first, last]);
  useLayoutEffect(() => {
    committedSlots.current = slots;
  }, [slots]);

  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) {
    const row = renderRow(i, i * rowHeight);
    rows.push(recycleRows ? <Fragment key={slots.slots[i - first]}>{row}</Fragment> : row);
  }

  return (
    <div ref={scroller} className={`vlist ${className ?? ''}`} onScroll={onScroll} role={role} aria-label={ariaLabel}
      data-testid={testId}>
      <div className="vlist-spacer" style={{ height: count * rowHeight }}>{rows}</div>
    </div>
  );
});
