/** The library grid: sortable header over a virtual list of TrackRows. */
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { Track } from '../../../../shared/domain';
import { VirtualList, type VirtualListHandle } from '../../elements/VirtualList';
import { sortBy, useBrowseStore, useSelectedIds, useSort, useVisibleRows } from '../../stores/browse-store';
import { useTracks } from '../../stores/library-store';
import { useCurrentTrackId } from '../../stores/queue-store';
import { columnsFor, FULL_LAYOUT, ROW_HEIGHT, type ColumnLayout } from './columns';
import { TrackMenu, type MenuAt } from './TrackMenu';
import { TrackRow } from './TrackRow';

/** The columns that fit the table, re-chosen as it resizes (window, side panel, sidebar). */
function useColumnLayout(table: RefObject<HTMLDivElement | null>): ColumnLayout {
  const [layout, setLayout] = useState<ColumnLayout>(FULL_LAYOUT);
  useLayoutEffect(() => {
    const el = table.current;
    if (!el) return;
    const measure = (): void => setLayout(columnsFor(el.clientWidth));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [table]);
  return layout;
}

function Header({ layout }: { layout: ColumnLayout }) {
  const sort = useSort();
  return (
    <div className="track-header" role="row" style={{ gridTemplateColumns: layout.template }}>
      {layout.columns.map((c) => {
        const active = sort.column === c.id;
        return (
          <button key={c.id} type="button" role="columnheader" data-testid={`sort-${c.id}`}
            className={`th ${c.align === 'right' ? 'right' : ''} ${active ? 'active' : ''}`}
            aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
            onClick={() => sortBy(c.id)} title={`Sort by ${c.label === '#' ? 'track number' : c.label.toLowerCase()}`}>
            <span>{c.label}</span>
            {active ? <span className="sort-arrow">{sort.direction === 'asc' ? '▲' : '▼'}</span> : null}
          </button>
        );
      })}
    </div>
  );
}

export function TrackTable() {
  const tracks = useTracks();
  const rows = useVisibleRows();
  const selectedIds = useSelectedIds();
  const playingId = useCurrentTrackId();
  const [menu, setMenu] = useState<MenuAt | null>(null);
  const list = useRef<VirtualListHandle>(null);
  const table = useRef<HTMLDivElement>(null);
  const layout = useColumnLayout(table);
  const resetKey = useBrowseStore((s) => `${s.terms.join(' ')}|${s.sort.column}|${s.sort.direction}`);

  const revealRequest = useBrowseStore((s) => s.revealRequest);
  useEffect(() => {
    if (revealRequest === 0) return;
    const { selectedTrackId } = useBrowseStore.getState();
    const index = rows.findIndex((i) => tracks[i]?.id === selectedTrackId);
    if (index !== -1) list.current?.scrollToIndex(index);
    // Only a new request scrolls; later row changes must not yank the view back.
  }, [revealRequest]);

  const openMenu = useCallback((track: Track, x: number, y: number) => setMenu({ track, x, y }), []);
  const closeMenu = useCallback(() => setMenu(null), []);

  const renderRow = (index: number, top: number) => {
    const track = tracks[rows[index]];
    if (!track) return null;
    // No key: the list recycles rows by slot, so a search or a scroll updates the rows already mounted.
    return (
      <TrackRow track={track} rowIndex={index} top={top} selected={selectedIds.has(track.id)}
        playing={track.id === playingId} layout={layout} onContextMenu={openMenu} />
    );
  };

  return (
    <div ref={table} className="track-table" role="grid" aria-rowcount={rows.length + 1} aria-label="Library"
      data-columns={layout.columns.map((c) => c.id).join(' ')}>
      <Header layout={layout} />
      <VirtualList ref={list} count={rows.length} rowHeight={ROW_HEIGHT} renderRow={renderRow} className="track-body"
        testId="track-list" resetKey={resetKey} recycleRows />
      {rows.length === 0 ? <div className="no-results">No tracks match your search.</div> : null}
      {menu ? <TrackMenu at={menu} onClose={closeMenu} /> : null}
    </div>
  );
}
