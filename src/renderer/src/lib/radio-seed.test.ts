import { describe, expect, it } from 'vitest';
import { coverageText, relaxedRulesText, seedFor, seedLabel, startingMessage } from './radio-seed';

describe('radio seeds', () => {
  it('makes a one-song or a multi-song seed', () => {
    expect(seedFor([])).toBeNull();
    expect(seedFor([4])).toEqual({ kind: 'track', trackId: 4 });
    expect(seedFor([4, 5, 4])).toEqual({ kind: 'tracks', trackIds: [4, 5] });
  });
  it('names the seed', () => {
    expect(seedLabel(['Blue'])).toBe('“Blue”');
    expect(seedLabel(['Blue', 'Red'])).toBe('“Blue” and “Red”');
    expect(seedLabel(['Blue', 'Red', 'Green'])).toBe('“Blue” and 2 other songs');
  });
  it('says when it listens first', () => {
    expect(startingMessage('“Blue”', true)).toBe('Listening to “Blue” first…');
    expect(startingMessage('“Blue”', false)).toBe('Finding songs that sound like “Blue”…');
  });
});

describe('relaxedRulesText / coverageText', () => {
  it('says which rules the radio relaxed, and nothing when every rule held', () => {
    expect(relaxedRulesText([])).toBe('');
    expect(relaxedRulesText(undefined)).toBe('');
    expect(relaxedRulesText(['artist-gap'])).toBe('Few other songs to choose from: artists repeat.');
    expect(relaxedRulesText(['artist-gap', 'same-song'])).toBe('Few other songs to choose from: artists repeat and other versions of a queued song play too.');
  });

  it('says how much of the library the radio heard, until it heard all of it', () => {
    expect(coverageText({ analysed: 12, total: 158 })).toMatch(/^12 of 158 songs analysed so far/);
    expect(coverageText({ analysed: 158, total: 158 })).toBe('');
    expect(coverageText(undefined)).toBe('');
  });
});
