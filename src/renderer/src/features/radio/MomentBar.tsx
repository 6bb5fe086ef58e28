/**
 * A song's length as a strip with its matched moment(s) highlighted: the song's loudness outline when
 * main can draw it (else a plain bar), the moments brighter, and the first moment's m:ss span under it.
 */
import { useId } from 'react';
import type { FragmentMoment } from '../../../../shared/domain';
import { formatClock } from '../../lib/format';
import { barsOf, waveformPath } from '../../lib/waveform';
import { momentOnBar, momentSpan } from '../../lib/why-text';
import { useWaveform } from '../../stores/waveform-store';

/** Bars drawn across the strip (the panel is ~290 px wide: about one bar per 2.4 px). */
const BAR_COUNT = 120;
const STRIP_HEIGHT = 20;

interface MomentBarProps {
  trackId: number;
  moments: Pick<FragmentMoment, 'startSec' | 'endSec'>[];
  durationSec: number | null | undefined;
  /** 'pick-moment' or 'seed-moment': the test id of the m:ss label. */
  testId: string;
}

export function MomentBar({ trackId, moments, durationSec, testId }: MomentBarProps) {
  const waveform = useWaveform(trackId);
  const clipId = useId();
  // The decoded length matches the fragments' clock best; the tag length is the fallback.
  const songSec = waveform?.durationSec || durationSec;
  const length = songSec ?? Math.max(...moments.map((m) => m.endSec));
  const spans = moments.map((m) => momentOnBar(m, songSec));
  const path = waveform ? waveformPath(barsOf(waveform.peaks, BAR_COUNT), STRIP_HEIGHT) : '';
  return (
    <div className="moment">
      <div className={`moment-bar ${path ? 'with-wave' : ''}`} role="img" data-testid="moment-strip"
        aria-label={`Matched at ${moments.map(momentSpan).join(' and ')} of ${formatClock(length)}`}>
        {path ? (
          <svg className="moment-wave" viewBox={`0 0 100 ${STRIP_HEIGHT}`} preserveAspectRatio="none" aria-hidden="true">
            <defs>
              <clipPath id={clipId}>
                {spans.map((s, i) => <rect key={i} x={s.left} y={0} width={s.width} height={STRIP_HEIGHT} />)}
              </clipPath>
            </defs>
            <path className="wave-all" d={path} />
            <path className="wave-moment" d={path} clipPath={`url(#${clipId})`} />
          </svg>
        ) : null}
        {spans.map((s, i) => (
          <span key={i} className={`moment-mark ${i === 0 ? 'main' : ''}`}
            style={{ left: `${s.left}%`, width: `${s.width}%` }} title={momentSpan(moments[i])} />
        ))}
      </div>
      <div className="moment-times">
        <span data-testid={testId}>{momentSpan(moments[0])}</span>
        {moments.length > 1 ? <span className="muted"> · also {moments.slice(1).map(momentSpan).join(', ')}</span> : null}
        <span className="moment-length muted">{formatClock(length)}</span>
      </div>
    </div>
  );
}
