import { describe, expect, it } from 'vitest';
import type { SimilarTrack } from './index-protocol';
import { candidatesFrom } from './radio-picks';
import { songKey } from './rank';

const hit = (trackId: number, score: number, pickFragmentId: number | null): SimilarTrack => ({
  trackId, score, pairs: pickFragmentId === null ? [] : [{ seedFragmentId: 1, pickFragmentId, similarity: score }, { seedFragmentId: 2, pickFragmentId: pickFragmentId + 1, similarity: score / 2 }],
});
const track = (id: number, artist: string | null, available = true) => ({ id, title: `Song ${id}`, artist, available });

describe('candidatesFrom', () => {
  const tracks = new Map([track(10, 'Nina'), track(11, 'Blocked Band'), track(12, 'Otis', false), track(14, null)].map((t) => [t.id, t]));

  it('makes each hit a candidate standing on its best matched moment, in the index\'s order', () => {
    const candidates = candidatesFrom([hit(14, 0.9, 140), hit(10, 0.8, 100)], tracks, new Set());
    expect(candidates).toEqual([
      { trackId: 14, fragmentId: 140, score: 0.9, artist: null, titleKey: songKey(track(14, null)), pairs: hit(14, 0.9, 140).pairs },
      { trackId: 10, fragmentId: 100, score: 0.8, artist: 'Nina', titleKey: songKey(track(10, 'Nina')), pairs: hit(10, 0.8, 100).pairs },
    ]);
  });

  it('skips songs gone from the library, on a missing drive, by a blocked artist, or without a matched moment', () => {
    const hits = [hit(99, 0.99, 990), hit(12, 0.95, 120), hit(11, 0.9, 110), hit(10, 0.85, null), hit(14, 0.8, 140)];
    expect(candidatesFrom(hits, tracks, new Set(['blocked band'])).map((c) => c.trackId)).toEqual([14]);
    expect(candidatesFrom(hits, tracks, new Set()).map((c) => c.trackId)).toEqual([11, 14]);
  });
});
