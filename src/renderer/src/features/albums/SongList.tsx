/**
 * The songs of an album or an artist page, in the order they play. The number is a play button (plays
 * the list from that song); double-clicking a row does the same. Disc headers split multi-disc albums.
 */
import { Fragment } from 'react';
import type { Track } from '../../../../shared/domain';
import { Icon } from '../../elements/Icon';
import { formatDuration } from '../../lib/format';
import { useCurrentTrackId } from '../../stores/queue-store';
import { PlaySimilarButton } from '../radio/PlaySimilarButton';
import { playInOrder, queueTracks } from './album-actions';

interface SongListProps {
  tracks: readonly Track[];
  /** Show each song's artist (a compilation, an artist's songs on others' albums). */
  showArtist: boolean;
  /** Show each song's album (an artist page). */
  showAlbum?: boolean;
  /** Headers per disc. */
  discs?: boolean;
  label: string;
}

export function SongList({ tracks, showArtist, showAlbum = false, discs = false, label }: SongListProps) {
  const playingId = useCurrentTrackId();
  const ids = tracks.map((t) => t.id);
  return (
    <div className="song-list" role="list" aria-label={label} data-testid="song-list">
      {tracks.map((track, i) => {
        const disc = track.discNo ?? 1;
        const newDisc = discs && (i === 0 || disc !== (tracks[i - 1].discNo ?? 1));
        const playing = track.id === playingId;
        return (
          <Fragment key={track.id}>
            {newDisc ? <div className="song-disc" role="presentation">Disc {disc}</div> : null}
            <div className={`song-row ${playing ? 'playing' : ''} ${track.available ? '' : 'unavailable'}`} role="listitem"
              data-testid="song-row" data-track-id={track.id} onDoubleClick={() => playInOrder(ids, track.id)}>
              <button type="button" className="song-play" aria-label={`Play ${track.title}`} title="Play from here"
                data-testid="song-play" onClick={() => playInOrder(ids, track.id)}>
                <span className="song-no">{playing ? <Icon name="volume" size={13} /> : track.trackNo ?? i + 1}</span>
                <span className="song-play-icon"><Icon name="play" size={14} /></span>
              </button>
              <span className="song-title" title={track.title}>{track.title}</span>
              {showArtist ? <span className="song-meta" title={track.artist ?? ''}>{track.artist ?? ''}</span> : null}
              {showAlbum ? <span className="song-meta" title={track.album ?? ''}>{track.album ?? ''}</span> : null}
              <span className="song-actions">
                <PlaySimilarButton trackId={track.id} />
                <button type="button" className="icon-btn small" title="Add to queue" aria-label={`Add ${track.title} to the queue`}
                  onClick={() => void queueTracks([track.id], `“${track.title}”`)}>
                  <Icon name="addQueue" size={15} />
                </button>
              </span>
              <span className="song-time">{formatDuration(track.durationSec)}</span>
            </div>
          </Fragment>
        );
      })}
    </div>
  );
}
