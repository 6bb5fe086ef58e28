/**
 * Real audio fixtures for integration tests, generated with the system ffmpeg into a temp folder once
 * per test file (short clips keep the two shared cores free). Also builds the broken inputs a real
 * library holds: empty, truncated, random bytes, a folder named like a track, unreadable files and links.
 */
import { execFile } from 'node:child_process';
import { chmodSync, closeSync, copyFileSync, mkdirSync, mkdtempSync, openSync, readSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type AudioFormat = 'mp3' | 'flac' | 'ogg' | 'opus' | 'm4a' | 'wav';
export const AUDIO_FORMATS: readonly AudioFormat[] = ['mp3', 'flac', 'ogg', 'opus', 'm4a', 'wav'];
/** Formats that carry an embedded cover picture in these fixtures. */
export const COVER_FORMATS: readonly AudioFormat[] = ['mp3', 'flac', 'm4a'];

export interface Tags {
  title: string;
  artist: string;
  album: string;
  albumArtist: string;
  track: number;
  disc: number;
  year: number;
  genre: string;
}

export interface ClipOptions {
  format: AudioFormat;
  /** Seconds of audio (keep it short: 1-3 s). */
  seconds?: number;
  /** Tone frequency; different values give different bytes for otherwise equal clips. */
  frequency?: number;
  tags?: Tags | null;
  /** Embed a 64x64 cover (mp3, flac, m4a only). */
  cover?: boolean;
  /** Colour of the cover, so two covers differ. */
  coverColor?: string;
  /** Further tags written as-is, e.g. { REPLAYGAIN_TRACK_GAIN: '-6.50 dB' }. */
  extraTags?: Record<string, string>;
}

const CODEC_ARGS: Record<AudioFormat, string[]> = {
  mp3: ['-c:a', 'libmp3lame', '-b:a', '128k'],
  flac: ['-c:a', 'flac'],
  ogg: ['-c:a', 'libvorbis', '-q:a', '3'],
  opus: ['-c:a', 'libopus', '-b:a', '64k'],
  m4a: ['-c:a', 'aac', '-b:a', '128k'],
  wav: ['-c:a', 'pcm_s16le'],
};

export function tagsFor(format: AudioFormat, overrides: Partial<Tags> = {}): Tags {
  return {
    title: `Title ${format}`,
    artist: `Artist ${format}`,
    album: 'Fixture Album',
    albumArtist: 'Fixture Album Artist',
    track: AUDIO_FORMATS.indexOf(format) + 1,
    disc: 2,
    year: 2019,
    genre: 'Ambient',
    ...overrides,
  };
}

function metadataArgs(tags: Tags): string[] {
  const pairs: [string, string][] = [
    ['title', tags.title], ['artist', tags.artist], ['album', tags.album], ['album_artist', tags.albumArtist],
    ['track', `${tags.track}/12`], ['disc', `${tags.disc}/3`], ['date', String(tags.year)], ['genre', tags.genre],
  ];
  return pairs.flatMap(([k, v]) => ['-metadata', `${k}=${v}`]);
}

/** Writes one clip with ffmpeg to `path`. */
export async function makeClip(path: string, options: ClipOptions): Promise<string> {
  const { format, seconds = 1, frequency = 440, tags = null, cover = false, coverColor = 'red', extraTags = {} } = options;
  const args = ['-hide_banner', '-loglevel', 'error', '-y',
    '-f', 'lavfi', '-i', `sine=frequency=${frequency}:sample_rate=44100:duration=${seconds}`];
  const withCover = cover && COVER_FORMATS.includes(format);
  if (withCover) args.push('-f', 'lavfi', '-i', `color=c=${coverColor}:s=64x64:d=1`, '-frames:v', '1');
  args.push('-map', '0:a');
  if (withCover) args.push('-map', '1:v', '-c:v', format === 'mp3' ? 'mjpeg' : 'png', '-disposition:v', 'attached_pic');
  args.push(...CODEC_ARGS[format]);
  if (format === 'opus') args.push('-ar', '48000');
  if (format === 'mp3') args.push('-id3v2_version', '3');
  args.push('-map_metadata', '-1');
  if (tags) args.push(...metadataArgs(tags));
  for (const [key, value] of Object.entries(extraTags)) args.push('-metadata', `${key}=${value}`);
  args.push(path);
  mkdirSync(dirname(path), { recursive: true });
  await run('ffmpeg', args, { timeout: 60_000 });
  return path;
}

/** Writes a 64x64 single-colour picture (jpg or png by extension), e.g. an album's cover.jpg. */
export async function makeImage(path: string, color = 'blue'): Promise<string> {
  mkdirSync(dirname(path), { recursive: true });
  await run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `color=c=${color}:s=64x64:d=1`, '-frames:v', '1', path], { timeout: 60_000 });
  return path;
}

/** A temp folder removed by cleanup(); paths inside are made with at(). */
export interface TempDir {
  path: string;
  at(...parts: string[]): string;
  cleanup(): void;
}

export function makeTempDir(prefix = 'soundlike-test-'): TempDir {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return {
    path,
    at: (...parts) => join(path, ...parts),
    cleanup: () => {
      // Restore permissions first so a chmod 000 / 555 fixture never blocks its own removal.
      try {
        chmodSync(path, 0o755);
      } catch {
        /* already gone */
      }
      rmSync(path, { recursive: true, force: true });
    },
  };
}

/** The clips generated once per test file, copied into each test's folder as needed. */
export interface ClipCache {
  dir: TempDir;
  tagged: Record<AudioFormat, string>;
  untagged: Record<AudioFormat, string>;
  /** Seconds of each clip above. */
  seconds: number;
  cleanup(): void;
}

/** Generates a tagged (with cover where the format allows) and an untagged clip of each format. */
export async function generateClipCache(seconds = 1, formats: readonly AudioFormat[] = AUDIO_FORMATS): Promise<ClipCache> {
  const dir = makeTempDir('soundlike-clips-');
  const tagged = {} as Record<AudioFormat, string>;
  const untagged = {} as Record<AudioFormat, string>;
  // Two at a time: the machine has two cores shared with other suites.
  const jobs: (() => Promise<unknown>)[] = [];
  for (const format of formats) {
    tagged[format] = dir.at(`tagged.${format}`);
    untagged[format] = dir.at(`untagged.${format}`);
    jobs.push(() => makeClip(tagged[format], { format, seconds, tags: tagsFor(format), cover: true, frequency: 330 + 20 * AUDIO_FORMATS.indexOf(format) }));
    jobs.push(() => makeClip(untagged[format], { format, seconds, frequency: 550 + 20 * AUDIO_FORMATS.indexOf(format) }));
  }
  for (let i = 0; i < jobs.length; i += 2) await Promise.all(jobs.slice(i, i + 2).map((job) => job()));
  return { dir, tagged, untagged, seconds, cleanup: () => dir.cleanup() };
}

/** Copies a cached clip to `dest` (making parent folders). */
export function place(src: string, dest: string): string {
  mkdirSync(dirname(dest), { recursive: true });
  copyFileSync(src, dest);
  return dest;
}

export interface BrokenInputs {
  empty: string;
  truncated: string;
  randomBytes: string;
  /** A folder named like a track; it holds a real track that must be scanned. */
  folderNamedMp3: string;
  trackInsideFolderNamedMp3: string;
  /** chmod 000; only unreadable when not running as root. */
  unreadable: string;
  /** A symlink to nothing, named like a track: a recorded failure even for root. */
  dangling: string;
}

/** Creates every broken input under `folder`, using the cache's real clips where one is needed. */
export function makeBrokenInputs(folder: string, cache: ClipCache): BrokenInputs {
  mkdirSync(folder, { recursive: true });
  const empty = join(folder, 'empty.mp3');
  writeFileSync(empty, Buffer.alloc(0));
  const truncated = join(folder, 'truncated.flac');
  const head = Buffer.alloc(300);
  const fd = openSync(cache.untagged.flac, 'r');
  readSync(fd, head, 0, 300, 0);
  closeSync(fd);
  writeFileSync(truncated, head);
  const random = join(folder, 'random.mp3');
  writeFileSync(random, pseudoRandomBytes(8192, 0x5eed));
  const folderNamedMp3 = join(folder, 'x.mp3');
  const inside = place(cache.untagged.ogg, join(folderNamedMp3, 'inside.ogg'));
  const unreadable = place(cache.untagged.wav, join(folder, 'unreadable.wav'));
  chmodSync(unreadable, 0o000);
  const dangling = join(folder, 'dangling.mp3');
  symlinkSync(join(folder, 'does-not-exist.mp3'), dangling);
  return { empty, truncated, randomBytes: random, folderNamedMp3, trackInsideFolderNamedMp3: inside, unreadable, dangling };
}

/** Deterministic noise (so a parser's verdict on it cannot change from run to run). */
export function pseudoRandomBytes(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let x = seed >>> 0;
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

/** Root reads files whatever their mode, so permission fixtures only bite for other users. */
export const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
