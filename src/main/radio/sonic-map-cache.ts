/**
 * The sonic map as the index worker computes it: each track's mean fragment vector (the model's own
 * space) projected to 2-D, coloured by its most probable tag of one group (summed over its fragments);
 * no group (null), no colours. Cached in memory and on disk (checksummed) by the group and which tracks
 * are analysed when: a track's fragments change only with a new analysis of it, so that names the
 * fragments exactly. The caller reads everything from one SQLite snapshot.
 */
import { existsSync } from 'node:fs';
import { blobToVector } from '../db/vector-blob';
import { projectPca } from '../map/projection';
import type { MapPoints } from './index-protocol';
import { readSealedJson, sha256, writeSealedJson } from './index-files';

/** What the map is computed from, read from one snapshot. */
export interface SonicMapSource {
  /** Each current track's analysis time. */
  analysedAt: ReadonlyMap<number, number>;
  /** Every current fragment: its track, vector (a float32 blob) and tags (JSON). */
  fragments(): Iterable<{ track_id: number; vector: Buffer; tags: string }>;
  /** The model's vector size. */
  dims: number;
  /** The on-disk cache's file. */
  cacheFile: string;
}

let memory: { key: string; points: MapPoints } | null = null;

/** Forgets the in-memory map (the worker opened another library or model). */
export function forgetSonicMap(): void {
  memory = null;
}

export function sonicMap(source: SonicMapSource, colourGroup: string | null): MapPoints {
  const key = sha256(`${JSON.stringify([...source.analysedAt].sort((a, b) => a[0] - b[0]))}:${colourGroup ?? ''}`);
  if (memory?.key === key) return memory.points;
  const file = source.cacheFile;
  if (existsSync(file)) {
    // A damaged or older cache is computed again (it is only a cache: nothing to tell the user).
    const read = readSealedJson(file, 'the sonic map cache');
    const saved = 'data' in read ? read.data as { key: string; trackIds: number[]; xy: number[]; tags: (string | null)[]; explainedVariance: number } : null;
    if (saved?.key === key) {
      memory = { key, points: { trackIds: Int32Array.from(saved.trackIds), xy: Float32Array.from(saved.xy), tags: saved.tags, explainedVariance: saved.explainedVariance } };
      return memory.points;
    }
  }
  const d = source.dims;
  const sums = new Map<number, { vector: Float64Array; count: number; tags: Map<string, number> }>();
  const prefix = colourGroup === null ? null : `${colourGroup}:`;
  for (const row of source.fragments()) {
    let entry = sums.get(row.track_id);
    if (!entry) sums.set(row.track_id, (entry = { vector: new Float64Array(d), count: 0, tags: new Map() }));
    const v = blobToVector(row.vector);
    for (let i = 0; i < d; i++) entry.vector[i] += v[i];
    entry.count++;
    for (const { tag, p } of JSON.parse(row.tags) as { tag: string; p: number }[]) {
      if (prefix !== null && tag.startsWith(prefix)) entry.tags.set(tag, (entry.tags.get(tag) ?? 0) + p);
    }
  }
  const trackIds = Int32Array.from(sums.keys());
  const vectors = new Float32Array(trackIds.length * d);
  const tags: (string | null)[] = [];
  trackIds.forEach((trackId, r) => {
    const entry = sums.get(trackId) as { vector: Float64Array; count: number; tags: Map<string, number> };
    for (let i = 0; i < d; i++) vectors[r * d + i] = entry.vector[i] / entry.count;
    tags.push([...entry.tags.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null);
  });
  const { xy, explainedVariance } = trackIds.length >= 2 ? projectPca(vectors, trackIds.length, d) : { xy: new Float32Array(trackIds.length * 2), explainedVariance: 0 };
  const points = { trackIds, xy, tags, explainedVariance };
  memory = { key, points };
  writeSealedJson(file, { key, trackIds: [...trackIds], xy: [...xy], tags, explainedVariance });
  return points;
}
