/**
 * What the audio engine reports (playing, position, duration, errors) and the user's volume and mute.
 * The engine (features/player/audio-engine.ts) owns the audio elements; this store only mirrors them,
 * so components re-render from state, never by reading the elements.
 */
import { create } from 'zustand';
import { DEFAULT_SETTINGS } from '../../../shared/defaults';

interface PlayerState {
  playing: boolean;
  /** Seconds into the loaded track. */
  position: number;
  /** Seconds; 0 until the element knows. */
  duration: number;
  volume: number;
  muted: boolean;
  /** Set when the last load failed, cleared by the next successful play. */
  error: string | null;
  /** Queue item id loaded into the active element (null: nothing loaded). */
  loadedItemId: number | null;
}

export const usePlayerStore = create<PlayerState>(() => ({
  playing: false,
  position: 0,
  duration: 0,
  volume: DEFAULT_SETTINGS.volume,
  muted: false,
  error: null,
  loadedItemId: null,
}));

/** The next queue change that loads a new track should start playing it (set by play actions). */
let autoplay = false;

export function requestAutoplay(): void {
  autoplay = true;
}

/** Reads and clears the autoplay request. */
export function takeAutoplay(): boolean {
  const value = autoplay;
  autoplay = false;
  return value;
}

export function patchPlayer(patch: Partial<PlayerState>): void {
  usePlayerStore.setState(patch);
}

export const usePlaying = (): boolean => usePlayerStore((s) => s.playing);
export const usePosition = (): number => usePlayerStore((s) => s.position);
export const useDuration = (): number => usePlayerStore((s) => s.duration);
export const useVolume = (): number => usePlayerStore((s) => s.volume);
export const useMuted = (): boolean => usePlayerStore((s) => s.muted);
export const usePlayerError = (): string | null => usePlayerStore((s) => s.error);
