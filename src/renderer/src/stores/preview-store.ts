/**
 * What the why-panel's preview player is playing: a short clip of one song (a matched moment, or five
 * seconds from where a strip was clicked), one of a sequence (A/B: the seed's moment, then the pick's).
 * The preview engine (features/radio/preview-player.ts) owns the audio element; this store mirrors it.
 */
import { create } from 'zustand';

export interface PreviewClip {
  trackId: number;
  startSec: number;
  endSec: number;
  /** Whose moment it is: the radio's pick or the seed it matched. */
  role: 'pick' | 'seed';
  /** "A" / "B" in an A/B comparison; null for a single clip. */
  mark: 'A' | 'B' | null;
}

interface PreviewState {
  clip: PreviewClip | null;
  /** Seconds into the clip's song (the element's clock). */
  position: number;
}

export const usePreviewStore = create<PreviewState>(() => ({ clip: null, position: 0 }));

export function setPreview(patch: Partial<PreviewState>): void {
  usePreviewStore.setState(patch);
}

export const usePreviewClip = (): PreviewClip | null => usePreviewStore((s) => s.clip);
export const usePreviewPosition = (): number => usePreviewStore((s) => s.position);
/** The preview's position when it plays `trackId` (a playhead on that song's strip), else null. */
export const usePreviewPlayhead = (trackId: number): number | null =>
  usePreviewStore((s) => (s.clip?.trackId === trackId ? s.position : null));
