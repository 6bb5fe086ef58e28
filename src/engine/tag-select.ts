/**
 * Which tags a fragment keeps from the encoder's probabilities. A manifest with `display` names the
 * groups that may be shown as facts, each a set of exclusive classes: one tag per group, its most
 * probable. An older manifest keeps the top k over the whole vocabulary.
 */
import type { ModelManifest } from './manifest';

export interface TagScore {
  tag: string;
  p: number;
}

/** The shown groups as vocabulary indices, in display order (each group's tags in the manifest's order). */
export type ShownGroups = readonly (readonly number[])[];

const rounded = (p: number): number => Math.round(p * 1000) / 1000;

/**
 * Resolves the manifest's shown groups to vocabulary indices once, so a fragment costs a few lookups;
 * null for a manifest without `display`. Expects a manifest that passed displayProblem (every tag of a shown group is in the vocabulary).
 */
export function shownGroupIndices(manifest: Pick<ModelManifest, 'tags' | 'tag_groups' | 'display'>): ShownGroups | null {
  if (!manifest.display) return null;
  const index = new Map(manifest.tags.map((tag, i) => [tag, i]));
  return manifest.display.groups.map((group) => (manifest.tag_groups?.[group] ?? []).map((tag) => index.get(tag) as number));
}

/** The k most probable tags of one fragment (its `count` probabilities start at `offset`). */
export function topK(probabilities: Float32Array, offset: number, count: number, vocabulary: readonly string[], k: number): TagScore[] {
  const indices = Array.from({ length: count }, (_, i) => i).sort((a, b) => probabilities[offset + b] - probabilities[offset + a]);
  return indices.slice(0, k).map((i) => ({ tag: vocabulary[i], p: rounded(probabilities[offset + i]) }));
}

/** One tag per shown group, in display order: the group's most probable (the first listed on a tie). */
export function groupArgmax(probabilities: Float32Array, offset: number, groups: ShownGroups, vocabulary: readonly string[]): TagScore[] {
  return groups.map((members) => {
    let best = members[0];
    for (const i of members) if (probabilities[offset + i] > probabilities[offset + best]) best = i;
    return { tag: vocabulary[best], p: rounded(probabilities[offset + best]) };
  });
}
