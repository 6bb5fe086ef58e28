import { describe, expect, it } from 'vitest';
import { m3uFileName, missingSummary, moveEntry, queuePlaylistName, removeEntry, uniqueName } from './playlist-edit';

describe('moveEntry', () => {
  it('moves an entry up and down', () => {
    expect(moveEntry([1, 2, 3, 4], 0, 2)).toEqual([2, 3, 1, 4]);
    expect(moveEntry([1, 2, 3, 4], 3, 1)).toEqual([1, 4, 2, 3]);
    expect(moveEntry([1, 2, 3], 1, 0)).toEqual([2, 1, 3]);
  });

  it('keeps the list as it is when the move goes nowhere', () => {
    expect(moveEntry([1, 2], 0, 0)).toEqual([1, 2]);
    expect(moveEntry([1, 2], -1, 0)).toEqual([1, 2]);
    expect(moveEntry([1, 2], 0, 2)).toEqual([1, 2]);
  });
});

describe('removeEntry', () => {
  it('removes only the one entry of a track that is there twice', () => {
    expect(removeEntry([5, 6, 5], 2)).toEqual([5, 6]);
    expect(removeEntry([5, 6, 5], 0)).toEqual([6, 5]);
  });
});

describe('words and names', () => {
  it('says how many entries were missing', () => {
    expect(missingSummary(1)).toBe('1 entry was not in your library');
    expect(missingSummary(3)).toBe('3 entries were not in your library');
  });

  it('makes a safe .m3u8 file name', () => {
    expect(m3uFileName('Road trip')).toBe('Road trip.m3u8');
    expect(m3uFileName('AC/DC: best?')).toBe('AC DC best.m3u8');
    expect(m3uFileName('...')).toBe('playlist.m3u8');
  });

  it('picks a name no playlist has', () => {
    expect(uniqueName('New playlist', [])).toBe('New playlist');
    expect(uniqueName('New playlist', ['new playlist', 'New playlist 2'])).toBe('New playlist 3');
  });

  it('names a saved queue after its radio', () => {
    expect(queuePlaylistName(['Blue'], new Date(2026, 0, 5))).toBe('Radio: Blue');
    expect(queuePlaylistName(['A', 'B'], new Date(2026, 0, 5))).toBe('Radio: A & B');
    expect(queuePlaylistName(['A', 'B', 'C'], new Date(2026, 0, 5))).toBe('Radio: A + 2 more');
    expect(queuePlaylistName([], new Date(2026, 0, 5))).toBe('Queue Jan 5');
  });
});
