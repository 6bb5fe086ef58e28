import { describe, expect, it } from 'vitest';
import { groupArgmax, shownGroupIndices, topK } from './tag-select';

const vocabulary = ['family:rock', 'tempo:fast', 'tempo:medium', 'tempo:slow', 'mode:major', 'mode:minor', 'brightness:dark', 'brightness:balanced', 'brightness:bright'];
const tag_groups = {
  family: ['family:rock'],
  tempo: ['tempo:fast', 'tempo:medium', 'tempo:slow'],
  mode: ['mode:major', 'mode:minor'],
  brightness: ['brightness:dark', 'brightness:balanced', 'brightness:bright'],
};

describe('shownGroupIndices', () => {
  it('resolves the shown groups to vocabulary indices, in display order', () => {
    const display = { groups: ['brightness', 'tempo', 'mode'], map_colour_group: 'brightness' };
    expect(shownGroupIndices({ tags: vocabulary, tag_groups, display })).toEqual([[6, 7, 8], [1, 2, 3], [4, 5]]);
  });
  it('is null without display (an older manifest) and empty when no group is shown', () => {
    expect(shownGroupIndices({ tags: vocabulary, tag_groups })).toBeNull();
    expect(shownGroupIndices({ tags: vocabulary, tag_groups, display: { groups: [], map_colour_group: null } })).toEqual([]);
  });
});

describe('groupArgmax', () => {
  const groups = shownGroupIndices({ tags: vocabulary, tag_groups, display: { groups: ['brightness', 'tempo', 'mode'], map_colour_group: 'tempo' } })!;
  //                 rock  fast  med   slow  maj   min   dark  bal   bright
  const fragmentA = [0.99, 0.1, 0.7, 0.2, 0.4, 0.45, 0.05, 0.3, 0.6];
  const fragmentB = [0.01, 0.5, 0.2, 0.1, 0.9, 0.2, 0.8, 0.1, 0.1];

  it('keeps each shown group\'s most probable tag, one per group in display order, never a hidden group\'s', () => {
    const probabilities = Float32Array.from([...fragmentA, ...fragmentB]);
    expect(groupArgmax(probabilities, 0, groups, vocabulary)).toEqual([
      { tag: 'brightness:bright', p: 0.6 }, { tag: 'tempo:medium', p: 0.7 }, { tag: 'mode:minor', p: 0.45 },
    ]);
    // The second fragment of the batch starts one vocabulary further on.
    expect(groupArgmax(probabilities, vocabulary.length, groups, vocabulary)).toEqual([
      { tag: 'brightness:dark', p: 0.8 }, { tag: 'tempo:fast', p: 0.5 }, { tag: 'mode:major', p: 0.9 },
    ]);
  });

  it('breaks a tie towards the class the manifest lists first, and rounds p to three decimals', () => {
    const probabilities = Float32Array.from([0, 0.25, 0.25, 0.1, 0.123456, 0.1, 0.2, 0.2, 0.2]);
    expect(groupArgmax(probabilities, 0, groups, vocabulary)).toEqual([
      { tag: 'brightness:dark', p: 0.2 }, { tag: 'tempo:fast', p: 0.25 }, { tag: 'mode:major', p: 0.123 },
    ]);
  });

  it('keeps nothing when no group is shown', () => {
    expect(groupArgmax(Float32Array.from(fragmentA), 0, [], vocabulary)).toEqual([]);
  });
});

describe('topK (manifests without display)', () => {
  it('keeps the k most probable tags over the whole vocabulary, most probable first', () => {
    const probabilities = Float32Array.from([0.5, 0.99, 0.7, 0.2, 0.4, 0.45, 0.05, 0.3, 0.6]);
    expect(topK(probabilities, 0, vocabulary.length, vocabulary, 3)).toEqual([
      { tag: 'tempo:fast', p: 0.99 }, { tag: 'tempo:medium', p: 0.7 }, { tag: 'brightness:bright', p: 0.6 },
    ]);
  });
});
