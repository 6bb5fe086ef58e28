/**
 * The library's own scale for a pick's closeness (closeness.ts): pairs of different songs (all of them in
 * a small library, a fixed random sample in a big one) scored exactly as a radio scores a pick against a
 * one-song seed (radio-similar.ts). Kept until the indexed songs or their space change (the worker
 * rebuilds its labels map then, and main asks again: index-protocol.ts's generation).
 */
import type { ChamferScorer } from './chamfer-kernel';
import { samplePairs } from './closeness';
import type { PairScale } from './index-protocol';
import { spreadIndices } from './set-similarity';
import { gatherRows, spreadRowsOf, type IndexedSpace } from './song-means';

let cached: { from: Map<number, number[]>; maxPairs: number; scale: PairScale } | null = null;

/** The pair scale of the indexed songs, at most `maxPairs` pairs, each seed song taken as `seedMoments` spread moments. */
export function pairScale(space: IndexedSpace, scorer: ChamferScorer, maxPairs: number, seedMoments: number): PairScale {
  const { byTrack, store, dims: d } = space;
  if (cached?.from === byTrack && cached.maxPairs === maxPairs) return cached.scale;
  const ids = [...byTrack.keys()];
  const pairs = samplePairs(ids.length, maxPairs);
  const scores = new Float32Array(pairs.length / 2);
  for (let i = 0; i < scores.length; i++) {
    const seedLabels = byTrack.get(ids[pairs[i * 2]]) as number[];
    const seedSet = gatherRows(store, d, spreadIndices(seedLabels.length, seedMoments).map((k) => seedLabels[k]));
    scorer.setSeed(seedSet, seedSet.length / d);
    scores[i] = scorer.score(store, spreadRowsOf(space.songs, ids[pairs[i * 2 + 1]]) ?? []);
  }
  scores.sort();
  const scale = { scores, songs: ids.length };
  cached = { from: byTrack, maxPairs, scale };
  return scale;
}
