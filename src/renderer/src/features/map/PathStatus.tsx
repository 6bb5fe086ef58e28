/**
 * The map toolbar's word on the sonic path: the chosen start while the user picks where the walk goes
 * (with a way out), the walk being built, or the queued walk's two ends.
 */
import { useQueueItems } from '../../stores/queue-store';
import { usePathBuilding, usePathStart, useSonicPath } from '../../stores/sonic-path-store';
import { cancelPathStart, titleOf } from './sonic-path-actions';
import './sonic-path.css';

export function PathStatus() {
  const start = usePathStart();
  const building = usePathBuilding();
  const path = useSonicPath();
  const items = useQueueItems();
  if (building) return <span className="path-status" role="status" data-testid="path-status">Building the sonic path…</span>;
  if (start !== null) {
    return (
      <span className="path-status" role="status" data-testid="path-status">
        <span className="path-status-text">Sonic path from “{titleOf(start)}”: click the song it goes to</span>
        <button type="button" className="btn small" data-testid="path-cancel" onClick={cancelPathStart}>Cancel</button>
      </span>
    );
  }
  // The queued walk, while its steps are still in the queue.
  const queued = path !== null && path.radioId > 0 && items.some((i) => i.origin.kind === 'radio' && i.origin.radioId === path.radioId);
  if (!queued) return null;
  return (
    <span className="path-status" data-testid="path-status" data-steps={path.steps.length}>
      <span className="path-status-text">Sonic path: “{titleOf(path.fromTrackId)}” → {path.steps.length} songs → “{titleOf(path.toTrackId)}”</span>
    </span>
  );
}
