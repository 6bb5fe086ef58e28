/**
 * A song's length as a strip with its matched moment(s) highlighted: the song's loudness outline when
 * main can draw it (else a plain bar), the moments brighter, and the first moment's m:ss span under it.
 * The strip is a button: a click previews five seconds from that point, Enter or Space the matched moment.
 */
import { useId, type KeyboardEvent, type MouseEvent } from 'react';
import type { FragmentMoment } from '../../../../shared/domain';
import { formatClock } from '../../lib/format';
import { barsOf, waveformPath } from '../../lib/waveform';
import { clipFromPoint, momentOnBar, momentSpan } from '../../lib/why-text';
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
  /** Previews the song from `startSec` to `endSec` (the preview player, not the queue). */
  onPreview: (startSec: number, endSec: number) => void;
  /** Where the preview is in this song (a playhead on the strip), null when it plays something else. */
  playhead: number | null;
}

export function MomentBar({ trackId, moments, durationSec, testId, onPreview, playhead }: MomentBarProps) {
  const waveform = useWaveform(trackId);
  const clipId = useId();
  // The decoded length matches the fragments' clock best; the tag length is the fallback.
  const songSec = waveform?.durationSec || durationSec;
  const length = songSec ?? Math.max(...moments.map((m) => m.endSec));
  const spans = moments.map((m) => momentOnBar(m, songSec));
  const path = waveform ? waveformPath(barsOf(waveform.peaks, BAR_COUNT), STRIP_HEIGHT) : '';
  const clipSec = moments[0].endSec - moments[0].startSec;
  const onClick = (e: MouseEvent<HTMLButtonElement>) => {
    // A keyboard "click" has no position (detail 0): Enter plays the matched moment itself.
    if (e.detail === 0) return onPreview(moments[0].startSec, moments[0].endSec);
    const box = e.currentTarget.getBoundingClientRect();
    const clip = clipFromPoint((e.clientX - box.left) / Math.max(1, box.width), length, clipSec);
    onPreview(clip.startSec, clip.endSec);
  };
  // Space would toggle the main player (a global shortcut): on the strip it previews the moment.
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key !== ' ') return;
    e.preventDefault();
    onPreview(moments[0].startSec, moments[0].endSec);
  };
  return (
    <div className="moment">
      <button type="button" className={`moment-bar ${path ? 'with-wave' : ''}`} data-testid="moment-strip" data-length={length}
        aria-label={`Matched at ${moments.map(momentSpan).join(' and ')} of ${formatClock(length)}. Enter plays the matched moment; a click plays ${Math.round(clipSec)} seconds from that point.`}
        title={`Click to hear ${Math.round(clipSec)} s from here`} onClick={onClick} onKeyDown={onKeyDown}>
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
        {playhead !== null && length > 0 ? (
          <span className="moment-playhead" data-testid="preview-playhead" style={{ left: `${Math.min(100, (playhead / length) * 100)}%` }} />
        ) : null}
      </button>
      <div className="moment-times">
        <span data-testid={testId}>{momentSpan(moments[0])}</span>
        {moments.length > 1 ? <span className="muted"> · also {moments.slice(1).map(momentSpan).join(', ')}</span> : null}
        <span className="moment-length muted">{formatClock(length)}</span>
      </div>
    </div>
  );
}
