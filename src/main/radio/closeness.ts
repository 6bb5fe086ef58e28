/**
 * Closeness that means something for this library: a pick's score (the radio's song-to-song similarity)
 * placed on the library's own scale, the scores of pairs of different songs in it. A raw cosine distance
 * says little (every library has its own spread); "closer than 97 % of pairs in your library" does, and
 * words cut at percentiles of that scale tell the picks of one radio apart.
 */
import type { ClosenessWords, PickCloseness } from '../../shared/domain';
import { RADIO_TUNABLES } from '../../shared/defaults';

export type ClosenessLimits = { veryClose: number; close: number; related: number };

/** Percent (0-100, one decimal) of the scale's pairs less alike than `score` (ties count half). */
export function percentileOf(score: number, sortedScale: ArrayLike<number>): number {
  const n = sortedScale.length;
  if (n === 0 || !Number.isFinite(score)) return 0;
  const below = lowerBound(sortedScale, score);
  let ties = 0;
  for (let i = below; i < n && sortedScale[i] <= score; i++) ties++;
  return Math.round(((below + ties / 2) / n) * 1000) / 10;
}

/** First index whose value is >= x (the scale is sorted ascending). */
function lowerBound(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The words for a percentile: the cut points are percentiles of the library's own pairs. */
export function closenessWords(percentile: number, limits: ClosenessLimits = RADIO_TUNABLES.closeness): ClosenessWords {
  if (percentile >= limits.veryClose) return 'very close';
  if (percentile >= limits.close) return 'close';
  if (percentile >= limits.related) return 'related';
  return 'far';
}

/** A pick's closeness on the library's scale; undefined when there is no scale (fewer than two songs). */
export function closenessOf(score: number, sortedScale: ArrayLike<number>, limits?: ClosenessLimits): PickCloseness | undefined {
  if (sortedScale.length === 0) return undefined;
  const percentile = percentileOf(score, sortedScale);
  return { percentile, words: closenessWords(percentile, limits), pairs: sortedScale.length };
}

/**
 * Ordered pairs (a, b), a != b, of `n` songs (indices), flattened: every pair when there are at most `max`,
 * else `max` drawn at random with a fixed seed (the same library gives the same scale, run after run).
 */
export function samplePairs(n: number, max: number, seed = 0x5eed): Int32Array {
  if (n < 2 || max < 1) return new Int32Array(0);
  if (n * (n - 1) <= max) {
    const all = new Int32Array(n * (n - 1) * 2);
    let k = 0;
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++) {
        if (a === b) continue;
        all[k++] = a;
        all[k++] = b;
      }
    }
    return all;
  }
  const random = mulberry32(seed);
  const out = new Int32Array(max * 2);
  for (let i = 0; i < max; i++) {
    const a = Math.floor(random() * n);
    // b is drawn from the other n - 1 songs, so a pair is never a song with itself.
    let b = Math.floor(random() * (n - 1));
    if (b >= a) b++;
    out[i * 2] = a;
    out[i * 2 + 1] = b;
  }
  return out;
}

/** A small seeded PRNG (uniform in [0, 1)). */
function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
