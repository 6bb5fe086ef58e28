/**
 * The index worker's songs as the radio, the sonic path and the pair scale read them: each song's mean
 * vector (unit length) and the spread moments the re-rank compares, computed once per change of the
 * indexed songs (not per radio: a radio then allocates nothing per candidate), and the view of the
 * worker's vectors those features are computed on.
 */
import { spreadIndices } from './set-similarity';
import { createSongScan, type SongScan } from './song-scan-kernel';
import type { PathSpace } from './sonic-path';

export interface SongMeans {
  /** The labels map (track id -> its live labels, in order) these were computed from. */
  from: Map<number, number[]>;
  ids: number[];
  /** Song t's mean at [t * dims, (t + 1) * dims). */
  means: Float32Array;
  slot: Map<number, number>;
  /** Every song's spread moments in one buffer: song t's are spread[spreadStart[t] .. spreadStart[t + 1]). */
  spread: Int32Array;
  spreadStart: Int32Array;
  /** Every mean against one query (song-scan-kernel.ts: exact, SIMD where it runs). */
  scan: SongScan;
  /** Scratch for the scan's scores (one radio at a time: the worker is single-threaded). */
  scores: Float32Array;
}

/** The songs' means and spread moments, from the labels of each track's fragments and the stored vectors. */
export function computeSongMeans(byTrack: Map<number, number[]>, store: Float32Array, dims: number, momentsPerSong: number): SongMeans {
  const d = dims;
  const ids = [...byTrack.keys()];
  const means = new Float32Array(ids.length * d);
  ids.forEach((trackId, t) => {
    for (const label of byTrack.get(trackId) as number[]) for (let j = 0; j < d; j++) means[t * d + j] += store[label * d + j];
    let norm = 0;
    for (let j = 0; j < d; j++) norm += means[t * d + j] ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let j = 0; j < d; j++) means[t * d + j] /= norm;
  });
  const spreadStart = new Int32Array(ids.length + 1);
  ids.forEach((trackId, t) => {
    spreadStart[t + 1] = spreadStart[t] + Math.min(momentsPerSong, (byTrack.get(trackId) as number[]).length);
  });
  const spread = new Int32Array(spreadStart[ids.length]);
  ids.forEach((trackId, t) => {
    const own = byTrack.get(trackId) as number[];
    spreadIndices(own.length, momentsPerSong).forEach((i, k) => {
      spread[spreadStart[t] + k] = own[i];
    });
  });
  return {
    from: byTrack, ids, means, slot: new Map(ids.map((id, t) => [id, t])), spread, spreadStart,
    scan: createSongScan(means, ids.length, d), scores: new Float32Array(ids.length),
  };
}

/** A song's moments the re-rank compares: its labels spread evenly over the song (a view, no copy); null when none. */
export function spreadRowsOf(songs: SongMeans, trackId: number): Int32Array | null {
  const t = songs.slot.get(trackId);
  if (t === undefined || songs.spreadStart[t + 1] === songs.spreadStart[t]) return null;
  return songs.spread.subarray(songs.spreadStart[t], songs.spreadStart[t + 1]);
}

/** The `n` best-scoring ids (score descending, then id), from parallel arrays; non-finite scores are left out. */
export function topIds(ids: readonly number[], scores: Float32Array | readonly number[], n: number): number[] {
  const top: number[] = [];
  if (n <= 0) return top;
  // Once `n` are held, a score must beat the weakest of them: most of a big library stops at this test.
  let floor = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < ids.length; i++) {
    const score = scores[i];
    if (top.length === n && !(score > floor)) continue;
    if (!Number.isFinite(score)) continue;
    let at = top.length;
    while (at > 0 && (scores[top[at - 1]] < score || (scores[top[at - 1]] === score && ids[top[at - 1]] > ids[i]))) at--;
    top.splice(at, 0, i);
    if (top.length > n) top.pop();
    if (top.length === n) floor = scores[top[n - 1]];
  }
  return top.map((i) => ids[i]);
}

/** The worker's vectors as its features read them (sonic-path.ts's PathSpace, and more). */
export interface IndexedSpace extends PathSpace {
  songs: SongMeans;
  /** Track id -> its live labels, in order. */
  byTrack: Map<number, number[]>;
  /** Label -> fragment id and track id (tombstoned labels included). */
  fragmentIds: readonly number[];
  trackIds: readonly number[];
  tombstones: ReadonlySet<number>;
}

/** Rows (labels) of the store gathered into one array of vectors. */
export function gatherRows(store: Float32Array, dims: number, labels: ArrayLike<number>): Float32Array {
  const out = new Float32Array(labels.length * dims);
  for (let i = 0; i < labels.length; i++) out.set(store.subarray(labels[i] * dims, (labels[i] + 1) * dims), i * dims);
  return out;
}
