import { describe, expect, it } from 'vitest';
import { formatM3u, parseM3u } from './m3u';

describe('parseM3u', () => {
  it('resolves relative, absolute and file:// entries and skips comments and streams', () => {
    const text = '\uFEFF#EXTM3U\r\n#EXTINF:123,Band - Song\r\nalbum/01 song.mp3\r\n/music/x.flac\r\nfile:///music/a%20b.ogg\r\nhttp://radio.example/stream\r\n\r\n';
    expect(parseM3u(text, '/lists/mix.m3u8')).toEqual([
      { entry: 'album/01 song.mp3', path: '/lists/album/01 song.mp3', relative: null },
      { entry: '/music/x.flac', path: '/music/x.flac', relative: null },
      { entry: 'file:///music/a%20b.ogg', path: '/music/a b.ogg', relative: null },
      { entry: 'http://radio.example/stream', path: null, relative: null },
    ]);
  });

  it('keeps relative entries as written when the playlist came without a folder (a browser upload)', () => {
    expect(parseM3u('#EXTM3U\nalbum\\01 song.mp3\n/music/x.flac\n', null)).toEqual([
      { entry: 'album\\01 song.mp3', path: null, relative: 'album/01 song.mp3' },
      { entry: '/music/x.flac', path: '/music/x.flac', relative: null },
    ]);
  });
});

describe('formatM3u', () => {
  it('writes #EXTINF lines and relative paths below the playlist folder, absolute ones elsewhere', () => {
    const text = formatM3u([
      { path: '/music/a/1.mp3', durationSec: 61.6, artist: 'Band', title: 'One' },
      { path: '/elsewhere/2.flac', durationSec: null, artist: null, title: 'Two' },
    ], '/music/list.m3u');
    expect(text).toBe('#EXTM3U\n#EXTINF:62,Band - One\na/1.mp3\n#EXTINF:-1,Two\n/elsewhere/2.flac\n');
    // and it reads back to the same files
    expect(parseM3u(text, '/music/list.m3u').map((e) => e.path)).toEqual(['/music/a/1.mp3', '/elsewhere/2.flac']);
  });
});
