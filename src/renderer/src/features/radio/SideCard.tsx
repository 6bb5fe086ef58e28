/**
 * The top of the side panel: the why-panel for the radio pick in question (one the user opened from the
 * queue, else the playing pick), otherwise the track details card.
 */
import type { QueueItem } from '../../../../shared/domain';
import { useSelectedTrackId } from '../../stores/browse-store';
import { useCurrentIndex, useQueueItems } from '../../stores/queue-store';
import { useWhyTarget } from '../../stores/radio-store';
import { TrackDetails } from '../player/TrackDetails';
import { WhyPanel } from './WhyPanel';

export function SideCard({ large }: { large: boolean }) {
  const why = useWhyTarget();
  const items = useQueueItems();
  const current = useCurrentIndex();
  const selectedId = useSelectedTrackId();
  const playing = items[current] ?? null;

  let target: QueueItem | null = null;
  if (why.kind === 'item') target = items.find((i) => i.id === why.itemId) ?? null;
  else if (playing && (why.kind === 'playing' || why.itemId !== playing.id)) {
    // A library row the user selected wins over following the playing pick.
    if (selectedId === null || selectedId === playing.trackId) target = playing;
  }

  if (target?.origin.kind === 'radio' && target.origin.explanation) {
    return (
      <div className="side-card">
        <WhyPanel item={target} explanation={target.origin.explanation} playing={target.id === playing?.id}
          playingItemId={playing?.id ?? null} />
      </div>
    );
  }
  return <TrackDetails large={large} />;
}
