/** One album of the grid: cover, title and artist (opens the album page) and a play button over the cover. */
import { memo } from 'react';
import { Icon } from '../../elements/Icon';
import type { Album } from '../../lib/albums';
import { openAlbum } from '../../stores/albums-store';
import { AlbumArt } from './AlbumArt';
import { playInOrder } from './album-actions';

export const AlbumTile = memo(function AlbumTile({ album, size }: { album: Album; size: number }) {
  return (
    <div className="album-tile" role="listitem" style={{ width: size }} data-testid="album-tile" data-album-title={album.title}>
      <button type="button" className="album-open" onClick={() => openAlbum(album.key)}
        aria-label={`${album.title} by ${album.artist}`}>
        <AlbumArt title={album.title} artist={album.artist} coverId={album.coverId} size={size} />
        <span className="album-tile-title">{album.title}</span>
        <span className="album-tile-artist">{album.artist}{album.year ? ` · ${album.year}` : ''}</span>
      </button>
      <button type="button" className="album-tile-play" title={`Play ${album.title}`} aria-label={`Play ${album.title}`}
        data-testid="album-tile-play" style={{ top: size - 44, left: size - 44 }} onClick={() => playInOrder(album.trackIds)}>
        <Icon name="play" size={20} />
      </button>
    </div>
  );
});
