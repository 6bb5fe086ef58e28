/**
 * A song's length as a bar with its matched moment(s) highlighted (a waveform is not available yet),
 * with the moment's m:ss span under it.
 */
import type { FragmentMoment } from '../../../../shared/domain';
import { formatClock } from '../../lib/format';
import { momentOnBar, momentSpan } from '../../lib/why-text';

interface MomentBarProps {
  moments: Pick<FragmentMoment, 'startSec' | 'endSec'>[];
  durationSec: number | null | undefined;
  /** 'pick-moment' or 'seed-moment': the test id of the m:ss label. */
  testId: string;
}

export function MomentBar({ moments, durationSec, testId }: MomentBarProps) {
  const length = durationSec ?? Math.max(...moments.map((m) => m.endSec));
  return (
    <div className="moment">
      <div className="moment-bar" role="img"
        aria-label={`Matched at ${moments.map(momentSpan).join(' and ')} of ${formatClock(length)}`}>
        {moments.map((m, i) => {
          const { left, width } = momentOnBar(m, durationSec);
          return <span key={`${m.startSec}-${i}`} className={`moment-mark ${i === 0 ? 'main' : ''}`}
            style={{ left: `${left}%`, width: `${width}%` }} title={momentSpan(m)} />;
        })}
      </div>
      <div className="moment-times">
        <span data-testid={testId}>{momentSpan(moments[0])}</span>
        {moments.length > 1 ? <span className="muted"> · also {moments.slice(1).map(momentSpan).join(', ')}</span> : null}
        <span className="moment-length muted">{formatClock(length)}</span>
      </div>
    </div>
  );
}
