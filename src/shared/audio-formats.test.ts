import { describe, expect, it } from 'vitest';
import { AUDIO_EXTENSIONS, audioMimeType, extensionOf, isAudioPath } from './audio-formats';

describe('audio formats', () => {
  it('finds the lower-case extension of a path or name', () => {
    expect(extensionOf('/m/Song.MP3')).toBe('.mp3');
    expect(extensionOf('C:\\m\\a.Flac')).toBe('.flac');
    expect(extensionOf('/m.d/noext')).toBe('');
    expect(extensionOf('.mp3')).toBe(''); // a hidden file named ".mp3" has no extension
    expect(extensionOf('/m/x.tar.gz')).toBe('.gz');
  });

  it('knows every format the scanner reads', () => {
    for (const ext of ['.mp3', '.flac', '.ogg', '.opus', '.m4a', '.wav']) expect(AUDIO_EXTENSIONS).toContain(ext);
    expect(isAudioPath('/m/a.opus')).toBe(true);
    expect(isAudioPath('/m/cover.jpg')).toBe(false);
    expect(isAudioPath('/m/x.mp3/')).toBe(false);
  });

  it('gives each format the MIME type a browser plays, and octet-stream otherwise', () => {
    expect(audioMimeType('a.mp3')).toBe('audio/mpeg');
    expect(audioMimeType('a.FLAC')).toBe('audio/flac');
    expect(audioMimeType('a.m4a')).toBe('audio/mp4');
    expect(audioMimeType('a.opus')).toMatch(/^audio\/ogg/);
    expect(audioMimeType('a.txt')).toBe('application/octet-stream');
  });
});
