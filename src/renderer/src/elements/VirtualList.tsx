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

export const VirtualList = forwardRef<VirtualListHandle, VirtualListProps>(function VirtualList(
  // 20 rows each side: the list renders from the scroll event, a frame behind; a fast fling moves
  // ~600 px a frame, which 8 rows (240 px) could not cover (measured by bench:ui as blank frames).
  { count, rowHeight, renderRow, overscan = 20, className, role, ariaLabel, testId, resetKey },
  ref,
) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
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
    setScrollTop(0);
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
    if (scroller.current) setScrollTop(scroller.current.scrollTop);
  }, []);

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((scrollTop + height) / rowHeight) + overscan);
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
