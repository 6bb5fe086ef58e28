/**
 * A small music library whose songs sound clearly different, for the analysis and radio suites:
 * three "styles" of two songs each (sine-chord drones, pulsed noise, sawtooth/square melodies), 8-10 s,
 * tagged with distinct artists (at most two songs per artist), in mp3, ogg and flac. Generated with
 * ffmpeg once into a cache folder shared by every test file and run, then copied where needed.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type Style = 'drone' | 'noise' | 'melody';

export interface StyleClip {
  name: string;
  style: Style;
  format: 'mp3' | 'ogg' | 'flac';
  seconds: number;
  title: string;
  artist: string;
  /** An ffmpeg lavfi source graph (duration appended). */
  source: string;
}

const chord = (freqs: number[]) => `aevalsrc='${freqs.map((f) => `0.22*sin(2*PI*${f}*t)`).join('+')}':s=44100`;
/** A note every 1/rate s, climbing `steps` notes of `semis` semitones each from `base` Hz. */
const saw = (base: number, rate: number, steps: number, semis: number) =>
  `aevalsrc='0.3*(2*mod(${base}*pow(2,floor(mod(t*${rate},${steps}))*${semis}/12)*t,1)-1)':s=44100`;
const square = (base: number, rate: number, steps: number, semis: number) =>
  `aevalsrc='0.25*sgn(sin(2*PI*${base}*pow(2,floor(mod(t*${rate},${steps}))*${semis}/12)*t))':s=44100`;

/** The six songs: two per style; the two noise songs share an artist (the artist-gap rule has work to do). */
export const STYLE_CLIPS: readonly StyleClip[] = [
  { name: 'drone-a', style: 'drone', format: 'flac', seconds: 9, title: 'Low Hum', artist: 'Aurora Drones', source: chord([220, 277.18, 329.63]) },
  { name: 'drone-b', style: 'drone', format: 'ogg', seconds: 10, title: 'Slow Bell', artist: 'Bell Choir', source: chord([146.83, 174.61, 220]) },
  { name: 'noise-a', style: 'noise', format: 'mp3', seconds: 9, title: 'Static Pulse', artist: 'Static Club', source: 'anoisesrc=c=white:r=44100:a=0.6:seed=7,tremolo=f=4:d=1' },
  { name: 'noise-b', style: 'noise', format: 'flac', seconds: 8, title: 'Pink Rain', artist: 'Static Club', source: 'anoisesrc=c=pink:r=44100:a=0.7:seed=11,tremolo=f=6:d=1' },
  { name: 'melody-a', style: 'melody', format: 'ogg', seconds: 9, title: 'Saw Tune', artist: 'Saw Tooth', source: saw(220, 4, 8, 2) },
  { name: 'melody-b', style: 'melody', format: 'mp3', seconds: 10, title: 'Square Tune', artist: 'Square Wave', source: square(330, 3, 6, 3) },
];

/** A seventh song, added later by suites that test new music reaching the radio. */
export const EXTRA_CLIP: StyleClip = {
  name: 'melody-c', style: 'melody', format: 'flac', seconds: 8, title: 'Saw Again', artist: 'Late Comer', source: saw(262, 5, 5, 2),
};

const CACHE = join(tmpdir(), 'soundlike-style-clips-v1');

const CODEC: Record<StyleClip['format'], string[]> = {
  mp3: ['-c:a', 'libmp3lame', '-b:a', '128k', '-id3v2_version', '3'],
  ogg: ['-c:a', 'libvorbis', '-q:a', '3'],
  flac: ['-c:a', 'flac'],
};

/** The cached file of a clip, generated on first use (written aside, then renamed: never half a file). */
export async function styleClip(clip: StyleClip): Promise<string> {
  mkdirSync(CACHE, { recursive: true });
  const file = join(CACHE, `${clip.name}.${clip.format}`);
  if (existsSync(file) && statSync(file).size > 0) return file;
  const partial = join(CACHE, `${clip.name}.${process.pid}.partial.${clip.format}`);
  await run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `${clip.source}`, '-t', String(clip.seconds),
    '-ac', '1', ...CODEC[clip.format], '-map_metadata', '-1', '-metadata', `title=${clip.title}`, '-metadata', `artist=${clip.artist}`,
    '-metadata', `album=${clip.style} album`, partial], { timeout: 60_000 });
  renameSync(partial, file);
  return file;
}

/** Copies the clips (generated two at a time, or from the cache) into `folder`; name -> path. */
export async function makeStyleLibrary(folder: string, clips: readonly StyleClip[] = STYLE_CLIPS): Promise<Record<string, string>> {
  mkdirSync(folder, { recursive: true });
  const out: Record<string, string> = {};
  for (let i = 0; i < clips.length; i += 2) {
    await Promise.all(clips.slice(i, i + 2).map(async (clip) => {
      const dest = join(folder, `${clip.name}.${clip.format}`);
      copyFileSync(await styleClip(clip), dest);
      out[clip.name] = dest;
    }));
  }
  return out;
}

export function clipByName(name: string): StyleClip {
  const clip = [...STYLE_CLIPS, EXTRA_CLIP].find((c) => c.name === name);
  if (!clip) throw new Error(`no style clip ${name}`);
  return clip;
}
