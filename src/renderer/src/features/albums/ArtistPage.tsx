/** One artist: their albums (as covers) and every song of theirs, with play all and add to queue. */
import { useMemo } from 'react';
import type { Track } from '../../../../shared/domain';
import { Icon } from '../../elements/Icon';
import type { Album, Artist } from '../../lib/albums';
import { plural } from '../../lib/format';
import { openArtist, useAlbumIndex } from '../../stores/albums-store';
import { useLibraryStore } from '../../stores/library-store';
import { AlbumTile } from './AlbumTile';
import { playInOrder, queueTracks } from './album-actions';
import { SongList } from './SongList';

export function ArtistPage({ artist }: { artist: Artist }) {
  const index = useAlbumIndex();
  const byId = useLibraryStore((s) => s.byId);
  const albums = useMemo(() => artist.albumKeys.map((k) => index.byKey.get(k)).filter((a): a is Album => Boolean(a)), [artist, index]);
  const tracks = useMemo(() => artist.trackIds.map((id) => byId.get(id)).filter((t): t is Track => Boolean(t)), [artist, byId]);
  return (
    <section className="albums-view artist-page" aria-label={`Artist ${artist.name}`} data-testid="artist-page">
      <div className="page-scroll">
        <button type="button" className="btn small page-back" onClick={() => openArtist(null)} data-testid="artist-back">
          <Icon name="back" size={14} /> All artists
        </button>
        <header className="artist-head">
          <span className="artist-avatar large" aria-hidden="true">{artist.name.slice(0, 1).toUpperCase()}</span>
          <div>
            <div className="eyebrow">Artist</div>
            <h2 data-testid="artist-name">{artist.name}</h2>
            <div className="album-facts">{albums.length ? `${plural(albums.length, 'album')} · ` : ''}{plural(tracks.length, 'song')}</div>
            <div className="album-actions">
              <button type="button" className="btn primary" data-testid="artist-play" onClick={() => playInOrder(artist.trackIds)}>
                <Icon name="play" size={16} /> Play all
              </button>
              <button type="button" className="btn" onClick={() => void queueTracks(artist.trackIds, `${artist.name}'s songs`)}>
                <Icon name="addQueue" size={16} /> Add to queue
              </button>
            </div>
          </div>
        </header>
        {albums.length ? (
          <>
            <h3 className="page-section">Albums</h3>
            <div className="artist-albums" role="list" aria-label={`Albums of ${artist.name}`}>
              {albums.map((album) => <AlbumTile key={album.key} album={album} size={140} />)}
            </div>
          </>
        ) : null}
        <h3 className="page-section">Songs</h3>
        <SongList tracks={tracks} showArtist={false} showAlbum label={`Songs of ${artist.name}`} />
      </div>
    </section>
  );
}
