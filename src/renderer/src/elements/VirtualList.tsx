/**
 * A fixed-row-height virtual list: only the rows in view (plus a few above and below) are in the DOM, so
 * 50,000 rows scroll as smoothly as 50. Rows are absolutely positioned inside a spacer of full height.
 */
import { forwardRef, useCallback, useImperativeHandle, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

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
  className?: string;
  role?: string;
  ariaLabel?: string;
  testId?: string;
  /** When this value changes the list scrolls back to the top (e.g. a new search or sort). */
  resetKey?: string;
}

/** How many frames of the last scroll step to render ahead (React renders up to two frames late). */
const LEAD_FRAMES = 2.5;
/** Bounds the rows a single frame may mount however hard the wheel is spun. */
const MAX_LEAD_PX = 4000;

export const VirtualList = forwardRef<VirtualListHandle, VirtualListProps>(function VirtualList(
  // A few rows each side at rest: every row costs a mount when a search or sort replaces them all. Fast
  // scrolling is covered by `lead` below instead, which grows with the speed.
  { count, rowHeight, renderRow, overscan = 8, className, role, ariaLabel, testId, resetKey },
  ref,
) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  // Extra px rendered in the direction of travel. The list renders from the scroll event, which React runs
  // a frame or two behind the scroll position the browser paints, so a fling (bench:ui: 600 px a frame)
  // needs about that many frames' worth of distance ahead of it or it shows blank space.
  const [lead, setLead] = useState(0);
  const lastTop = useRef(0);
  const [height, setHeight] = useState(0);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    setHeight(el.clientHeight);
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // When the list shrinks under the scroll position (a search), the browser clamps scrollTop silently.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && el.scrollTop !== scrollTop) setScrollTop(el.scrollTop);
  }, [count, scrollTop]);

  useLayoutEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0;
    lastTop.current = 0;
    setScrollTop(0);
    setLead(0);
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
    const delta = top - lastTop.current;
    lastTop.current = top;
    setScrollTop(top);
    setLead(Math.max(-MAX_LEAD_PX, Math.min(MAX_LEAD_PX, delta * LEAD_FRAMES)));
  }, []);

  const first = Math.max(0, Math.floor((scrollTop + Math.min(0, lead)) / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((scrollTop + height + Math.max(0, lead)) / rowHeight) + overscan);
  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) {
    rows.push(renderRow(i, i * rowHeight));
  }

  return (
    <div ref={scroller} className={`vlist ${className ?? ''}`} onScroll={onScroll} role={role} aria-label={ariaLabel}
      data-testid={testId}>
      <div className="vlist-spacer" style={{ height: count * rowHeight }}>{rows}</div>
    </div>
  );
});
