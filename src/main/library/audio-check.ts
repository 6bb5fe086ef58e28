/**
 * Is this file audio at all, and of which kind? A tag reader trusts the file name and will find a
 * "frame" in any noise, so a scan checks the bytes itself: a container's magic, or a chain of MPEG/ADTS
 * frames whose lengths lead from one header to the next. What neither recognises is given to ffmpeg for
 * a short decode; bytes it cannot decode are not listed as a track.
 */
import { spawn } from 'node:child_process';
import { open } from 'node:fs/promises';

export type AudioKind = 'flac' | 'ogg' | 'wav' | 'mp4' | 'mpeg' | 'adts';

/** Bytes looked at for a container's magic or a frame chain (after any ID3v2 tag). */
const HEAD_BYTES = 64 * 1024;
/** Consecutive frames a stream must show: noise passes one header check now and then, never three chained. */
const CHAIN = 3;

const BITRATES_KBPS: Record<string, readonly number[]> = {
  '1-1': [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
  '1-2': [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
  '1-3': [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  '2-1': [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
  '2-2': [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
const SAMPLE_RATES: Record<number, readonly number[]> = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] };

/** An MPEG audio frame header at `i`: its length and what must stay the same from frame to frame. */
function mpegFrame(b: Uint8Array, i: number): { length: number; key: number } | null {
  if (i + 4 > b.length || b[i] !== 0xff || (b[i + 1] & 0xe0) !== 0xe0) return null;
  const version = (b[i + 1] >> 3) & 3; // 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5, 1: reserved
  const layer = 4 - ((b[i + 1] >> 1) & 3); // 1, 2, 3; 4 is reserved
  const bitrateIndex = b[i + 2] >> 4;
  const rateIndex = (b[i + 2] >> 2) & 3;
  if (version === 1 || layer === 4 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) return null;
  const table = BITRATES_KBPS[version === 3 ? `1-${layer}` : `2-${layer === 1 ? 1 : 2}`];
  const bitrate = table[bitrateIndex] * 1000;
  const rate = SAMPLE_RATES[version][rateIndex];
  const padding = (b[i + 2] >> 1) & 1;
  const length = layer === 1
    ? (Math.floor((12 * bitrate) / rate) + padding) * 4
    : Math.floor(((layer === 3 && version !== 3 ? 72 : 144) * bitrate) / rate) + padding;
  return { length, key: (version << 4) | (layer << 2) | rateIndex };
}

/** An ADTS (raw AAC) frame header at `i`. */
function adtsFrame(b: Uint8Array, i: number): { length: number; key: number } | null {
  if (i + 7 > b.length || b[i] !== 0xff || (b[i + 1] & 0xf6) !== 0xf0) return null;
  const rateIndex = (b[i + 2] >> 2) & 0xf;
  const length = ((b[i + 3] & 3) << 11) | (b[i + 4] << 3) | (b[i + 5] >> 5);
  if (rateIndex > 12 || length < 7) return null;
  return { length, key: rateIndex };
}

function chained(b: Uint8Array, start: number, frame: typeof mpegFrame): boolean {
  const first = frame(b, start);
  if (!first) return false;
  let at = start + first.length;
  for (let n = 1; n < CHAIN; n++) {
    const next = frame(b, at);
    if (!next || next.key !== first.key) return false;
    at += next.length;
  }
  return true;
}

/** What the bytes after any ID3v2 tag are, or null when nothing is recognised. Pure; exported for tests. */
export function sniffAudio(b: Uint8Array): AudioKind | null {
  const ascii = (from: number, to: number) => String.fromCharCode(...b.subarray(from, to));
  if (ascii(0, 4) === 'fLaC') return 'flac';
  if (ascii(0, 4) === 'OggS') return 'ogg';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WAVE') return 'wav';
  if (ascii(4, 8) === 'ftyp') return 'mp4';
  // Streams of frames may start after some padding: take the first place a whole chain starts.
  for (let i = 0; i + 4 <= b.length; i++) {
    if (b[i] !== 0xff) continue;
    if (chained(b, i, mpegFrame)) return 'mpeg';
    if (chained(b, i, adtsFrame)) return 'adts';
  }
  return null;
}

/** Size of an ID3v2 tag at the start of `b` (0 when there is none). */
export function id3v2Size(b: Uint8Array): number {
  if (b.length < 10 || b[0] !== 0x49 || b[1] !== 0x44 || b[2] !== 0x33) return 0;
  const size = ((b[6] & 0x7f) << 21) | ((b[7] & 0x7f) << 14) | ((b[8] & 0x7f) << 7) | (b[9] & 0x7f);
  return 10 + size + (b[5] & 0x10 ? 10 : 0);
}

/** Reads the start of the audio (past any ID3v2 tag, whatever its size) and tells its kind. */
export async function sniffAudioFile(path: string): Promise<AudioKind | null> {
  const handle = await open(path, 'r');
  try {
    const tag = Buffer.alloc(10);
    const { bytesRead } = await handle.read(tag, 0, 10, 0);
    const skip = id3v2Size(tag.subarray(0, bytesRead));
    const head = Buffer.alloc(HEAD_BYTES);
    const read = await handle.read(head, 0, HEAD_BYTES, skip);
    return sniffAudio(head.subarray(0, read.bytesRead));
  } finally {
    await handle.close();
  }
}

/** The family music-metadata's container name belongs to, to compare with what the bytes say. */
export function containerKind(container: string | undefined): AudioKind | null {
  const c = (container ?? '').toLowerCase();
  if (c.startsWith('mpeg')) return 'mpeg';
  if (c.includes('adts')) return 'adts';
  if (c === 'flac') return 'flac';
  if (c === 'ogg') return 'ogg';
  if (c === 'wave') return 'wav';
  if (/m4a|mp4|isom|iso\d|m4b|3gp|qt/.test(c)) return 'mp4';
  return null;
}

/** The MIME type that makes music-metadata read a file as this kind, whatever its name says. */
export const KIND_MIME: Record<AudioKind, string> = {
  flac: 'audio/flac', ogg: 'audio/ogg', wav: 'audio/wav', mp4: 'audio/mp4', mpeg: 'audio/mpeg', adts: 'audio/aac',
};

/** Seconds of the file's start decoded in the check, enough to meet real audio frames. */
const PROBE_SEC = 1;
/**
 * Audio the check must get out of those bytes to call them audio. Noise now and then holds a frame or two
 * that decode (Debian's ffmpeg got 0.03 s out of 1 in 40 random 300 kB files); any real song gives the
 * whole second, and a file shorter than a quarter second is no song.
 */
export const MIN_DECODED_SEC = 0.25;

/**
 * Decodes the first second with ffmpeg (downmixed to 8 kHz mono: the cheapest output) and says how much
 * audio came out, with ffmpeg's last words when none did.
 */
export function probeDecode(ffmpeg: string, path: string): Promise<{ decodedSec: number; error: string; inconclusive: boolean }> {
  return new Promise((resolve) => {
    const rate = 8000;
    const child = spawn(ffmpeg, ['-hide_banner', '-nostdin', '-loglevel', 'error', '-threads', '1', '-i', path,
      '-map', '0:a:0', '-vn', '-t', String(PROBE_SEC), '-ac', '1', '-ar', String(rate), '-f', 'f32le', 'pipe:1'],
    { stdio: ['ignore', 'pipe', 'pipe'] });
    let bytes = 0;
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      stderr = (stderr + text).slice(-1000);
    });
    const lastWords = () => stderr.trim().split('\n').pop()?.trim() ?? '';
    child.on('error', (error) => resolve({ decodedSec: 0, error: `ffmpeg could not be run (${error.message})`, inconclusive: true }));
    child.on('close', (code, signal) => resolve({
      decodedSec: bytes / 4 / rate,
      inconclusive: signal !== null, // killed (out of memory?): says nothing about the file
      error: signal ? `ffmpeg was stopped by signal ${signal}` : code !== 0 ? lastWords() || `ffmpeg exited with code ${code}` : lastWords(),
    }));
  });
}
