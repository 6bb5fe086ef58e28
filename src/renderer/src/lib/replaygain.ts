/** ReplayGain: turning a track's gain tag into a volume multiplier the audio element can apply. */
import type { ReplayGainMode } from '../../../shared/domain';

/** Linear factor for `mode`; falls back to the other gain when the preferred one is missing; never above 1. */
export function replayGainFactor(mode: ReplayGainMode, trackDb: number | null, albumDb: number | null): number {
  if (mode === 'off') return 1;
  const db = mode === 'track' ? (trackDb ?? albumDb) : (albumDb ?? trackDb);
  if (db === null || !Number.isFinite(db)) return 1;
  // An element cannot amplify: positive gain is clamped to unity rather than clipping.
  return Math.min(1, Math.pow(10, db / 20));
}

/** The audio element's volume for a user volume (0..1), mute state and gain factor. */
export function elementVolume(volume: number, muted: boolean, factor: number): number {
  if (muted) return 0;
  return Math.min(1, Math.max(0, volume * factor));
}

/** Volume after an Up/Down key step, kept in 0..1 and rounded to avoid drift like 0.30000000000000004. */
export function stepVolume(volume: number, delta: number): number {
  return Math.round(Math.min(1, Math.max(0, volume + delta)) * 100) / 100;
}
