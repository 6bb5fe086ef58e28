/**
 * Hearing the "why" in the why-panel: the seed's matched moment and the pick's, one after the other
 * (A/B) or each alone, in the preview player (the queue and the main playback stay as they were), and
 * what the preview plays now with a way to stop it (Escape does too).
 */
import type { KeyboardEvent } from 'react';
import type { FragmentMoment } from '../../../../shared/domain';
import { Icon } from '../../elements/Icon';
import { formatClock } from '../../lib/format';
import { momentSpan } from '../../lib/why-text';
import { usePreviewClip, usePreviewPosition, type PreviewClip } from '../../stores/preview-store';
import { playPreview, stopPreview } from './preview-player';

type Moment = Pick<FragmentMoment, 'trackId' | 'startSec' | 'endSec'>;

/** A clip of a moment, exactly its start..end. */
export function clipOf(m: Moment, role: PreviewClip['role'], mark: PreviewClip['mark'] = null): PreviewClip {
  return { trackId: m.trackId, startSec: m.startSec, endSec: m.endSec, role, mark };
}

/** Space on a preview control previews (the global Space shortcut would toggle the main player instead). */
export function onSpace(action: () => void): (e: KeyboardEvent<HTMLElement>) => void {
  return (e) => {
    if (e.key !== ' ') return;
    e.preventDefault();
    action();
  };
}

/** The A/B comparison of one matched pair: the seed's moment (A), then the pick's (B). */
export function playAB(seed: Moment, pick: Moment): void {
  playPreview([clipOf(seed, 'seed', 'A'), clipOf(pick, 'pick', 'B')]);
}

/** The exact moment a button plays, for tests and tools (the label shows it rounded to m:ss). */
function momentData(m: Moment): Record<string, string> {
  return { 'data-track-id': String(m.trackId), 'data-start-sec': String(m.startSec), 'data-end-sec': String(m.endSec) };
}

export function AuditionButtons({ seed, pick }: { seed: Moment | undefined; pick: Moment }) {
  const one = (m: Moment, role: PreviewClip['role']) => () => playPreview([clipOf(m, role)]);
  return (
    <div className="why-actions audition" role="group" aria-label="Listen to the matched moments">
      {seed ? (
        <button type="button" className="btn small primary" data-testid="audition-ab"
          aria-label={`Compare by ear: the seed from ${formatClock(seed.startSec)}, then the pick from ${formatClock(pick.startSec)}, 5 seconds each`}
          onClick={() => playAB(seed, pick)} onKeyDown={onSpace(() => playAB(seed, pick))}>
          <Icon name="play" size={13} /> A/B
        </button>
      ) : null}
      {seed ? (
        <button type="button" className="btn small" data-testid="listen-seed-moment" {...momentData(seed)}
          aria-label={`Listen to the seed's matched moment, ${momentSpan(seed)}`}
          onClick={one(seed, 'seed')} onKeyDown={onSpace(one(seed, 'seed'))}>
          <span className="ab-mark seed" aria-hidden="true">A</span> Seed {formatClock(seed.startSec)}
        </button>
      ) : null}
      <button type="button" className="btn small" data-testid="listen-pick-moment" {...momentData(pick)}
        aria-label={`Listen to the pick's matched moment, ${momentSpan(pick)}`}
        onClick={one(pick, 'pick')} onKeyDown={onSpace(one(pick, 'pick'))}>
        <span className="ab-mark pick" aria-hidden="true">B</span> Pick {formatClock(pick.startSec)}
      </button>
    </div>
  );
}

/** What the preview plays now (and how far into its 5 s), with Stop; empty when nothing plays. */
export function PreviewStatus() {
  const clip = usePreviewClip();
  const position = usePreviewPosition();
  const elapsed = clip ? Math.max(0, Math.min(position, clip.endSec) - clip.startSec) : 0;
  return (
    <div className="preview-status" aria-live="polite" data-testid="preview-status" data-playing={clip ? 'true' : 'false'}>
      {clip ? (
        <>
          {clip.mark ? <span className={`ab-mark ${clip.role}`} aria-hidden="true">{clip.mark}</span> : null}
          <span className="preview-text">
            Previewing the {clip.role} {momentSpan(clip)}
          </span>
          <span className="preview-progress" aria-hidden="true">
            <span style={{ width: `${Math.min(100, (elapsed / (clip.endSec - clip.startSec)) * 100)}%` }} />
          </span>
          <button type="button" className="btn small" data-testid="preview-stop" aria-label="Stop the preview (Escape)"
            onClick={() => stopPreview()} onKeyDown={onSpace(() => stopPreview())}>
            Stop
          </button>
        </>
      ) : (
        <span className="muted small">A/B plays the seed&rsquo;s moment, then the pick&rsquo;s; click a strip to hear 5 s from there.</span>
      )}
    </div>
  );
}
