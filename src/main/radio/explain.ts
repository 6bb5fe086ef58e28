/** Builds a pick's explanation: which seed moments its matched moment is closest to, and how close. */
import type { FragmentMoment, PickExplanation } from '../../shared/domain';
import type { FragmentRow } from '../db/queries/analysis';

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function moment(f: FragmentRow): FragmentMoment {
  return { trackId: f.trackId, startSec: round(f.startSec), endSec: round(f.endSec), tags: f.tags };
}

function round(x: number, digits = 3): number {
  const k = 10 ** digits;
  return Math.round(x * k) / k;
}

/** Cosine distance of unit vectors. */
export function cosineDistance(a: Float32Array, b: Float32Array): number {
  return Math.max(0, 1 - dot(a, b));
}

export function explainPick(pick: FragmentRow, seeds: FragmentRow[], shown = 2): PickExplanation {
  const distances = seeds.map((s) => ({ seed: s, distance: cosineDistance(pick.vector, s.vector) }));
  const distanceSum = distances.reduce((sum, d) => sum + d.distance, 0);
  const closest = [...distances].sort((a, b) => a.distance - b.distance || a.seed.id - b.seed.id).slice(0, shown);
  const pickTags = new Set(pick.tags.map((t) => t.tag));
  const tagsInCommon = closest.length ? closest[0].seed.tags.map((t) => t.tag).filter((t) => pickTags.has(t)) : [];
  return {
    pick: moment(pick),
    seeds: closest.map(({ seed, distance }) => ({ ...moment(seed), distance: round(distance, 4) })),
    distanceSum: round(distanceSum, 4),
    distance: round(seeds.length ? distanceSum / seeds.length : 0, 4),
    tagsInCommon,
  };
}
