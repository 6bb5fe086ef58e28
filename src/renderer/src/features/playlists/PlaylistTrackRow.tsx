/** One playlist entry: double-click plays the playlist from here; drag, Alt+↑/↓ or the arrows move it; × removes it. */
import { memo, type DragEvent, type KeyboardEvent } from 'react';
import type { Track } from '../../../../shared/domain';
import { Icon } from '../../elements/Icon';
import { formatDuration } from '../../lib/format';

export const PLAYLIST_ROW_HEIGHT = 34;

interface PlaylistTrackRowProps {
  trackId: number;
  track: Track | undefined;
  index: number;
  count: number;
  top: number;
  playing: boolean;
  dropEdge: 'before' | 'after' | null;
  onPlay: (index: number) => void;
  onMove: (from: number, to: number) => void;
  onRemove: (index: number) => void;
  onDragStartRow: (index: number) => void;
  onDragOverRow: (index: number, edge: 'before' | 'after') => void;
  onDropRow: () => void;
  onDragEndRow: () => void;
}

export const PlaylistTrackRow = memo(function PlaylistTrackRow(props: PlaylistTrackRowProps) {
  const { trackId, track, index, count, top, playing, dropEdge, onPlay, onMove, onRemove } = props;
  const title = track?.title ?? `Track ${trackId} (no longer in the library)`;
  const artist = track ? (track.artist ?? track.albumArtist ?? 'Unknown artist') : '';
  const canUp = index > 0;
  const canDown = index < count - 1;

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'Enter') onPlay(index);
    else if (e.altKey && e.key === 'ArrowUp' && canUp) onMove(index, index - 1);
    else if (e.altKey && e.key === 'ArrowDown' && canDown) onMove(index, index + 1);
    else if (e.key === 'Delete' || e.key === 'Backspace') onRemove(index);
    else return;
    e.preventDefault();
    e.stopPropagation(); // keep the global shortcuts out of it
  }

  function onDragOver(e: DragEvent) {
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
    const box = e.currentTarget.getBoundingClientRect();
    props.onDragOverRow(index, e.clientY < box.top + box.height / 2 ? 'before' : 'after');
  }

  const classes = ['pl-row', index % 2 ? 'odd' : '', playing ? 'playing' : '', track && !track.available ? 'unavailable' : '',
    dropEdge ? `drop-${dropEdge}` : ''].join(' ');
  return (
    <div className={classes} style={{ top, height: PLAYLIST_ROW_HEIGHT }} role="listitem" tabIndex={0} draggable
      data-testid="playlist-track" data-track-id={trackId} data-index={index}
      onDoubleClick={() => onPlay(index)} onKeyDown={onKeyDown}
      onDragStart={(e) => { e.dataTransfer.effectAllowed = 'move'; e.dataTransfer.setData('text/plain', String(trackId)); props.onDragStartRow(index); }}
      onDragOver={onDragOver} onDrop={(e) => { e.preventDefault(); props.onDropRow(); }} onDragEnd={props.onDragEndRow}>
      <span className="grip" aria-hidden="true"><Icon name="grip" size={14} /></span>
      <span className="pl-pos">{playing ? <Icon name="volume" size={13} /> : index + 1}</span>
      <span className="pl-title" title={title}>{title}</span>
      <span className="pl-artist" title={artist}>{artist}</span>
      <span className="pl-album" title={track?.album ?? ''}>{track?.album ?? ''}</span>
      <span className="pl-time">{formatDuration(track?.durationSec)}</span>
      <span className="pl-actions" onDoubleClick={(e) => e.stopPropagation()}>
        <button type="button" className="icon-btn small" aria-label="Move up" title="Move up (Alt+↑)" disabled={!canUp}
          data-testid="playlist-move-up" onClick={() => onMove(index, index - 1)}>
          <Icon name="up" size={14} />
        </button>
        <button type="button" className="icon-btn small" aria-label="Move down" title="Move down (Alt+↓)" disabled={!canDown}
          data-testid="playlist-move-down" onClick={() => onMove(index, index + 1)}>
          <Icon name="down" size={14} />
        </button>
        <button type="button" className="icon-btn small" aria-label="Remove from playlist" title="Remove from the playlist (Delete)"
          data-testid="playlist-remove" onClick={() => onRemove(index)}>
          <Icon name="close" size={14} />
        </button>
      </span>
    </div>
  );
});
