import { describe, expect, it } from 'vitest';
import { containerKind, id3v2Size, sniffAudio } from './audio-check';

/** MPEG-1 Layer III, 128 kbit/s, 44.1 kHz, no padding: 417-byte frames. */
const MP3_HEADER = [0xff, 0xfb, 0x90, 0x00];
const MP3_FRAME = 417;

function frames(header: number[], length: number, count: number, offset = 0): Uint8Array {
  const b = new Uint8Array(offset + length * count + 16);
  for (let n = 0; n < count; n++) b.set(header, offset + n * length);
  return b;
}

/** Deterministic noise. */
function noise(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0;
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

describe('sniffAudio', () => {
  it('knows containers by their magic', () => {
    const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
    expect(sniffAudio(ascii('fLaC\0\0\0\x22'))).toBe('flac');
    expect(sniffAudio(ascii('OggS\0\x02'))).toBe('ogg');
    expect(sniffAudio(ascii('RIFF\x24\0\0\0WAVEfmt '))).toBe('wav');
    expect(sniffAudio(ascii('\0\0\0\x20ftypM4A '))).toBe('mp4');
  });

  it('takes a chain of MPEG frames, even after some padding, as MPEG audio', () => {
    expect(sniffAudio(frames(MP3_HEADER, MP3_FRAME, 3))).toBe('mpeg');
    expect(sniffAudio(frames(MP3_HEADER, MP3_FRAME, 3, 100))).toBe('mpeg');
  });

  it('takes a chain of ADTS frames as AAC', () => {
    // 44.1 kHz (index 4), frame length 200 in bits 30-42.
    const length = 200;
    const header = [0xff, 0xf1, 0x50, 0x80 | ((length >> 11) & 3), (length >> 3) & 0xff, ((length & 7) << 5) | 0x1f, 0xfc];
    expect(sniffAudio(frames(header, length, 3))).toBe('adts');
  });

  it('does not take one lone frame header, or frames that do not chain, for audio', () => {
    expect(sniffAudio(frames(MP3_HEADER, MP3_FRAME, 1))).toBeNull();
    expect(sniffAudio(frames(MP3_HEADER, MP3_FRAME + 3, 3))).toBeNull();
  });

  it('finds nothing in noise', () => {
    for (const seed of [1, 12345, 0x5eed, 0xbad]) expect(sniffAudio(noise(64 * 1024, seed))).toBeNull();
  });
});

describe('id3v2Size', () => {
  it('reads the syncsafe size of a leading ID3v2 tag, with its footer', () => {
    expect(id3v2Size(Uint8Array.from([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0x02, 0x01]))).toBe(10 + 257);
    expect(id3v2Size(Uint8Array.from([0x49, 0x44, 0x33, 4, 0, 0x10, 0, 0, 0, 0x0a]))).toBe(30);
    expect(id3v2Size(Uint8Array.from([0xff, 0xfb, 0x90, 0, 0, 0, 0, 0, 0, 0]))).toBe(0);
  });
});

describe('containerKind', () => {
  it('maps the tag reader container names to kinds', () => {
    expect(containerKind('MPEG')).toBe('mpeg');
    expect(containerKind('ADTS/MPEG-2')).toBe('adts');
    expect(containerKind('FLAC')).toBe('flac');
    expect(containerKind('Ogg')).toBe('ogg');
    expect(containerKind('WAVE')).toBe('wav');
    expect(containerKind('M4A/isom/iso2')).toBe('mp4');
    expect(containerKind(undefined)).toBeNull();
  });
});
