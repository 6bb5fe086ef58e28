/**
 * One library row. Memoised, and recycled by the table's virtual list: scrolling or a search re-renders a
 * mounted row with a new track instead of mounting a new one, and rows whose props did not change skip.
 */
import { memo } from 'react';
import type { Track } from '../../../../shared/domain';
import { Icon } from '../../elements/Icon';
import { shortCodec } from '../../lib/codec';
import { formatDuration } from '../../lib/format';
import { ROW_HEIGHT, type Column, type ColumnLayout } from './columns';
import { startTrackDrag } from './track-drag-source';
import { addToQueue, playFromVisible, playNext } from './play-actions';
import { clickTrack, selectForMenu } from '../../stores/browse-store';
import { AnalysisBadge } from '../analysis/AnalysisBadge';
import { BrowseLink } from '../albums/BrowseLink';
import { PlaySimilarButton } from '../radio/PlaySimilarButton';

const UNAVAILABLE_TIP = "This file's folder is missing or unreadable right now; the track will play again once the folder is back.";

/** What a damaged (cut-short) file's row says about it. */
function damagedTip(track: Track): string {
  return `This file is damaged: its audio ends after ${formatDuration(track.decodedSec ?? null)} of the ${formatDuration(track.durationSec)} its header states. ` +
    'Only that part plays; replace the file to hear the rest.';
}

interface TrackRowProps {
  track: Track;
  rowIndex: number;
  top: number;
  selected: boolean;
  playing: boolean;
  layout: ColumnLayout;
  onContextMenu: (track: Track, x: number, y: number) => void;
}

function cell(track: Track, id: Column['id']): string {
  switch (id) {
    case 'trackNo': return track.trackNo === null ? '' : String(track.trackNo);
    case 'title': return track.title;
    case 'artist': return track.artist ?? track.albumArtist ?? '';
    case 'album': return track.album ?? '';
    case 'year': return track.year === null ? '' : String(track.year);
    case 'genre': return track.genre ?? '';
    case 'duration': return track.damaged ? formatDuration(track.decodedSec ?? null) : formatDuration(track.durationSec);
    case 'codec': return shortCodec(track.codec);
  }
}

export const TrackRow = memo(function TrackRow({ track, rowIndex, top, selected, playing, layout, onContextMenu }: TrackRowProps) {
  const classes = ['track-row', rowIndex % 2 ? 'odd' : '', selected ? 'selected' : '', playing ? 'playing' : '',
    track.available ? '' : 'unavailable'].join(' ');
  return (
    <div className={classes} style={{ top, height: ROW_HEIGHT, gridTemplateColumns: layout.template }} role="row"
      aria-selected={selected} aria-rowindex={rowIndex + 2} data-testid="track-row" data-track-id={track.id}
      title={track.available ? undefined : UNAVAILABLE_TIP}
      draggable onDragStart={(e) => startTrackDrag(e, track.id)}
      onClick={(e) => clickTrack(track.id, { toggle: e.ctrlKey || e.metaKey, range: e.shiftKey })}
      onDoubleClick={(e) => { if (!e.ctrlKey && !e.metaKey && !e.shiftKey) playFromVisible(track.id); }}
      onContextMenu={(e) => {
        e.preventDefault();
        selectForMenu(track.id);
        onContextMenu(track, e.clientX, e.clientY);
      }}>
      {layout.columns.map((c) => {
        const text = cell(track, c.id);
        return (
          <div key={c.id} role="gridcell" className={`cell cell-${c.id} ${c.align === 'right' ? 'right' : ''}`}
            title={c.id === 'codec' ? (track.codec ?? undefined) : c.id === 'title' || c.id === 'artist' || c.id === 'album' ? text : undefined}>
            {c.id === 'title' ? <AnalysisBadge trackId={track.id} /> : null}
            {c.id === 'title' && playing ? <span className="playing-mark"><Icon name="volume" size={13} /></span> : null}
            {c.id === 'album' || c.id === 'artist' ? <BrowseLink track={track} kind={c.id} text={text} /> : text}
            {c.id === 'title' && track.damaged ? <span className="damaged-mark" data-testid="damaged-mark" title={damagedTip(track)}>damaged</span> : null}
          </div>
        );
      })}
      <div className="cell row-actions" role="gridcell">
        <PlaySimilarButton trackId={track.id} />
        <button type="button" className="icon-btn small" title="Play next" aria-label="Play next"
          onClick={(e) => { e.stopPropagation(); playNext(track.id); }} onDoubleClick={(e) => e.stopPropagation()}>
          <Icon name="playNext" size={15} />
        </button>
        <button type="button" className="icon-btn small" title="Add to queue" aria-label="Add to queue"
          onClick={(e) => { e.stopPropagation(); addToQueue(track.id); }} onDoubleClick={(e) => e.stopPropagation()}>
          <Icon name="addQueue" size={15} />
        </button>
      </div>
    </div>
  );
});
