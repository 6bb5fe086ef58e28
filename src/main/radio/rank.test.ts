import { describe, expect, it } from 'vitest';
import { bestPerTrack, selectPicks, selectPicksRelaxing, songKey, spreadSample, titleKey, type Candidate } from './rank';

const cand = (trackId: number, score: number, artist: string, title = `song ${trackId}`): Candidate => ({
  trackId, fragmentId: trackId * 100, score, artist, titleKey: titleKey(title, artist),
});

describe('bestPerTrack', () => {
  it("keeps each song's best fragment, drops excluded songs, and orders by score then id", () => {
    const out = bestPerTrack([
      { fragmentId: 1, trackId: 10, score: 0.5 },
      { fragmentId: 2, trackId: 10, score: 0.9 },
      { fragmentId: 3, trackId: 11, score: 0.9 },
      { fragmentId: 4, trackId: 12, score: 0.95 },
    ], new Set([12]));
    expect(out.map((h) => [h.trackId, h.fragmentId])).toEqual([[10, 2], [11, 3]]);
  });
});

describe('titleKey', () => {
  it('treats live, remastered and bracketed versions as one song of one artist', () => {
    const base = titleKey('Open Road', 'The Demo Rockers');
    expect(titleKey('Open Road (Live)', 'The Demo Rockers')).toBe(base);
    expect(titleKey('Open Road - 2011 Remaster', 'the demo rockers')).toBe(base);
    expect(titleKey('Open Road [Demo]', 'The Demo Rockers')).toBe(base);
    expect(titleKey('Open Road', 'Another Band')).not.toBe(base);
  });
});

describe('songKey', () => {
  it('is the title and artist for a tagged track, and the track itself without an artist', () => {
    expect(songKey({ id: 1, title: 'Open Road (Live)', artist: 'The Demo Rockers' })).toBe(titleKey('Open Road', 'The Demo Rockers'));
    expect(songKey({ id: 1, title: 'Pingus - Level', artist: null })).not.toBe(songKey({ id: 2, title: 'Pingus - Level', artist: null }));
    expect(songKey({ id: 3, title: 'X', artist: '  ' })).toBe(songKey({ id: 3, title: 'Y', artist: null }));
  });
});

describe('selectPicks', () => {
  const base = { count: 3, adventure: 0, artistGap: 2, recentArtists: [], usedTitleKeys: new Set<string>() };

  it('picks by score when close, never repeating an artist within the gap', () => {
    const picks = selectPicks([cand(1, 0.9, 'A'), cand(2, 0.8, 'A'), cand(3, 0.7, 'B'), cand(4, 0.6, 'C'), cand(5, 0.5, 'A')], base);
    expect(picks.map((p) => p.trackId)).toEqual([1, 3, 4]);
  });

  it("keeps the seed's artist out of the first picks", () => {
    const picks = selectPicks([cand(1, 0.9, 'S'), cand(2, 0.8, 'B'), cand(3, 0.7, 'C'), cand(4, 0.6, 'S')], { ...base, recentArtists: ['S'] });
    // S is barred while it is among the last two artists heard; after B and C it may come back.
    expect(picks.map((p) => p.trackId)).toEqual([2, 3, 1]);
  });

  it('never queues a second version of a song', () => {
    const picks = selectPicks([cand(1, 0.9, 'A', 'Hit'), cand(2, 0.8, 'A', 'Hit (Live)'), cand(3, 0.7, 'B'), cand(4, 0.6, 'C')], { ...base, artistGap: 0 });
    expect(picks.map((p) => p.trackId)).toEqual([1, 3, 4]);
  });

  it('has no artist rule with a gap of 0, not even for the seed artist', () => {
    const picks = selectPicks([cand(1, 0.9, 'S'), cand(2, 0.8, 'S'), cand(3, 0.7, 'B')], { ...base, artistGap: 0, recentArtists: ['S'] });
    expect(picks.map((p) => p.trackId)).toEqual([1, 2, 3]);
  });

  it('returns fewer picks rather than break the artist rule', () => {
    const picks = selectPicks([cand(1, 0.9, 'A'), cand(2, 0.8, 'A'), cand(3, 0.7, 'A')], base);
    expect(picks.map((p) => p.trackId)).toEqual([1]);
  });

  it('spreads picks apart when adventurous', () => {
    const v = (...x: number[]) => Float32Array.from(x);
    const near = [cand(1, 0.90, 'A'), cand(2, 0.89, 'B'), cand(3, 0.70, 'C')];
    near[0].vector = v(1, 0);
    near[1].vector = v(1, 0); // the same sound as the first pick
    near[2].vector = v(0, 1); // a different sound, a little further from the seed
    const close = selectPicks(near, { ...base, count: 2, artistGap: 0 });
    const varied = selectPicks(near, { ...base, count: 2, artistGap: 0, adventure: 1 });
    expect(close.map((p) => p.trackId)).toEqual([1, 2]);
    expect(varied.map((p) => p.trackId)).toEqual([1, 3]);
  });

  it('is deterministic', () => {
    const list = [cand(3, 0.5, 'C'), cand(1, 0.5, 'A'), cand(2, 0.5, 'B')];
    const sorted = bestPerTrack(list, new Set()).map((h) => list.find((c) => c.trackId === h.trackId) as Candidate);
    expect(selectPicks(sorted, base).map((p) => p.trackId)).toEqual([1, 2, 3]);
  });
});

describe('selectPicksRelaxing', () => {
  const base = { count: 3, adventure: 0, artistGap: 2, recentArtists: ['A'], usedTitleKeys: new Set<string>() };

  it('keeps every rule when they can be kept', () => {
    expect(selectPicksRelaxing([cand(1, 0.9, 'B'), cand(2, 0.8, 'C'), cand(3, 0.7, 'D')], base)).toMatchObject({ relaxed: [] });
  });

  it('fills the queue from a one-artist library by relaxing the artist gap first, and says so', () => {
    const { picks, relaxed } = selectPicksRelaxing([cand(1, 0.9, 'A'), cand(2, 0.8, 'A'), cand(3, 0.7, 'A'), cand(4, 0.6, 'A')], base);
    expect(picks.map((p) => p.trackId)).toEqual([1, 2, 3]);
    expect(relaxed).toEqual(['artist-gap']);
  });

  it('keeps the picks the rules allowed in front, then fills in score order', () => {
    const { picks, relaxed } = selectPicksRelaxing([cand(1, 0.9, 'A'), cand(2, 0.8, 'B'), cand(3, 0.7, 'B')], base);
    expect(picks.map((p) => p.trackId)).toEqual([2, 1, 3]);
    expect(relaxed).toEqual(['artist-gap']);
  });

  it('relaxes "no other version of a queued song" only when the artist gap was not enough, never repeating a track', () => {
    const { picks, relaxed } = selectPicksRelaxing([cand(1, 0.9, 'A', 'Hit'), cand(2, 0.8, 'A', 'Hit (Live)'), cand(3, 0.7, 'A', 'Hit (Demo)')], base);
    expect(picks.map((p) => p.trackId)).toEqual([1, 2, 3]);
    expect(relaxed).toEqual(['artist-gap', 'same-song']);
    expect(selectPicksRelaxing([cand(1, 0.9, 'A')], base).picks).toHaveLength(1);
  });
});

describe('spreadSample', () => {
  it('takes evenly spaced items', () => {
    expect(spreadSample([0, 1, 2, 3, 4, 5, 6, 7], 4)).toEqual([0, 2, 4, 6]);
    expect(spreadSample([1, 2], 4)).toEqual([1, 2]);
  });
});
