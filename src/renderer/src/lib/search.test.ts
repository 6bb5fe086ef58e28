import { describe, it, expect } from 'vitest';
import { buildHaystack, filterOrder, isRefinement, matchesAll, parseQuery } from './search';
import { makeTrack } from './test-tracks';

describe('parseQuery', () => {
  it('splits on whitespace, lower-cases, strips accents and drops duplicates', () => {
    expect(parseQuery('  Beyoncé   HALO halo ')).toEqual(['beyonce', 'halo']);
    expect(parseQuery('   ')).toEqual([]);
  });
});

describe('buildHaystack / matchesAll', () => {
  const hay = buildHaystack(makeTrack({ title: 'Halo', artist: 'Beyoncé', album: 'I Am... Sasha Fierce', genre: 'R&B' }));

  it('matches every word in any field (AND)', () => {
    expect(matchesAll(hay, parseQuery('beyonce halo'))).toBe(true);
    expect(matchesAll(hay, parseQuery('sasha r&b'))).toBe(true);
    expect(matchesAll(hay, parseQuery('halo metallica'))).toBe(false);
  });

  it('does not match a word spanning two fields', () => {
    // "halobey" would appear if fields were glued together without a separator.
    expect(matchesAll(hay, ['halobey'])).toBe(false);
  });

  it('searches the album artist too and ignores null fields', () => {
    const h = buildHaystack(makeTrack({ title: 'X', albumArtist: 'Various Artists' }));
    expect(matchesAll(h, ['various'])).toBe(true);
    expect(h).not.toContain('null');
  });
});

describe('filterOrder', () => {
  const tracks = [
    makeTrack({ title: 'Alpha', artist: 'Cat' }),
    makeTrack({ title: 'Beta', artist: 'Dog' }),
    makeTrack({ title: 'Gamma', artist: 'Cat' }),
  ];
  const hays = tracks.map(buildHaystack);

  it('keeps the given order and only matching entries', () => {
    expect(filterOrder([2, 1, 0], hays, ['cat'])).toEqual([2, 0]);
    expect(filterOrder([2, 1, 0], hays, [])).toEqual([2, 1, 0]);
  });

  it('is fast enough at 50,000 tracks', () => {
    const many = Array.from({ length: 50_000 }, (_, i) =>
      buildHaystack(makeTrack({ title: `Song ${i}`, artist: `Artist ${i % 500}`, album: `Album ${i % 4000}` })));
    const order = many.map((_, i) => i);
    const start = performance.now();
    const hits = filterOrder(order, many, parseQuery('artist 42 song'));
    const ms = performance.now() - start;
    expect(hits.length).toBeGreaterThan(0);
    expect(ms).toBeLessThan(200);
  });
});

describe('isRefinement', () => {
  it('is true when typing more letters or adding words', () => {
    expect(isRefinement(['ab'], ['abc'])).toBe(true);
    expect(isRefinement(['ab'], ['ab', 'c'])).toBe(true);
    expect(isRefinement([], ['x'])).toBe(true);
  });
  it('is false when a word was removed or changed', () => {
    expect(isRefinement(['abc'], ['ab'])).toBe(false);
    expect(isRefinement(['ab', 'c'], ['ab'])).toBe(false);
    expect(isRefinement(['ab'], ['xy'])).toBe(false);
  });
});
