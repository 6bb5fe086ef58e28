/** The library table's album and artist cells: their text is a link to the album's or the artist's page. */
import type { Track } from '../../../../shared/domain';
import { nameKey } from '../../lib/albums';
import { openAlbumOfTrack, openArtist } from '../../stores/albums-store';
import './albums.css';

export function BrowseLink({ track, kind, text }: { track: Track; kind: 'album' | 'artist'; text: string }) {
  if (!text) return null;
  return (
    <button type="button" className="cell-link" data-testid={`${kind}-link`}
      title={kind === 'album' ? `Open the album ${text}` : `Open ${text}'s page`}
      // A link, not a row click: it must neither select the row nor start it playing.
      onClick={(e) => {
        e.stopPropagation();
        if (kind === 'album') openAlbumOfTrack(track.id);
        else openArtist(nameKey(text));
      }}
      onDoubleClick={(e) => e.stopPropagation()}>
      {text}
    </button>
  );
}
