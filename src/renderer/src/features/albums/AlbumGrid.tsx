/**
 * The album grid, virtualised like the library table: rows of tiles, as many per row as the width
 * holds, and only the rows in view in the DOM (5,000 albums scroll like 50).
 */
import { useLayoutEffect, useRef, useState } from 'react';
import { VirtualList } from '../../elements/VirtualList';
import type { Album } from '../../lib/albums';
import { AlbumTile } from './AlbumTile';

const MIN_TILE = 150;
const GAP = 18;
const PAD = 18;
/** Title and artist lines under the cover. */
const CAPTION = 46;

export function gridLayout(width: number): { columns: number; tile: number; rowHeight: number } {
  const inner = Math.max(0, width - 2 * PAD);
  const columns = Math.max(1, Math.floor((inner + GAP) / (MIN_TILE + GAP)));
  const tile = Math.max(80, Math.floor((inner - GAP * (columns - 1)) / columns));
  return { columns, tile, rowHeight: tile + CAPTION + GAP };
}

export function AlbumGrid({ albums, resetKey }: { albums: readonly Album[]; resetKey: string }) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const { columns, tile, rowHeight } = gridLayout(width);
  const rows = Math.ceil(albums.length / columns);
  const renderRow = (row: number, top: number) => (
    <div key={row} className="album-row" role="presentation" style={{ top: top + GAP, height: rowHeight - GAP, gap: GAP, paddingLeft: PAD }}>
      {albums.slice(row * columns, row * columns + columns).map((album) => <AlbumTile key={album.key} album={album} size={tile} />)}
    </div>
  );

  return (
    <div ref={box} className="album-grid" role="list" aria-label="Albums" data-testid="album-grid" data-columns={columns}>
      {width > 0 ? <VirtualList count={rows} rowHeight={rowHeight} renderRow={renderRow} overscan={3} className="album-grid-body" resetKey={`${resetKey}|${columns}`} /> : null}
    </div>
  );
}
