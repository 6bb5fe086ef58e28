/**
 * The sonic path: N songs that walk from song A to song B through the sound space (Plexamp's Sonic
 * Adventure, AudioMuse's Song Path), computed in the index worker's space on the vectors it holds.
 *
 * What it does, and why:
 * - Waypoints on the line between A's and B's mean vectors (normalised: the space compares directions),
 *   at t = i / (N + 1). A shortest path in a kNN graph was the alternative; it wanders through whatever
 *   the graph's dense regions are and its length is not N, so the user's count would be a hint, not a rule.
 * - Candidates: per waypoint the songs whose means lie closest to it (an exact scan, one vector a song);
 *   a library no bigger than `wholeLibrary` songs is taken whole.
 * - The set-to-set check: each candidate is compared with A and with B as sets of moments (the radio's
 *   symmetric Chamfer similarity, set-similarity.ts). Step i takes the unused song with the best
 *   0.5 * (mean . waypoint_i + (1 - t_i) * sim(A) + t_i * sim(B)): near the line as a whole, and sounding
 *   like A and B in the proportion of its place on the walk (a song only one lucky moment of which fits
 *   loses). No song twice, never A or B, never an excluded song.
 * - The chosen songs are then ordered by their likeness to B (ties: less like A first), so every step is
 *   at least as close to the end song as the one before. Ordering by progress, sim(B) - sim(A), was tried
 *   first: on the demo library likeness to B then fell back by up to 0.13 between steps, which a listener
 *   hears as the walk turning away from where it goes.
 * - Each step is explained against the song before it (A for the first): its matched moment pairs.
 */
import type { PathResultMessage } from './index-protocol';
import { dotAt, pairsFrom, setScoreInStore } from './set-similarity';

/** The worker's vectors as the path needs them (all rows of `dims` floats, unit length). */
export interface PathSpace {
  dims: number;
  /** Song ids, and their mean vectors in the same order. */
  ids: readonly number[];
  means: Float32Array;
  slot: ReadonlyMap<number, number>;
  /** Every moment's vector, row per label. */
  store: Float32Array;
  /** A song's moments compared (labels into `store`, an even spread), null when it has none. */
  rowsOf(trackId: number): Int32Array | null;
}

export interface PathOptions {
  fromTrackId: number;
  toTrackId: number;
  count: number;
  excludeTrackIds: readonly number[];
  /** Songs nearest each waypoint taken as candidates. */
  poolPerStep: number;
  /** Up to this many songs the whole library is the candidate pool. */
  wholeLibrary: number;
}

/** A matched pair of moments, as labels into the store. */
export interface PathPair {
  seedRow: number;
  pickRow: number;
  similarity: number;
}

export interface PathStepResult {
  trackId: number;
  /** Chamfer similarity with A and with B (1 = the same). */
  toStart: number;
  toEnd: number;
  /** Chamfer similarity with the song before it on the walk, and the moments that matched. */
  fromPrevious: number;
  pairs: PathPair[];
}

export interface PathResult {
  steps: PathStepResult[];
  /** How B follows the last step (or A, for an empty walk): B's moments matched with that song's. */
  arrival: { fromPrevious: number; pairs: PathPair[] };
  /** Songs compared as sets. */
  candidates: number;
}

function normalised(v: Float32Array): Float32Array {
  let norm = 0;
  for (let i = 0; i < v.length; i++) norm += v[i] * v[i];
  norm = Math.sqrt(norm) || 1;
  return v.map((x) => x / norm);
}

function gatherRows(space: PathSpace, rows: Int32Array): Float32Array {
  const d = space.dims;
  const out = new Float32Array(rows.length * d);
  rows.forEach((row, i) => out.set(space.store.subarray(row * d, (row + 1) * d), i * d));
  return out;
}

/** How alike song `seed` and song `pick` are as sets, and (when asked) their strongest moment pairs. */
function compare(space: PathSpace, seed: Int32Array, pick: Int32Array, pairCount: number): { score: number; pairs: PathPair[] } {
  const seedSet = gatherRows(space, seed);
  const scratch = new Float32Array(pick.length);
  const best = new Float32Array(seed.length);
  const arg = new Int32Array(seed.length);
  const score = setScoreInStore(seedSet, seed.length, space.store, pick, space.dims, scratch, best, arg, 0);
  const pairs = pairCount > 0 ? pairsFrom(best, arg, pairCount).map((p) => ({ seedRow: seed[p.seed], pickRow: pick[p.pick], similarity: Math.round(p.similarity * 1e4) / 1e4 })) : [];
  return { score, pairs };
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** The walk from A to B (see the module header). Throws when A or B has no moments in the space. */
export function sonicPath(space: PathSpace, options: PathOptions): PathResult {
  const { fromTrackId: from, toTrackId: to, count } = options;
  const d = space.dims;
  const rowsA = space.rowsOf(from);
  const rowsB = space.rowsOf(to);
  const slotA = space.slot.get(from);
  const slotB = space.slot.get(to);
  if (!rowsA || !rowsB || slotA === undefined || slotB === undefined) throw new Error('both songs of a path must be analysed');
  const meanA = space.means.subarray(slotA * d, (slotA + 1) * d);
  const meanB = space.means.subarray(slotB * d, (slotB + 1) * d);
  const waypoints = Array.from({ length: count }, (_, k) => {
    const t = (k + 1) / (count + 1);
    const w = new Float32Array(d);
    for (let j = 0; j < d; j++) w[j] = (1 - t) * meanA[j] + t * meanB[j];
    return { t, w: normalised(w) };
  });

  const excluded = new Set([from, to, ...options.excludeTrackIds]);
  const usable = space.ids.filter((id) => !excluded.has(id));
  let pool: number[];
  if (usable.length <= options.wholeLibrary) {
    pool = usable;
  } else {
    const chosen = new Set<number>();
    for (const { w } of waypoints) {
      const scored = usable.map((id) => ({ id, s: dotAt(w, 0, space.means, (space.slot.get(id) as number) * d, d) }));
      scored.sort((a, b) => b.s - a.s || a.id - b.id);
      for (const { id } of scored.slice(0, options.poolPerStep)) chosen.add(id);
    }
    pool = [...chosen];
  }

  // The set-to-set check, once per candidate: how much it sounds like A and like B.
  const facts = pool.flatMap((id) => {
    const rows = space.rowsOf(id);
    if (!rows) return [];
    return [{ id, rows, slot: space.slot.get(id) as number, toStart: compare(space, rowsA, rows, 0).score, toEnd: compare(space, rowsB, rows, 0).score }];
  });

  const used = new Set<number>();
  const picked: typeof facts = [];
  for (const { t, w } of waypoints) {
    let best: (typeof facts)[number] | null = null;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (const c of facts) {
      if (used.has(c.id)) continue;
      const score = 0.5 * (dotAt(w, 0, space.means, c.slot * d, d) + (1 - t) * c.toStart + t * c.toEnd);
      if (score > bestScore || (score === bestScore && best !== null && c.id < best.id)) {
        best = c;
        bestScore = score;
      }
    }
    if (!best) break; // the library has no more songs to walk through
    used.add(best.id);
    picked.push(best);
  }
  // Stable: equal likeness keeps the waypoint order.
  const ordered = picked.map((c, k) => ({ c, k })).sort((a, b) => a.c.toEnd - b.c.toEnd || b.c.toStart - a.c.toStart || a.k - b.k).map((x) => x.c);

  let previous = rowsA;
  const steps = ordered.map((c) => {
    const link = compare(space, previous, c.rows, 3);
    previous = c.rows;
    return { trackId: c.id, toStart: round6(c.toStart), toEnd: round6(c.toEnd), fromPrevious: round6(link.score), pairs: link.pairs };
  });
  const last = compare(space, previous, rowsB, 3);
  return { steps, arrival: { fromPrevious: round6(last.score), pairs: last.pairs }, candidates: facts.length };
}

/** The walk as the index worker answers it: matched moments as fragment ids (`fragmentIds[label]`). */
export function sonicPathMessage(space: PathSpace, fragmentIds: readonly number[], options: PathOptions): PathResultMessage {
  const toFragments = (p: PathPair) => ({ seedFragmentId: fragmentIds[p.seedRow], pickFragmentId: fragmentIds[p.pickRow], similarity: p.similarity });
  const result = sonicPath(space, options);
  return {
    steps: result.steps.map((s) => ({ ...s, pairs: s.pairs.map(toFragments) })),
    arrival: { fromPrevious: result.arrival.fromPrevious, pairs: result.arrival.pairs.map(toFragments) },
    candidates: result.candidates,
  };
}
