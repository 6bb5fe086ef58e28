/** Shown in the toolbar while several rows are selected: how many, a radio from all of them, clear. */
import { Icon } from '../../elements/Icon';
import { selectedTrackIds, selectTrack, useSelectionSize } from '../../stores/browse-store';
import { useRadioStarting } from '../../stores/radio-store';
import { playSimilar } from '../radio/radio-actions';
import { SonicPathButton } from '../map/SonicPathItems';

export function SelectionBar() {
  const size = useSelectionSize();
  const busy = useRadioStarting() !== null;
  if (size < 2) return null;
  return (
    <div className="selection-bar" data-testid="selection-bar">
      <span>{size.toLocaleString('en-US')} selected</span>
      <button type="button" className="btn small primary" data-testid="play-similar" disabled={busy}
        title="Play songs that sound like the selected ones (S)" onClick={() => playSimilar(selectedTrackIds())}>
        <Icon name="similar" size={13} /> Play similar sounding
      </button>
      {size === 2 ? <SonicPathButton /> : null}
      <button type="button" className="btn small" onClick={() => selectTrack(null)}>Clear</button>
    </div>
  );
}
