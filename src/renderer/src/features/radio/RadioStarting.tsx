/** The "building a radio" line above the player: the seed may be analysed first, which takes a few seconds. */
import { startingMessage } from '../../lib/radio-seed';
import { useRadioStarting } from '../../stores/radio-store';

export function RadioStarting() {
  const starting = useRadioStarting();
  if (!starting) return null;
  return (
    <div className="scan-progress radio-starting" data-testid="radio-starting" role="status" aria-live="polite"
      data-listening={starting.listening ? 'true' : 'false'}>
      <div className="scan-line"><strong>{startingMessage(starting.label, starting.listening)}</strong>
        {starting.listening ? <span className="muted">The radio starts as soon as its sound is analysed.</span> : null}
      </div>
      <div className="progress indeterminate" role="progressbar" aria-label="Building the radio"><div className="progress-fill" /></div>
    </div>
  );
}
