/** The Artists tab: every artist (virtualised, with a filter), or the open artist's page. */
import { useMemo, useState } from 'react';
import { Icon } from '../../elements/Icon';
import { VirtualList } from '../../elements/VirtualList';
import { plural } from '../../lib/format';
import { normalizeText } from '../../lib/text';
import { openArtist, useAlbumIndex, useOpenArtistKey } from '../../stores/albums-store';
import { useLibraryStore } from '../../stores/library-store';
import { ArtistPage } from './ArtistPage';
import './albums.css';

const ROW = 44;

export function ArtistsView() {
  const index = useAlbumIndex();
  const openKey = useOpenArtistKey();
  const loaded = useLibraryStore((s) => s.tracksLoaded);
  const [query, setQuery] = useState('');
  const shown = useMemo(() => {
    const words = normalizeText(query).split(/\s+/).filter(Boolean);
    return words.length === 0 ? index.artists : index.artists.filter((a) => words.every((w) => normalizeText(a.name).includes(w)));
  }, [index, query]);

  const open = openKey ? index.artistByKey.get(openKey) : undefined;
  if (open) return <ArtistPage artist={open} />;

  const renderRow = (i: number, top: number) => {
    const artist = shown[i];
    return (
      <button key={artist.key} type="button" className="artist-row" role="listitem" style={{ top, height: ROW }}
        data-testid="artist-row" onClick={() => openArtist(artist.key)}>
        <span className="artist-avatar" aria-hidden="true">{artist.name.slice(0, 1).toUpperCase()}</span>
        <span className="artist-name">{artist.name}</span>
        <span className="artist-counts">{artist.albumKeys.length ? `${plural(artist.albumKeys.length, 'album')} · ` : ''}{plural(artist.trackIds.length, 'song')}</span>
      </button>
    );
  };

  let body;
  if (!loaded) body = <div className="placeholder">Loading your library…</div>;
  else if (index.artists.length === 0) body = <div className="placeholder">No artists yet: none of your songs names its artist (tags, or “Artist - Title” file names).</div>;
  else if (shown.length === 0) body = <div className="placeholder">No artist matches “{query}”.</div>;
  else body = <VirtualList count={shown.length} rowHeight={ROW} renderRow={renderRow} role="list" ariaLabel="Artists" className="artist-list" testId="artist-list" resetKey={query} />;

  return (
    <section className="albums-view" aria-label="Artists">
      <div className="toolbar">
        <label className="search">
          <Icon name="search" size={16} />
          <input type="search" placeholder="Find an artist" value={query} aria-label="Find an artist" data-testid="artist-search"
            onChange={(e) => setQuery(e.target.value)} onKeyDown={(e) => { if (e.key === 'Escape') setQuery(''); }} />
        </label>
        <div className="library-summary">{shown.length === index.artists.length ? plural(index.artists.length, 'artist') : `${shown.length.toLocaleString('en-US')} of ${plural(index.artists.length, 'artist')}`}</div>
      </div>
      {body}
    </section>
  );
}
