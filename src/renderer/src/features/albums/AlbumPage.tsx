/** One album: its cover and facts, play / play similar sounding (seeded by all its songs) / queue, and its songs in disc and track order. */
import { useMemo } from 'react';
import type { Track } from '../../../../shared/domain';
import { Icon } from '../../elements/Icon';
import type { Album } from '../../lib/albums';
import { formatTotalDuration, plural } from '../../lib/format';
import { openAlbum, openArtist } from '../../stores/albums-store';
import { useLibraryStore } from '../../stores/library-store';
import { useRadioStarting } from '../../stores/radio-store';
import { AlbumArt } from './AlbumArt';
import { albumRadio, playInOrder, queueTracks } from './album-actions';
import { SongList } from './SongList';

export function AlbumPage({ album }: { album: Album }) {
  const byId = useLibraryStore((s) => s.byId);
  const busy = useRadioStarting() !== null;
  const tracks = useMemo(() => album.trackIds.map((id) => byId.get(id)).filter((t): t is Track => Boolean(t)), [album, byId]);
  const facts = [album.year ? String(album.year) : '', plural(tracks.length, 'song'), album.durationSec ? formatTotalDuration(album.durationSec) : '']
    .filter(Boolean).join(' · ');
  return (
    <section className="albums-view album-page" aria-label={`Album ${album.title}`} data-testid="album-page">
      <div className="page-scroll">
        <button type="button" className="btn small page-back" onClick={() => openAlbum(null)} data-testid="album-back">
          <Icon name="back" size={14} /> All albums
        </button>
        <header className="album-head">
          <AlbumArt title={album.title} artist={album.artist} coverId={album.coverId} size={184} className="album-head-art" />
          <div className="album-head-text">
            <div className="eyebrow">Album</div>
            <h2 data-testid="album-title">{album.title}</h2>
            {album.artistKey ? (
              <button type="button" className="cell-link album-artist" data-testid="album-artist-link"
                onClick={() => openArtist(album.artistKey)}>{album.artist}</button>
            ) : <div className="album-artist">{album.artist}</div>}
            <div className="album-facts">{facts}</div>
            <div className="album-actions">
              <button type="button" className="btn primary" data-testid="album-play" onClick={() => playInOrder(album.trackIds)}>
                <Icon name="play" size={16} /> Play
              </button>
              <button type="button" className="btn" data-testid="album-radio" disabled={busy}
                title="A radio of songs that sound like this album (all its songs are the seed)" onClick={() => albumRadio(album)}>
                <Icon name="similar" size={16} /> Play similar sounding
              </button>
              <button type="button" className="btn" data-testid="album-enqueue" onClick={() => void queueTracks(album.trackIds, `“${album.title}”`)}>
                <Icon name="addQueue" size={16} /> Add to queue
              </button>
            </div>
          </div>
        </header>
        <SongList tracks={tracks} showArtist={album.artistKey === null} discs={album.multiDisc} label={`Songs of ${album.title}`} />
      </div>
    </section>
  );
}
