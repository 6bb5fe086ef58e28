/** The bottom bar: cover and tags of what plays, transport buttons, seek slider with clock, volume and mute. */
import { useState } from 'react';
import { Cover } from '../../elements/Cover';
import { Icon } from '../../elements/Icon';
import { formatClock } from '../../lib/format';
import { useTrack } from '../../stores/library-store';
import { useDuration, useMuted, usePlayerError, usePlaying, usePosition, useVolume } from '../../stores/player-store';
import { useCurrentIndex, useCurrentTrackId, useQueueItems } from '../../stores/queue-store';
import { showView, toggleQueue, useQueueOpen } from '../../stores/ui-store';
import { revealTrack } from '../../stores/browse-store';
import { previous, seek, seekBy, togglePlay } from './audio-engine';
import { LessButton, LikeButton } from '../radio/FeedbackButtons';
import { PlaySimilarButton } from '../radio/PlaySimilarButton';
import { skipCurrent } from '../radio/radio-actions';
import { SEEK_STEP_SEC } from '../../lib/shortcuts';
import { setVolume, toggleMute } from './volume';

function SeekBar() {
  const position = usePosition();
  const duration = useDuration();
  // While dragging, show the thumb where the user holds it rather than where playback is.
  const [scrub, setScrub] = useState<number | null>(null);
  const shown = scrub ?? position;
  return (
    <div className="seek">
      <span className="clock" data-testid="elapsed">{formatClock(shown)}</span>
      <input type="range" className="slider" data-testid="seek-slider" aria-label="Seek" min={0}
        max={duration > 0 ? duration : 1} step={0.1} value={Math.min(shown, duration || 1)} disabled={duration <= 0}
        aria-valuetext={`${formatClock(shown)} of ${formatClock(duration)}`}
        style={{ '--fill': `${duration > 0 ? (shown / duration) * 100 : 0}%` } as React.CSSProperties}
        onKeyDown={(e) => {
          // Arrow keys step like the global shortcut (5 s), not by the slider's fine 0.1 s step.
          if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
          e.preventDefault();
          seekBy(e.key === 'ArrowLeft' ? -SEEK_STEP_SEC : SEEK_STEP_SEC);
        }}
        onPointerDown={() => setScrub(position)}
        onPointerUp={() => setScrub(null)}
        onChange={(e) => {
          const v = Number(e.target.value);
          if (scrub !== null) setScrub(v);
          seek(v);
        }} />
      <span className="clock" data-testid="duration">{formatClock(duration)}</span>
    </div>
  );
}

function VolumeControl() {
  const volume = useVolume();
  const muted = useMuted();
  const shown = muted ? 0 : volume;
  return (
    <div className="volume">
      <button type="button" className="icon-btn" data-testid="mute-button" aria-label={muted ? 'Unmute' : 'Mute'}
        aria-pressed={muted} title={muted ? 'Unmute (M)' : 'Mute (M)'} onClick={toggleMute}>
        <Icon name={muted || volume === 0 ? 'mute' : 'volume'} />
      </button>
      <input type="range" className="slider" data-testid="volume-slider" aria-label="Volume" min={0} max={1} step={0.01}
        value={shown} style={{ '--fill': `${shown * 100}%` } as React.CSSProperties}
        onChange={(e) => setVolume(Number(e.target.value))} />
    </div>
  );
}

export function NowPlayingBar() {
  const trackId = useCurrentTrackId();
  const track = useTrack(trackId);
  const playing = usePlaying();
  const error = usePlayerError();
  const items = useQueueItems();
  const current = useCurrentIndex();
  const queueOpen = useQueueOpen();
  const hasQueue = items.length > 0;
  const radioPick = items[current]?.origin.kind === 'radio';

  return (
    <footer className="now-playing" data-testid="now-playing" aria-label="Player">
      <div className="np-track">
        <Cover coverId={track?.coverId} size={52} alt="" />
        <div className="np-text">
          {track ? (
            <>
              <button type="button" className="np-title" data-testid="now-playing-title" title="Show in library"
                onClick={() => { showView('library'); revealTrack(track.id); }}>{track.title}</button>
              <div className="np-sub" title={`${track.artist ?? ''} — ${track.album ?? ''}`}>
                {track.artist ?? track.albumArtist ?? 'Unknown artist'}
                {track.album ? <span className="muted"> — {track.album}</span> : null}
              </div>
            </>
          ) : (
            <div className="np-sub muted">{trackId !== null ? 'Loading…' : 'Nothing playing'}</div>
          )}
          {error ? <div className="np-error" role="alert" data-testid="player-error">{error}</div> : null}
        </div>
        {track ? (
          <div className="np-feedback">
            <LikeButton trackId={track.id} />
            <PlaySimilarButton trackId={track.id} size={16} />
            {radioPick ? <LessButton trackId={track.id} /> : null}
          </div>
        ) : null}
      </div>
      <div className="np-center">
        <div className="np-buttons">
          <button type="button" className="icon-btn" data-testid="prev-track" aria-label="Previous track"
            title="Previous (Ctrl+←)" disabled={!hasQueue} onClick={previous}>
            <Icon name="prev" size={20} />
          </button>
          <button type="button" className="icon-btn play" data-testid="play-pause" aria-label={playing ? 'Pause' : 'Play'}
            title={playing ? 'Pause (Space)' : 'Play (Space)'} disabled={!hasQueue} onClick={togglePlay}>
            <Icon name={playing ? 'pause' : 'play'} size={24} />
          </button>
          <button type="button" className="icon-btn" data-testid="next-track" aria-label="Next track"
            title={radioPick ? 'Skip: next song (the radio notes it) (Ctrl+→)' : 'Next (Ctrl+→)'}
            disabled={!hasQueue || current >= items.length - 1} onClick={skipCurrent}>
            <Icon name="next" size={20} />
          </button>
        </div>
        <SeekBar />
      </div>
      <div className="np-right">
        <VolumeControl />
        <button type="button" className={`icon-btn ${queueOpen ? 'on' : ''}`} data-testid="toggle-queue"
          aria-label="Show queue" aria-pressed={queueOpen} title="Queue" onClick={toggleQueue}>
          <Icon name="queue" />
        </button>
      </div>
    </footer>
  );
}
