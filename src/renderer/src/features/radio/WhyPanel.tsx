/**
 * Why a radio pick is here: the pick's matched moment and the seed moment(s) it matched, each on a bar
 * standing for its song, the tags they share, how close they are for this library (words and the
 * percentile), and the moments to hear in a preview player (A/B, each alone, or from a strip's point);
 * plus feedback on the pick.
 */
import { useEffect } from 'react';
import type { FragmentMoment, PickExplanation, QueueItem } from '../../../../shared/domain';
import { Cover } from '../../elements/Cover';
import { Icon } from '../../elements/Icon';
import { formatClock } from '../../lib/format';
import { closenessClass, closenessLine, closenessTip, distanceTip, pickCloseness, seedMomentsBySong } from '../../lib/why-text';
import { useTrack } from '../../stores/library-store';
import { usePreviewPlayhead } from '../../stores/preview-store';
import { closeWhy } from '../../stores/radio-store';
import { AuditionButtons, clipOf, onSpace, playAB, PreviewStatus } from './Audition';
import { BlockArtistButton, LessButton, LikeButton, SkipButton } from './FeedbackButtons';
import { MomentBar } from './MomentBar';
import { playPreview, stopPreview } from './preview-player';
import { TagChips } from './TagChips';
import './audition.css';

interface SongMomentsProps {
  trackId: number;
  moments: FragmentMoment[];
  role: 'pick' | 'seed';
  common: ReadonlySet<string>;
}

function SongMoments({ trackId, moments, role, common }: SongMomentsProps) {
  const track = useTrack(trackId);
  const playhead = usePreviewPlayhead(trackId);
  return (
    <div className={`why-song ${role}`} data-testid={`why-${role}`} data-track-id={trackId}>
      <div className="why-song-head">
        <Cover coverId={track?.coverId} size={40} alt="" />
        <div className="why-song-text">
          <span className="why-role">{role === 'pick' ? 'This pick' : 'Sounds like'}</span>
          <span className="why-title" title={track?.title}>{track?.title ?? `Track ${trackId}`}</span>
          <span className="why-artist muted">{track ? (track.artist ?? track.albumArtist ?? 'Unknown artist') : ''}</span>
        </div>
      </div>
      <MomentBar trackId={trackId} moments={moments} durationSec={track?.durationSec} testId={`${role}-moment`} playhead={playhead}
        onPreview={(startSec, endSec) => playPreview([clipOf({ trackId, startSec, endSec }, role)])} />
      <TagChips tags={moments[0].tags} common={common} testId={`${role}-tags`} />
    </div>
  );
}

interface WhyPanelProps {
  item: QueueItem;
  explanation: PickExplanation;
  playing: boolean;
  playingItemId: number | null;
}

/**
 * The pairs of moments the two songs were matched by (seed m:ss <-> pick m:ss), strongest first, each to
 * hear alone or A/B. A pair shows its raw distance only: the calibrated words are for the songs as wholes.
 */
function MatchedPairs({ matches }: { matches: NonNullable<PickExplanation['matches']> }) {
  return (
    <div className="why-pairs">
      <span className="why-role">Matched moments</span>
      <ol className="why-pair-list" data-testid="matched-pairs">
        {matches.map((m) => (
          <li key={`${m.seed.trackId}-${m.seed.startSec}-${m.pick.startSec}`} className="why-pair" data-testid="matched-pair" title={distanceTip(m.distance)}>
            <button type="button" className="link-btn" aria-label={`Listen to the seed from ${formatClock(m.seed.startSec)}`}
              onClick={() => playPreview([clipOf(m.seed, 'seed')])} onKeyDown={onSpace(() => playPreview([clipOf(m.seed, 'seed')]))}>
              seed {formatClock(m.seed.startSec)}
            </button>
            <span aria-hidden="true" className="muted">&harr;</span>
            <button type="button" className="link-btn" aria-label={`Listen to the pick from ${formatClock(m.pick.startSec)}`}
              onClick={() => playPreview([clipOf(m.pick, 'pick')])} onKeyDown={onSpace(() => playPreview([clipOf(m.pick, 'pick')]))}>
              pick {formatClock(m.pick.startSec)}
            </button>
            <button type="button" className="link-btn ab-link" data-testid="pair-ab" aria-label={`Compare by ear: seed ${formatClock(m.seed.startSec)} then pick ${formatClock(m.pick.startSec)}`}
              onClick={() => playAB(m.seed, m.pick)} onKeyDown={onSpace(() => playAB(m.seed, m.pick))}>
              A/B
            </button>
            <span className="muted small">{m.distance.toFixed(2)}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}

export function WhyPanel({ item, explanation, playing, playingItemId }: WhyPanelProps) {
  const words = pickCloseness(explanation);
  const line = closenessLine(explanation);
  const common = new Set(explanation.tagsInCommon);
  const matches = explanation.matches ?? [];
  // With the ranking's matched pairs, the bars show every matched moment; older explanations: the closest.
  const seeds = seedMomentsBySong(matches.length ? matches.map((m) => ({ ...m.seed, distance: m.distance })) : explanation.seeds);
  const pickMoments = matches.length ? matches.map((m) => m.pick) : [explanation.pick];
  // The closest matched pair is what A/B compares (older explanations: the pick and its closest seed moment).
  const abSeed = matches[0]?.seed ?? explanation.seeds[0];
  const abPick = matches[0]?.pick ?? explanation.pick;
  const pickTrack = useTrack(item.trackId);
  // The preview belongs to this panel: another pick's panel, or none, stops it.
  useEffect(() => () => stopPreview(), [item.id]);
  return (
    <section className="why-panel" aria-label="Why this song" data-testid="why-panel" data-item-id={item.id}>
      <div className="why-head">
        <span className="details-label">{playing ? 'Now playing' : 'Radio pick'}</span>
        <span className={`closeness ${closenessClass(words)}`} data-testid="why-distance" title={closenessTip(explanation)}>
          sounds {words}
        </span>
        <button type="button" className="icon-btn small" aria-label="Close" title="Close" data-testid="why-close"
          onClick={() => closeWhy(playingItemId)}>
          <Icon name="close" size={14} />
        </button>
      </div>
      {line ? <p className="why-closeness-line" data-testid="why-percentile">Closer than <strong>{explanation.closeness?.percentile}%</strong> of song pairs in your library</p> : null}
      <AuditionButtons seed={abSeed} pick={abPick} />
      <PreviewStatus />
      <SongMoments trackId={item.trackId} moments={pickMoments} role="pick" common={common} />
      {seeds.map((g) => (
        <SongMoments key={g.trackId} trackId={g.trackId} moments={g.moments} role="seed" common={common} />
      ))}
      {matches.length ? <MatchedPairs matches={matches} /> : null}
      <div className="why-common">
        <span className="why-role">In common</span>
        {explanation.tagsInCommon.length
          ? <TagChips tags={explanation.tagsInCommon.map((tag) => ({ tag }))} testId="tags-in-common" />
          : <span className="muted small" data-testid="no-tags-in-common">{explanation.pick.tags.length || explanation.seeds.some((s) => s.tags.length)
            ? 'No predicted tags in common: the match is in the sound itself.'
            : 'No tags: this sound model shows only tags that were measured right on real music. The match is in the sound itself.'}</span>}
      </div>
      <div className="why-feedback">
        <LikeButton trackId={item.trackId} withLabel />
        <LessButton trackId={item.trackId} withLabel />
        <BlockArtistButton artist={pickTrack?.artist ?? null} />
        {playing ? <SkipButton /> : null}
      </div>
    </section>
  );
}
