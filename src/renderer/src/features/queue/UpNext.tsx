/** The folded queue: what plays next and a button to open the full queue. */
import { Icon } from '../../elements/Icon';
import { nextIndex } from '../../lib/queue-math';
import { useTrack } from '../../stores/library-store';
import { useCurrentIndex, useQueueItems } from '../../stores/queue-store';
import { toggleQueue } from '../../stores/ui-store';

export function UpNext() {
  const items = useQueueItems();
  const current = useCurrentIndex();
  const upcoming = items[nextIndex(current, items.length)];
  const track = useTrack(upcoming?.trackId ?? null);
  return (
    <section className="up-next" aria-label="Up next">
      <div className="panel-head">
        <h2>Up next</h2>
        <span className="muted small" />
        <button type="button" className="btn small" data-testid="open-queue" onClick={toggleQueue}>
          <Icon name="queue" size={14} /> Queue ({items.length.toLocaleString('en-US')})
        </button>
      </div>
      <p className="up-next-track">
        {track
          ? <><strong>{track.title}</strong><span className="muted"> — {track.artist ?? track.albumArtist ?? 'Unknown artist'}</span></>
          : <span className="muted">{items.length ? 'Nothing after this track.' : 'The queue is empty. Double-click a track to play it.'}</span>}
      </p>
    </section>
  );
}
