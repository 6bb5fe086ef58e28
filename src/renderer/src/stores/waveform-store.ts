/**
 * Songs' loudness outlines for the why-panel strips, fetched once per track on first use and kept for
 * the session (600 numbers each). A track whose outline cannot be made (no ffmpeg, file gone) is
 * remembered as null so the strip stays a plain bar and nobody asks again.
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import type { Waveform } from '../../../shared/domain';
import { api } from '../api';

interface WaveformState {
  byTrack: ReadonlyMap<number, Waveform | null>;
}

export const useWaveformStore = create<WaveformState>(() => ({ byTrack: new Map() }));

const requested = new Set<number>();

/** Fetches a track's outline unless it was already asked for. */
export function requestWaveform(trackId: number): void {
  if (requested.has(trackId)) return;
  requested.add(trackId);
  const store = (value: Waveform | null) => useWaveformStore.setState((s) => ({ byTrack: new Map(s.byTrack).set(trackId, value) }));
  api.library.getWaveform(trackId).then(store, (err: unknown) => {
    // A missing outline is no error worth a toast: the strip still shows the song's length.
    console.warn(`soundlike: no waveform for track ${trackId}`, err);
    store(null);
  });
}

/** The outline of `trackId` (undefined while loading or unavailable); asks for it on first use. */
export function useWaveform(trackId: number): Waveform | undefined {
  useEffect(() => requestWaveform(trackId), [trackId]);
  return useWaveformStore((s) => s.byTrack.get(trackId) ?? undefined);
}
