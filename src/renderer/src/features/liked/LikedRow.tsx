/** One liked song: Enter or double-click plays the list from here; buttons play it, start a radio from it, unlike it. */
import { memo, type KeyboardEvent } from 'react';
import type { Track } from '../../../../shared/domain';
import { Icon } from '../../elements/Icon';
import { formatDuration } from '../../lib/format';

export const LIKED_ROW_HEIGHT = 36;

interface LikedRowProps {
  track: Track;
  index: number;
  top: number;
  playing: boolean;
  radioBusy: boolean;
  onPlay: (index: number) => void;
  onRadio: (trackId: number) => void;
  onUnlike: (trackId: number) => void;
}

export const LikedRow = memo(function LikedRow({ track, index, top, playing, radioBusy, onPlay, onRadio, onUnlike }: LikedRowProps) {
  const artist = track.artist ?? track.albumArtist ?? 'Unknown artist';
  function onKeyDown(e: KeyboardEvent) {
    if (e.target !== e.currentTarget) return; // the row's buttons handle their own keys
    if (e.key === 'Enter') onPlay(index);
    else if (e.key === 'Delete' || e.key === 'Backspace') void onUnlike(track.id);
    else return;
    e.preventDefault();
    e.stopPropagation(); // keep the global shortcuts out of it
  }
  return (
    <div className={`liked-row ${index % 2 ? 'odd' : ''} ${playing ? 'playing' : ''} ${track.available ? '' : 'unavailable'}`}
      style={{ top, height: LIKED_ROW_HEIGHT }} role="listitem" tabIndex={0} data-testid="liked-row" data-track-id={track.id}
      aria-label={`${track.title} by ${artist}`} onDoubleClick={() => onPlay(index)} onKeyDown={onKeyDown}>
      <button type="button" className="icon-btn small" data-testid="liked-play" aria-label={`Play ${track.title}`}
        title="Play the liked songs from here" onClick={() => onPlay(index)}>
        <Icon name={playing ? 'volume' : 'play'} size={14} />
      </button>
      <span className="liked-title" title={track.title}>{track.title}</span>
      <span className="liked-artist" title={artist}>{artist}</span>
      <span className="liked-album" title={track.album ?? ''}>{track.album ?? ''}</span>
      <span className="liked-time">{formatDuration(track.durationSec)}</span>
      <span className="liked-actions">
        <button type="button" className="icon-btn small" data-testid="liked-radio-row" disabled={radioBusy}
          aria-label={`Radio from ${track.title}`} title="Play songs that sound like this one" onClick={() => onRadio(track.id)}>
          <Icon name="similar" size={14} />
        </button>
        <button type="button" className="icon-btn small like on" data-testid="liked-unlike" aria-label={`Unlike ${track.title}`}
          title="Unlike (Delete)" onClick={() => void onUnlike(track.id)}>
          <Icon name="heart" size={15} />
        </button>
      </span>
    </div>
  );
});
