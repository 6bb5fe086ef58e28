/** One queue entry: click plays it; drag, Alt+↑/↓ or the arrow buttons move it; × or Delete removes it. */
import { memo, type DragEvent, type KeyboardEvent } from 'react';
import type { QueueItem, Track } from '../../../../shared/domain';
import { Icon } from '../../elements/Icon';
import { formatDuration } from '../../lib/format';
import { stepIndex } from '../../lib/queue-math';
import { closenessClass, closenessLine, closenessTip, pickCloseness } from '../../lib/why-text';
import { moveInQueue, removeFromQueue, setCurrentIndex } from '../../stores/queue-store';
import { followPlaying, showWhy } from '../../stores/radio-store';

interface QueueRowProps {
  item: QueueItem;
  track: Track | undefined;
  index: number;
  count: number;
  top: number;
  height: number;
  current: boolean;
  dropEdge: 'before' | 'after' | null;
  /** True while the why-panel explains this entry. */
  explained: boolean;
  onDragStartRow: (index: number) => void;
  onDragOverRow: (index: number, edge: 'before' | 'after') => void;
  onDropRow: () => void;
  onDragEndRow: () => void;
}

export const QueueRow = memo(function QueueRow(props: QueueRowProps) {
  const { item, track, index, count, top, height, current, dropEdge, explained } = props;
  const explanation = item.origin.kind === 'radio' ? item.origin.explanation : null;
  const radio = item.origin.kind === 'radio';
  const up = stepIndex(index, -1, count);
  const down = stepIndex(index, 1, count);
  const title = track?.title ?? `Track ${item.trackId}`;
  const artist = track ? (track.artist ?? track.albumArtist ?? 'Unknown artist') : '';

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'Enter') {
      followPlaying();
      void setCurrentIndex(index, true);
    }
    else if (e.altKey && e.key === 'ArrowUp' && up !== null) void moveInQueue(item.id, up);
    else if (e.altKey && e.key === 'ArrowDown' && down !== null) void moveInQueue(item.id, down);
    else if (e.key === 'Delete' || e.key === 'Backspace') void removeFromQueue([item.id]);
    else if ((e.key === 'i' || e.key === 'I') && radio) showWhy(item.id);
    else return;
    e.preventDefault(); // handled here: keep the global shortcuts out of it
  }

  function onDragOver(e: DragEvent) {
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
    const box = e.currentTarget.getBoundingClientRect();
    props.onDragOverRow(index, e.clientY < box.top + box.height / 2 ? 'before' : 'after');
  }

  const classes = ['queue-item', current ? 'current' : '', track && !track.available ? 'unavailable' : '',
    dropEdge ? `drop-${dropEdge}` : '', radio ? 'radio' : '', explained ? 'explained' : ''].join(' ');
  const row = (
    <div className={classes} style={radio ? undefined : { top, height }} data-testid="queue-item" data-item-id={item.id}
      data-current={current ? 'true' : undefined} aria-current={current ? 'true' : undefined}
      role="listitem" tabIndex={0} draggable
      onClick={() => { followPlaying(); void setCurrentIndex(index, true); }} onKeyDown={onKeyDown}
      onDragStart={(e) => { e.dataTransfer.effectAllowed = 'move'; e.dataTransfer.setData('text/plain', String(item.id)); props.onDragStartRow(index); }}
      onDragOver={onDragOver} onDrop={(e) => { e.preventDefault(); props.onDropRow(); }} onDragEnd={props.onDragEndRow}>
      <span className="grip" aria-hidden="true"><Icon name="grip" size={14} /></span>
      <span className="queue-pos">{current ? <Icon name="volume" size={13} /> : index + 1}</span>
      <span className="queue-text">
        <span className="queue-title" title={title}>{title}</span>
        <span className="queue-artist" title={artist}>{artist}</span>
      </span>
      {radio ? (
        <button type="button" className={`closeness-chip ${explanation ? closenessClass(pickCloseness(explanation)) : ''}`}
          data-testid="why-button" aria-label="Why this song?" disabled={!explanation}
          title={explanation ? `Why this song? It sounds ${pickCloseness(explanation)} to the seed: ${closenessLine(explanation) ?? closenessTip(explanation)}` : 'Radio pick'}
          onClick={(e) => { e.stopPropagation(); showWhy(item.id); }}>
          <Icon name="similar" size={11} />
          {explanation ? pickCloseness(explanation) : 'radio'}
        </button>
      ) : null}
      <span className="queue-time">{formatDuration(track?.durationSec)}</span>
      <span className="queue-actions">
        <button type="button" className="icon-btn small" aria-label="Move up" title="Move up (Alt+↑)" disabled={up === null}
          data-testid="queue-move-up" onClick={(e) => { e.stopPropagation(); if (up !== null) void moveInQueue(item.id, up); }}>
          <Icon name="up" size={14} />
        </button>
        <button type="button" className="icon-btn small" aria-label="Move down" title="Move down (Alt+↓)" disabled={down === null}
          data-testid="queue-move-down" onClick={(e) => { e.stopPropagation(); if (down !== null) void moveInQueue(item.id, down); }}>
          <Icon name="down" size={14} />
        </button>
        <button type="button" className="icon-btn small" aria-label="Remove from queue" title="Remove (Delete)"
          data-testid="queue-remove" onClick={(e) => { e.stopPropagation(); void removeFromQueue([item.id]); }}>
          <Icon name="close" size={14} />
        </button>
      </span>
    </div>
  );
  // Radio picks carry a second test id on a wrapper, so tests (and styles) can tell them apart.
  if (!radio) return row;
  return (
    <div className="radio-queue-item" style={{ top, height }} data-testid="radio-queue-item" data-item-id={item.id}>{row}</div>
  );
});
