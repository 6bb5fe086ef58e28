import { describe, expect, it } from 'vitest';
import type { FragmentRow } from '../db/queries/analysis';
import { explainPick, shownTags } from './explain';

const row = (id: number, trackId: number, vector: number[], tags: string[]): FragmentRow => ({
  id, trackId, startSec: id * 5, endSec: id * 5 + 5, vector: Float32Array.from(vector), tags: tags.map((tag) => ({ tag, p: 0.9 })),
});

describe('shownTags', () => {
  it('keeps only the shown groups, and every tag when the manifest has no display section', () => {
    const tags = [{ tag: 'family:gospel', p: 0.7 }, { tag: 'brightness:dark', p: 0.8 }, { tag: 'untagged', p: 0.5 }];
    expect(shownTags(tags, ['brightness']).map((t) => t.tag)).toEqual(['brightness:dark']);
    expect(shownTags(tags, []).map((t) => t.tag)).toEqual([]);
    expect(shownTags(tags, null)).toEqual(tags);
  });
});

describe('explainPick', () => {
  // Tags stored under an earlier display rule for the same model must not reach the why-panel.
  const pick = row(1, 10, [1, 0], ['family:gospel', 'brightness:dark', 'tempo:fast']);
  const seeds = [row(2, 20, [0.6, 0.8], ['family:gospel', 'brightness:dark', 'tempo:slow']), row(3, 20, [0, 1], ['family:jazz'])];

  it('shows only the shown groups in moments and tags in common', () => {
    const e = explainPick(pick, seeds, { groups: ['brightness', 'tempo'], measured: [] });
    expect(e.pick.tags.map((t) => t.tag)).toEqual(['brightness:dark', 'tempo:fast']);
    expect(e.seeds[0].tags.map((t) => t.tag)).toEqual(['brightness:dark', 'tempo:slow']);
    expect(e.tagsInCommon).toEqual(['brightness:dark']);
    expect(e.seeds.map((s) => s.startSec)).toEqual([10, 15]);
    expect(e.seeds[0].distance).toBeCloseTo(0.4, 4);
  });

  it('shows no tags when no group is shown, and all of them for an older manifest', () => {
    expect(explainPick(pick, seeds, { groups: [], measured: [] }).tagsInCommon).toEqual([]);
    expect(explainPick(pick, seeds, { groups: [], measured: [] }).pick.tags).toEqual([]);
    expect(explainPick(pick, seeds, { groups: null, measured: [] }).tagsInCommon).toEqual(['family:gospel', 'brightness:dark']);
  });

  it('gives a measured group without a probability (a measurement is a fact, not a guess), a predicted one with it', () => {
    const e = explainPick(pick, seeds, { groups: ['brightness', 'tempo'], measured: ['brightness'] });
    expect(e.pick.tags).toEqual([{ tag: 'brightness:dark' }, { tag: 'tempo:fast', p: 0.9 }]);
    expect(e.tagsInCommon).toEqual(['brightness:dark']);
  });
});

describe('explainPick closeness', () => {
  const pick = row(1, 10, [1, 0], []);
  const seeds = [row(2, 20, [0.6, 0.8], [])];
  const scale = Float32Array.from({ length: 100 }, (_, i) => i / 100);

  it('tells the ranking score against the library pair scale', () => {
    const e = explainPick(pick, seeds, { groups: [], measured: [] }, { matches: [], songSimilarity: 0.975, scale });
    expect(e.closeness).toEqual({ percentile: 98, words: 'very close', pairs: 100 });
    const far = explainPick(pick, seeds, { groups: [], measured: [] }, { matches: [], songSimilarity: 0.3, scale });
    expect(far.closeness?.words).toBe('far');
  });

  it('has no closeness without a scale (or with an empty one)', () => {
    expect(explainPick(pick, seeds, { groups: [], measured: [] }, { matches: [], songSimilarity: 0.9 }).closeness).toBeUndefined();
    expect('closeness' in explainPick(pick, seeds, { groups: [], measured: [] }, { matches: [], songSimilarity: 0.9, scale: [] })).toBe(false);
  });
});
