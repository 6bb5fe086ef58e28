/** Builds a pick's explanation: which seed moments its matched moment is closest to, and how close. */
import type { FragmentMoment, PickExplanation } from '../../shared/domain';
import type { TagDisplay } from '../../engine/manifest';
import type { LibraryDb } from '../db/library-db';
import type { FragmentRow } from '../db/queries/analysis';
import { closenessOf } from './closeness';

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

const groupOf = (tag: string) => tag.slice(0, Math.max(0, tag.indexOf(':')));

/** Keeps the tags of the shown groups (null: all tags, for a manifest without a display section). */
export function shownTags<T extends { tag: string }>(tags: readonly T[], groups: readonly string[] | null): T[] {
  if (groups === null) return [...tags];
  return tags.filter((t) => groups.includes(t.tag.slice(0, Math.max(0, t.tag.indexOf(':')))));
}

/** A fragment as a moment: its shown tags, a measured group's without the (meaningless) probability. */
function moment(f: FragmentRow, display: TagDisplay): FragmentMoment {
  const tags = shownTags(f.tags, display.groups).map((t) => (display.measured.includes(groupOf(t.tag)) ? { tag: t.tag } : t));
  return { trackId: f.trackId, startSec: round(f.startSec), endSec: round(f.endSec), tags };
}

function round(x: number, digits = 3): number {
  const k = 10 ** digits;
  return Math.round(x * k) / k;
}

/** Cosine distance of unit vectors. */
export function cosineDistance(a: Float32Array, b: Float32Array): number {
  return Math.max(0, 1 - dot(a, b));
}

/**
 * A pick's explanation: its moment, the `shown` closest seed moments, the distances, and the tags in common.
 * Only tags of `display.groups` appear (the manifest's shown groups; null = every stored tag). With the
 * library's pair scale (ascending song-pair scores, index-worker.ts) the ranking score is told as a
 * closeness relative to this library.
 */
export function explainPick(pick: FragmentRow, seeds: FragmentRow[], display: TagDisplay,
  ranking?: { matches: NonNullable<PickExplanation['matches']>; songSimilarity: number; scale?: ArrayLike<number> }, shown = 2): PickExplanation {
  const distances = seeds.map((s) => ({ seed: s, distance: cosineDistance(pick.vector, s.vector) }));
  const distanceSum = distances.reduce((sum, d) => sum + d.distance, 0);
  const closest = [...distances].sort((a, b) => a.distance - b.distance || a.seed.id - b.seed.id).slice(0, shown);
  const pickTags = new Set(shownTags(pick.tags, display.groups).map((t) => t.tag));
  const tagsInCommon = closest.length ? shownTags(closest[0].seed.tags, display.groups).map((t) => t.tag).filter((t) => pickTags.has(t)) : [];
  return {
    pick: moment(pick, display),
    seeds: closest.map(({ seed, distance }) => ({ ...moment(seed, display), distance: round(distance, 4) })),
    distanceSum: round(distanceSum, 4),
    distance: round(seeds.length ? distanceSum / seeds.length : 0, 4),
    tagsInCommon,
    ...(ranking ? { matches: ranking.matches, songSimilarity: round(ranking.songSimilarity, 4) } : {}),
    ...(ranking?.scale ? definedCloseness(closenessOf(ranking.songSimilarity, ranking.scale)) : {}),
  };
}

function definedCloseness(closeness: PickExplanation['closeness']): Pick<PickExplanation, 'closeness'> {
  return closeness ? { closeness } : {};
}

/**
 * The matched moment pairs the ranking found (fragment ids) as moments with their cosine distance in the
 * model's own space, closest first (the order the user reads them in), and the pick's fragment of the
 * closest pair: the moment the explanation stands on. Fragments in `known` (read together beforehand)
 * are not read again.
 */
export function matchedMoments(db: LibraryDb, pairs: { seedFragmentId: number; pickFragmentId: number }[], display: TagDisplay,
  known: ReadonlyMap<number, FragmentRow> = new Map()): { matches: NonNullable<PickExplanation['matches']>; closestPick: FragmentRow | null } {
  const loaded = pairs.flatMap((p) => {
    const seed = known.get(p.seedFragmentId) ?? db.analysis.fragment(p.seedFragmentId);
    const pick = known.get(p.pickFragmentId) ?? db.analysis.fragment(p.pickFragmentId);
    return seed && pick ? [{ seed, pick, distance: round(cosineDistance(seed.vector, pick.vector), 4) }] : [];
  }).sort((a, b) => a.distance - b.distance || a.pick.id - b.pick.id);
  return {
    matches: loaded.map((m) => ({ seed: moment(m.seed, display), pick: moment(m.pick, display), distance: m.distance })),
    closestPick: loaded[0]?.pick ?? null,
  };
}
