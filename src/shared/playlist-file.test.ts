import { describe, expect, it } from 'vitest';
import { checkPlaylistFile, checkPlaylistName, decodePlaylistBytes, PLAYLIST_FILE_LIMITS } from './playlist-file';

describe('playlist file checks', () => {
  it('takes .m3u and .m3u8 names (any case, any folder) and refuses others, saying what to choose', () => {
    expect(checkPlaylistName('Road trip.M3U8')).toBe('Road trip.M3U8');
    expect(checkPlaylistName('/home/me/mix.m3u')).toBe('mix.m3u');
    for (const name of ['/etc/passwd', 'run.sh', 'notes.txt', '.m3u', 'mix.m3u8.sh', '', 'm3u']) {
      expect(() => checkPlaylistName(name), name).toThrow(/playlist/);
    }
  });

  it('takes playlist text and refuses binary, oversized or path-less content', () => {
    const text = '#EXTM3U\n#EXTINF:10,A - B\n/music/a.mp3\r\nrel/b.flac\n';
    expect(checkPlaylistFile({ name: 'x.m3u8', text })).toEqual({ name: 'x.m3u8', text });
    expect(checkPlaylistFile({ name: 'x.m3u8', text: '\uFEFF#EXTM3U\n' }).name).toBe('x.m3u8');
    expect(() => checkPlaylistFile({ name: 'x.m3u8', text: '#EXTM3U\n\u0000\u0001ELF' })).toThrow(/binary/);
    expect(() => checkPlaylistFile({ name: 'x.m3u8', text: 'a'.repeat(PLAYLIST_FILE_LIMITS.maxBytes + 1) })).toThrow(/more than a playlist file can be/);
    expect(() => checkPlaylistFile({ name: 'x.m3u', text: `/${'a'.repeat(PLAYLIST_FILE_LIMITS.maxLineChars)}` })).toThrow(/longer than any file path/);
    expect(() => checkPlaylistFile({ name: '/etc/passwd', text: 'root:x:0:0' })).toThrow(/not a playlist file/);
    for (const bad of [null, 'x.m3u', { name: 'x.m3u' }, { name: 1, text: '' }]) expect(() => checkPlaylistFile(bad), String(bad)).toThrow();
  });

  it('reads UTF-8, and an older .m3u in Windows-1252; an .m3u8 must be UTF-8', () => {
    const utf8 = new TextEncoder().encode('/music/Café.mp3\n');
    expect(decodePlaylistBytes('x.m3u8', utf8)).toBe('/music/Café.mp3\n');
    const latin = Uint8Array.from([0x2f, 0x43, 0x61, 0x66, 0xe9, 0x2e, 0x6d, 0x70, 0x33]);
    expect(decodePlaylistBytes('x.m3u', latin)).toBe('/Café.mp3');
    expect(() => decodePlaylistBytes('x.m3u8', latin)).toThrow(/UTF-8/);
    expect(() => decodePlaylistBytes('x.m3u', new Uint8Array(PLAYLIST_FILE_LIMITS.maxBytes + 1))).toThrow(/MiB/);
  });
});
