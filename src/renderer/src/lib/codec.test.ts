import { describe, it, expect } from 'vitest';
import { shortCodec } from './codec';

describe('shortCodec', () => {
  it('shortens the names tag readers report', () => {
    expect(shortCodec('MPEG 1 Layer 3')).toBe('MP3');
    expect(shortCodec('MPEG-4/AAC')).toBe('AAC');
    expect(shortCodec('MPEG-4/ALAC')).toBe('ALAC');
    expect(shortCodec('FLAC')).toBe('FLAC');
    expect(shortCodec('opus')).toBe('Opus');
    expect(shortCodec('Vorbis I')).toBe('Vorbis');
    expect(shortCodec('PCM')).toBe('PCM');
  });
  it('keeps unknown names and blanks missing ones', () => {
    expect(shortCodec('WavPack')).toBe('WavPack');
    expect(shortCodec(null)).toBe('');
  });
});
