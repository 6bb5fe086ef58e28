/** The Albums tab: the cover grid (filter and order on top), or the open album's page. */
import { useMemo } from 'react';
import { Icon } from '../../elements/Icon';
import { filterAlbums, sortAlbums, type AlbumSort } from '../../lib/albums';
import { plural } from '../../lib/format';
import { setAlbumQuery, setAlbumSort, useAlbumIndex, useAlbumQuery, useAlbumSort, useOpenAlbumKey } from '../../stores/albums-store';
import { useLibraryStore } from '../../stores/library-store';
import { AlbumGrid } from './AlbumGrid';
import { AlbumPage } from './AlbumPage';
import './albums.css';

const SORTS: { id: AlbumSort; label: string }[] = [
  { id: 'artist', label: 'Artist' },
  { id: 'title', label: 'Title' },
  { id: 'year', label: 'Year (newest)' },
  { id: 'added', label: 'Recently added' },
];

function isSort(value: string): value is AlbumSort {
  return SORTS.some((s) => s.id === value);
}

export function AlbumsView() {
  const index = useAlbumIndex();
  const openKey = useOpenAlbumKey();
  const query = useAlbumQuery();
  const sort = useAlbumSort();
  const loaded = useLibraryStore((s) => s.tracksLoaded);
  const sorted = useMemo(() => sortAlbums(index.albums, sort), [index, sort]);
  const shown = useMemo(() => filterAlbums(sorted, query), [sorted, query]);

  const open = openKey ? index.byKey.get(openKey) : undefined;
  if (open) return <AlbumPage album={open} />;

  let body;
  if (!loaded) body = <div className="placeholder">Loading your library…</div>;
  else if (index.albums.length === 0) body = <div className="placeholder">No albums yet. Add a music folder under Folders &amp; settings: each album (or folder of untagged files) shows up here.</div>;
  else if (shown.length === 0) body = <div className="placeholder">No album or artist matches “{query}”.</div>;
  else body = <AlbumGrid albums={shown} resetKey={`${query}|${sort}`} />;

  return (
    <section className="albums-view" aria-label="Albums">
      <div className="toolbar">
        <label className="search">
          <Icon name="search" size={16} />
          <input type="search" placeholder="Find an album or artist" value={query} aria-label="Find an album or artist"
            data-testid="album-search" onChange={(e) => setAlbumQuery(e.target.value)}
            onKeyDown={(e) => { if (e.key === 'Escape') setAlbumQuery(''); }} />
        </label>
        <label className="album-sort">
          <span>Order by</span>
          <select value={sort} data-testid="album-sort" onChange={(e) => { if (isSort(e.target.value)) setAlbumSort(e.target.value); }}>
            {SORTS.map((s) => <option key={s.id} value={s.id}>{s.label}</option>)}
          </select>
        </label>
        <div className="library-summary" data-testid="album-count">
          {shown.length === index.albums.length ? plural(index.albums.length, 'album') : `${shown.length.toLocaleString('en-US')} of ${plural(index.albums.length, 'album')}`}
        </div>
      </div>
      {body}
    </section>
  );
}
