import { describe, expect, it } from 'vitest';
import { seedFor, seedLabel, startingMessage } from './radio-seed';

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
