/**
 * How alike two songs sound, as sets of moments: the symmetric Chamfer similarity. Every seed moment
 * finds its best match in the candidate and every candidate moment its best match in the seed; the two
 * means are averaged. A song that shares one lucky moment with the seed no longer wins (the old rule,
 * one best fragment against the summed seed); measured on real soundtracks it ranks same-album songs
 * better (models/README.md, "ranking rules"). Vectors are unit length, rows of `dims` floats.
 */

export interface MomentPair {
  /** Row of the seed set. */
  seed: number;
  /** Row of the candidate set. */
  pick: number;
  /** Cosine similarity of the two moments. */
  similarity: number;
}

export interface SetSimilarity {
  score: number;
  /** The strongest matches, strongest first, no moment used twice (only when asked for). */
  pairs: MomentPair[];
}

/** Dot product of `dims` floats at two offsets (unrolled for the library space's 16 dimensions). */
export function dotAt(a: Float32Array, ao: number, b: Float32Array, bo: number, dims: number): number {
  if (dims === 16) {
    return a[ao] * b[bo] + a[ao + 1] * b[bo + 1] + a[ao + 2] * b[bo + 2] + a[ao + 3] * b[bo + 3]
      + a[ao + 4] * b[bo + 4] + a[ao + 5] * b[bo + 5] + a[ao + 6] * b[bo + 6] + a[ao + 7] * b[bo + 7]
      + a[ao + 8] * b[bo + 8] + a[ao + 9] * b[bo + 9] + a[ao + 10] * b[bo + 10] + a[ao + 11] * b[bo + 11]
      + a[ao + 12] * b[bo + 12] + a[ao + 13] * b[bo + 13] + a[ao + 14] * b[bo + 14] + a[ao + 15] * b[bo + 15];
  }
  let s = 0;
  for (let i = 0; i < dims; i++) s += a[ao + i] * b[bo + i];
  return s;
}

const dot = dotAt;

/**
 * Symmetric Chamfer similarity of two sets of unit vectors, and up to `pairCount` matched pairs: each seed
 * moment with its best match, strongest first, no moment used twice.
 */
export function setSimilarity(seed: Float32Array, nSeed: number, cand: Float32Array, nCand: number, dims: number, pairCount = 0): SetSimilarity {
  if (nSeed === 0 || nCand === 0) return { score: -1, pairs: [] };
  const candBest = new Float32Array(nCand).fill(-Infinity);
  const seedBest: MomentPair[] = [];
  let seedSum = 0;
  for (let s = 0; s < nSeed; s++) {
    let best = -Infinity;
    let arg = 0;
    const so = s * dims;
    for (let c = 0; c < nCand; c++) {
      const sim = dot(seed, so, cand, c * dims, dims);
      if (sim > best) {
        best = sim;
        arg = c;
      }
      if (sim > candBest[c]) candBest[c] = sim;
    }
    seedSum += best;
    if (pairCount > 0) seedBest.push({ seed: s, pick: arg, similarity: best });
  }
  let candSum = 0;
  for (let c = 0; c < nCand; c++) candSum += candBest[c];
  const score = 0.5 * (seedSum / nSeed + candSum / nCand);
  return { score, pairs: pairCount > 0 ? strongestPairs(seedBest, pairCount) : [] };
}

/**
 * The same score without copying the candidate: its moments are rows of a shared array (`rows` index rows
 * of `store`), and `scratch` (at least rows.length long) is reused between calls. When `seedBest` and
 * `seedArg` are given, each seed moment's best similarity and the candidate row it found are written there
 * from `at` on (nSeed values; one buffer can hold every candidate's), so the matched pairs of the songs kept
 * can be read without a second pass (pairsFrom).
 */
export function setScoreInStore(seed: Float32Array, nSeed: number, store: Float32Array, rows: ArrayLike<number>, dims: number, scratch: Float32Array,
  seedBest?: Float32Array, seedArg?: Int32Array, at = 0): number {
  const nCand = rows.length;
  if (nSeed === 0 || nCand === 0) return -1;
  for (let c = 0; c < nCand; c++) scratch[c] = -Infinity;
  let seedSum = 0;
  for (let s = 0; s < nSeed; s++) {
    const so = s * dims;
    let best = -Infinity;
    let arg = 0;
    for (let c = 0; c < nCand; c++) {
      const co = rows[c] * dims;
      // Most of a radio's time is this line.
      const sim = dotAt(seed, so, store, co, dims);
      if (sim > best) {
        best = sim;
        arg = c;
      }
      if (sim > scratch[c]) scratch[c] = sim;
    }
    seedSum += best;
    if (seedBest && seedArg) {
      seedBest[at + s] = best;
      seedArg[at + s] = arg;
    }
  }
  let candSum = 0;
  for (let c = 0; c < nCand; c++) candSum += scratch[c];
  return 0.5 * (seedSum / nSeed + candSum / nCand);
}

/** Every row's dot product with `query`: `out[t] = rows[t] . query` for `count` rows of `dims` floats. */
export function dotEach(rows: Float32Array, count: number, query: Float32Array, dims: number, out: Float32Array): Float32Array {
  for (let t = 0; t < count; t++) out[t] = dotAt(query, 0, rows, t * dims, dims);
  return out;
}

/** The matched pairs (strongest first, no moment twice) from setScoreInStore's per-seed bests. */
export function pairsFrom(seedBest: Float32Array, seedArg: Int32Array, count: number): MomentPair[] {
  return strongestPairs(Array.from(seedBest, (similarity, seed) => ({ seed, pick: seedArg[seed], similarity })), count);
}

/** Mean over `from`'s moments of their best match in `to` (how much of `from` is heard in `to`). */
export function directedSimilarity(from: Float32Array, nFrom: number, to: Float32Array, nTo: number, dims: number): number {
  if (nFrom === 0 || nTo === 0) return 0;
  let sum = 0;
  for (let f = 0; f < nFrom; f++) {
    let best = -Infinity;
    for (let t = 0; t < nTo; t++) {
      const sim = dot(from, f * dims, to, t * dims, dims);
      if (sim > best) best = sim;
    }
    sum += best;
  }
  return sum / nFrom;
}

/** The strongest pairs with no seed moment and no pick moment used twice, strongest first. */
export function strongestPairs(pairs: MomentPair[], count: number): MomentPair[] {
  const sorted = [...pairs].sort((a, b) => b.similarity - a.similarity || a.seed - b.seed || a.pick - b.pick);
  const usedSeed = new Set<number>();
  const usedPick = new Set<number>();
  const out: MomentPair[] = [];
  for (const p of sorted) {
    if (out.length >= count) break;
    if (usedSeed.has(p.seed) || usedPick.has(p.pick)) continue;
    usedSeed.add(p.seed);
    usedPick.add(p.pick);
    out.push(p);
  }
  return out;
}

/** Evenly spread rows (indices) of a list of `n`, at most `max` (the whole song's shape, not its start). */
export function spreadIndices(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  return Array.from({ length: max }, (_, i) => Math.floor(((i + 0.5) * n) / max));
}
