/** The "play similar sounding" icon button of a library row and the player bar. */
import { Icon } from '../../elements/Icon';
import { useRadioStarting } from '../../stores/radio-store';
import { playSimilar } from './radio-actions';

export function PlaySimilarButton({ trackId, size = 15, small = true }: { trackId: number; size?: number; small?: boolean }) {
  const busy = useRadioStarting() !== null;
  return (
    <button type="button" className={`icon-btn ${small ? 'small' : ''}`} data-testid="play-similar" disabled={busy}
      title="Play similar sounding (S)" aria-label="Play similar sounding"
      onClick={(e) => { e.stopPropagation(); playSimilar([trackId]); }} onDoubleClick={(e) => e.stopPropagation()}>
      <Icon name="similar" size={size} />
    </button>
  );
}
