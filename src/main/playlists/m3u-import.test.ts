import { describe, expect, it } from 'vitest';
import { parseM3u } from './m3u';
import { matchEntries } from './m3u-import';

const library = [
  { id: 1, path: '/music/Band/Album/01 one.mp3' },
  { id: 2, path: '/music/Band/Album/02 two.flac' },
  { id: 3, path: '/music/Other/Album/01 one.mp3' },
];

describe('matchEntries', () => {
  it('matches absolute entries exactly and lists the rest as written', () => {
    const entries = parseM3u('/music/Band/Album/02 two.flac\n/gone.mp3\nhttp://radio.example/s\n', '/lists/x.m3u');
    expect(matchEntries(entries, library)).toEqual({ trackIds: [2], missing: ['/gone.mp3', 'http://radio.example/s'] });
  });

  it('matches a relative entry of an uploaded file by its tail when exactly one library file ends so', () => {
    const entries = parseM3u('Album/02 two.flac\n./Band/Album/01 one.mp3\nAlbum/01 one.mp3\n../Album/02 two.flac\nnone.mp3\n', null);
    // "Album/01 one.mp3" ends two library paths: ambiguous, so it is listed, not guessed.
    expect(matchEntries(entries, library)).toEqual({
      trackIds: [2, 1],
      missing: ['Album/01 one.mp3', '../Album/02 two.flac', 'none.mp3'],
    });
  });
});
