import { describe, it, expect } from 'vitest';
import type { Track } from '../../../shared/domain';
import { nextSort, sortKeysFor, sortOrder, type SortSpec } from './sort';
import { makeTrack } from './test-tracks';

function titles(tracks: Track[], spec: SortSpec): string[] {
  return sortOrder(tracks, sortKeysFor(tracks), spec).map((i) => tracks[i].title);
}

describe('sortOrder', () => {
  const tracks = [
    makeTrack({ title: 'b2', artist: 'Zed', album: 'B', discNo: 1, trackNo: 2, year: 2001 }),
    makeTrack({ title: 'a2', artist: 'abba', album: 'A', discNo: 2, trackNo: 1, year: 1999 }),
    makeTrack({ title: 'a1', artist: 'Abba', album: 'A', discNo: 1, trackNo: 5, year: 1999 }),
    makeTrack({ title: 'b1', artist: 'Zed', album: 'B', discNo: 1, trackNo: 1, year: null }),
    makeTrack({ title: 'none', artist: null, album: null }),
  ];

  it('sorts by artist case-insensitively, then album, disc and track; empty last', () => {
    expect(titles(tracks, { column: 'artist', direction: 'asc' })).toEqual(['a1', 'a2', 'b1', 'b2', 'none']);
  });

  it('reverses only the primary key when descending, keeping empty last and album order', () => {
    expect(titles(tracks, { column: 'artist', direction: 'desc' })).toEqual(['b1', 'b2', 'a1', 'a2', 'none']);
  });

  it('sorts numbers with nulls last', () => {
    expect(titles(tracks, { column: 'year', direction: 'asc' })).toEqual(['a1', 'a2', 'b2', 'b1', 'none']);
    expect(titles(tracks, { column: 'year', direction: 'desc' })).toEqual(['b2', 'a1', 'a2', 'b1', 'none']);
  });

  it('is stable for rows that are equal on every key', () => {
    const same = [1, 2, 3, 4].map((id) => makeTrack({ id, title: 'Same', artist: 'X' }));
    const order = sortOrder(same, sortKeysFor(same), { column: 'title', direction: 'desc' });
    expect(order).toEqual([0, 1, 2, 3]);
  });

  it('ignores accents when sorting titles', () => {
    const t = [makeTrack({ title: 'Zoo' }), makeTrack({ title: 'Éclair' }), makeTrack({ title: 'apple' })];
    expect(titles(t, { column: 'title', direction: 'asc' })).toEqual(['apple', 'Éclair', 'Zoo']);
  });
});

describe('nextSort', () => {
  it('flips direction on the same column and starts ascending on a new one', () => {
    expect(nextSort({ column: 'title', direction: 'asc' }, 'title')).toEqual({ column: 'title', direction: 'desc' });
    expect(nextSort({ column: 'title', direction: 'desc' }, 'title')).toEqual({ column: 'title', direction: 'asc' });
    expect(nextSort({ column: 'title', direction: 'desc' }, 'year')).toEqual({ column: 'year', direction: 'asc' });
  });
});

describe('natural order', () => {
  it('sorts numbers inside text by value', () => {
    const t = [makeTrack({ title: 'Track 10' }), makeTrack({ title: 'Track 2' }), makeTrack({ title: 'Track 1' })];
    expect(titles(t, { column: 'title', direction: 'asc' })).toEqual(['Track 1', 'Track 2', 'Track 10']);
  });

  it('sorts 50,000 tracks quickly', () => {
    const many = Array.from({ length: 50_000 }, (_, i) => makeTrack({ title: `Song ${(i * 7919) % 50_000}`, artist: `Artist ${i % 700}`, album: `Album ${i % 5000}`, trackNo: i % 12 }));
    const start = performance.now();
    const order = sortOrder(many, sortKeysFor(many), { column: 'artist', direction: 'asc' });
    const ms = performance.now() - start;
    expect(many[order[0]].artist).toBe('Artist 0');
    expect(many[order[order.length - 1]].artist).toBe('Artist 699');
    expect(ms).toBeLessThan(1500);
  });
});
