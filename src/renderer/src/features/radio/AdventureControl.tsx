/**
 * The adventure setting on the radio banner (close <-> varied): a radio group drawn as a segmented
 * control (arrow keys move between steps). Choosing a step re-ranks the radio's unplayed picks at once.
 */
import { useRef, useState } from 'react';
import { ADVENTURE_STEPS } from '../../../../shared/defaults';
import { setAdventure } from './radio-actions';
import './steering.css';

/** The step nearest to a radio's adventure (the CLI may have started it with any value from 0 to 1). */
function nearestStep(adventure: number): number {
  let best = 0;
  ADVENTURE_STEPS.forEach((s, i) => {
    if (Math.abs(s.value - adventure) < Math.abs(ADVENTURE_STEPS[best].value - adventure)) best = i;
  });
  return best;
}

export function AdventureControl({ adventure }: { adventure: number }) {
  // The step chosen and not yet applied shows as chosen; the inputs stay enabled (a disabled one would
  // lose the keyboard focus), and the latest choice is the one that stands.
  const [pending, setPending] = useState<number | null>(null);
  const latest = useRef(0);
  const current = nearestStep(pending ?? adventure);
  const choose = async (value: number) => {
    const mine = ++latest.current;
    setPending(value);
    try {
      await setAdventure(value);
    } finally {
      if (latest.current === mine) setPending(null);
    }
  };
  return (
    <div className="adventure-row">
      <span className="adventure-label muted small" id="adventure-label">Picks</span>
      <div className="adventure" role="radiogroup" aria-labelledby="adventure-label" data-testid="adventure-control" aria-busy={pending !== null}
        title="How close the radio stays to the seed: choosing re-ranks the songs not played yet">
        {ADVENTURE_STEPS.map((step, i) => (
          <label key={step.label} className={`adventure-step ${i === current ? 'on' : ''}`} title={step.hint}>
            <input type="radio" name="radio-adventure" value={step.value} checked={i === current}
              data-testid={`adventure-${step.label.toLowerCase()}`}
              onChange={() => void choose(step.value)} />
            {step.label}
          </label>
        ))}
      </div>
    </div>
  );
}
