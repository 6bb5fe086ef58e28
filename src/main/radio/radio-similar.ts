/**
 * The radio's two stages, on the index worker's vectors. First, candidate songs: the songs whose mean
 * vector is closest to the seed's (an exact scan, one vector per song), and from the index the songs of
 * the fragments nearest to the summed seed (the design's query) and to each spread seed moment (a song
 * that matches one part of the seed is not lost), ranked by their best hit. Then an exact re-rank of the
 * candidates by the symmetric Chamfer similarity of their moments with the seed's, less the negative
 * songs' share. A library no bigger than the re-rank is re-ranked whole. Both scans run as exact SIMD
 * kernels (song-scan-kernel.ts, chamfer-kernel.ts): the same picks as the plain loops, a few times sooner.
 */
import type { RerankTunables, SimilarRequest, SimilarResult, SimilarTrack } from './index-protocol';
import type { ChamferScorer } from './chamfer-kernel';
import { directedSimilarity, pairsFrom, spreadIndices } from './set-similarity';
import { gatherRows, spreadRowsOf, topIds, type IndexedSpace } from './song-means';

/** The index's search: `queries` (rows of the space's dimensions, flattened) -> `k` labels and scores each. */
export type IndexSearch = (queries: number[], k: number) => { labels: number[]; distances: number[] };

/** The seed's candidate songs from the first stage (see the module header). */
function firstStage(space: IndexedSpace, search: IndexSearch, tun: RerankTunables, req: SimilarRequest, seedLabels: number[], excluded: Set<number>): number[] {
  const { dims: d, store, byTrack, tombstones, trackIds } = space;
  const breadth = Math.max(1, req.breadth ?? 1);
  // A library with no more songs than the re-rank takes is re-ranked whole: nothing for a first stage to do.
  if (req.exhaustive || byTrack.size <= tun.candidateTracks * breadth) return [...byTrack.keys()].filter((id) => !excluded.has(id));
  const summed = new Float32Array(d);
  for (const label of seedLabels) for (let j = 0; j < d; j++) summed[j] += store[label * d + j];
  let norm = 0;
  for (let j = 0; j < d; j++) norm += summed[j] * summed[j];
  norm = Math.sqrt(norm) || 1;
  // Songs alike as wholes: every song's mean against the seed's (exact, 16 numbers a song).
  const { ids, slot, scan, scores: scratchScores } = space.songs;
  // Unnormalised scores rank the same; the excluded songs are struck out after the scan, not tested in it.
  const meanScores = scan.scan(summed, scratchScores);
  for (const id of excluded) {
    const t = slot.get(id);
    if (t !== undefined) meanScores[t] = Number.NEGATIVE_INFINITY;
  }
  const byMean = topIds(ids, meanScores, tun.meanCandidates * breadth);
  // Songs alike in a part: the index's nearest fragments to the summed seed and to each seed moment.
  const best = new Map<number, number>();
  const collect = (queries: number[], hits: number) => {
    if (queries.length === 0) return;
    const k = Math.max(1, Math.min(space.fragmentIds.length, hits * breadth + tombstones.size));
    const { labels, distances } = search(queries, k);
    for (let i = 0; i < labels.length; i++) {
      const label = labels[i];
      if (label < 0 || tombstones.has(label)) continue;
      const trackId = trackIds[label];
      if (excluded.has(trackId)) continue;
      const seen = best.get(trackId);
      if (seen === undefined || distances[i] > seen) best.set(trackId, distances[i]);
    }
  };
  collect(Array.from(summed, (x) => x / norm), tun.hitsPerQuery);
  const moments: number[] = [];
  for (const i of spreadIndices(seedLabels.length, tun.queryMoments)) {
    const label = seedLabels[i];
    for (let j = 0; j < d; j++) moments.push(store[label * d + j]);
  }
  collect(moments, tun.momentHits);
  const inMean = new Set(byMean);
  const hitIds = [...best.keys()].filter((id) => !inMean.has(id));
  const byHit = topIds(hitIds, hitIds.map((id) => best.get(id) as number), Math.max(tun.candidateTracks * breadth, req.limit) - byMean.length);
  return [...byMean, ...byHit];
}

/** The radio's picks for a request, best first, each with its matched moment pairs (fragment ids). */
export function similarSongs(space: IndexedSpace, search: IndexSearch, scorer: ChamferScorer, tun: RerankTunables, req: SimilarRequest): SimilarResult {
  const { dims: d, store, byTrack, fragmentIds } = space;
  const seedLabels = req.seedTrackIds.flatMap((id) => byTrack.get(id) ?? []);
  if (seedLabels.length === 0) return { tracks: [], candidates: 0 };
  const seedRows = spreadIndices(seedLabels.length, tun.seedMoments).map((i) => seedLabels[i]);
  const seedSet = gatherRows(store, d, seedRows);
  const negativeLabels = req.negativeTrackIds.flatMap((id) => byTrack.get(id) ?? []);
  const negativeSet = gatherRows(store, d, spreadIndices(negativeLabels.length, tun.seedMoments).map((i) => negativeLabels[i]));
  const nNegative = negativeSet.length / d;
  const excluded = new Set([...req.seedTrackIds, ...req.excludeTrackIds]);
  const candidates = firstStage(space, search, tun, req, seedLabels, excluded);

  // Every candidate scored by the kernel, keeping each seed moment's best match for the pairs.
  const nSeed = seedRows.length;
  scorer.setSeed(seedSet, nSeed);
  // Each seed moment's best match in every candidate, in two buffers (read back only for the songs kept).
  const seedBest = new Float32Array(candidates.length * nSeed);
  const seedArg = new Int32Array(candidates.length * nSeed);
  const scores = new Float64Array(candidates.length);
  const order: number[] = [];
  candidates.forEach((trackId, i) => {
    const rows = spreadRowsOf(space.songs, trackId);
    if (!rows) return;
    let score = scorer.score(store, rows, seedBest, seedArg, i * nSeed);
    if (nNegative > 0) score -= req.negativeWeight * directedSimilarity(negativeSet, nNegative, gatherRows(store, d, rows), rows.length, d);
    scores[i] = score;
    order.push(i);
  });
  order.sort((a, b) => scores[b] - scores[a] || candidates[a] - candidates[b]);
  const tracks: SimilarTrack[] = order.slice(0, req.limit).map((i) => {
    const rows = spreadRowsOf(space.songs, candidates[i]) as Int32Array;
    const at = i * nSeed;
    return {
      trackId: candidates[i], score: Math.round(scores[i] * 1e6) / 1e6,
      pairs: pairsFrom(seedBest.subarray(at, at + nSeed), seedArg.subarray(at, at + nSeed), 3)
        .map((p) => ({ seedFragmentId: fragmentIds[seedRows[p.seed]], pickFragmentId: fragmentIds[rows[p.pick]], similarity: Math.round(p.similarity * 1e4) / 1e4 })),
    };
  });
  return { tracks, candidates: candidates.length };
}
