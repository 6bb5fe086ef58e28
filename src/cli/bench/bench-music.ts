/**
 * The analysis benchmark's music: N distinct MP3s (192 kb/s stereo, like a ripped collection) made
 * from ffmpeg's own generators, each file its own mix of tones, beeps, noise colour and tremolo.
 * Rendered once and kept in the temp folder (keyed by count and length), so later runs skip it.
 */
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './bench-common';

const NOISE = ['pink', 'brown', 'white', 'blue', 'violet', 'velvet'];

/** ffmpeg arguments that render track `i` of `seconds` into `out`: distinct content for every i. */
export function benchTrackArgs(i: number, seconds: number, out: string): string[] {
  const base = 110 * 2 ** (((i * 7) % 24) / 12);
  const fifth = base * 1.5 * (1 + (i % 3) * 0.002);
  const beep = 2 + (i % 5);
  const tremolo = 1 + ((i * 3) % 9);
  const noise = `anoisesrc=color=${NOISE[i % NOISE.length]}:amplitude=${0.05 + (i % 4) * 0.05}:seed=${i + 1}:sample_rate=44100:duration=${seconds}`;
  return [
    '-v', 'error', '-y',
    '-f', 'lavfi', '-i', `sine=frequency=${base.toFixed(2)}:beep_factor=${beep}:sample_rate=44100:duration=${seconds}`,
    '-f', 'lavfi', '-i', `sine=frequency=${fifth.toFixed(2)}:sample_rate=44100:duration=${seconds}`,
    '-f', 'lavfi', '-i', noise,
    '-filter_complex', `[0][1][2]amix=inputs=3:normalize=0,volume=0.5,tremolo=f=${tremolo}:d=0.${3 + (i % 6)},aformat=channel_layouts=stereo[a]`,
    '-map', '[a]', '-c:a', 'libmp3lame', '-b:a', '192k', '-ar', '44100',
    '-metadata', `title=Bench ${i}`, '-metadata', `artist=Bench ${i % 5}`, out,
  ];
}

/** The cached bench files (rendered now when missing, `width` at a time), in order. */
export async function benchMusic(ffmpeg: string, tracks: number, minutes: number, width: number, log: (s: string) => void): Promise<string[]> {
  const dir = join(tmpdir(), `soundlike-bench-music-v1-${tracks}x${minutes}min`);
  mkdirSync(dir, { recursive: true });
  const files = Array.from({ length: tracks }, (_, i) => join(dir, `track${String(i).padStart(3, '0')}.mp3`));
  const missing = files.map((f, i) => ({ f, i })).filter(({ f }) => !existsSync(f));
  if (missing.length > 0) log(`Rendering ${missing.length} MP3s of ${minutes} min (192 kb/s stereo) into ${dir} (kept for later runs) ...`);
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < missing.length) {
      const { f, i } = missing[next++];
      // Rendered under another name first: an interrupted run leaves no half file that looks finished.
      const partial = `${f}.part.mp3`;
      await run(ffmpeg, benchTrackArgs(i, minutes * 60, partial));
      renameSync(partial, f);
    }
  }));
  return files;
}
