/**
 * A song's loudness outline for the player's strips: ffmpeg resamples to 2 kHz mono (the work), this
 * keeps the peak of each of `buckets` equal slices. Cached on disk per file version.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Track, Waveform } from '../../shared/domain';
import { decodePcmStream } from '../../engine/decode';

const RATE = 2000;
export const WAVEFORM_BUCKETS = 600;

export async function trackWaveform(track: Track, ffmpeg: string, cacheDir: string): Promise<Waveform> {
  const file = join(cacheDir, `${track.id}-${track.size}-${Math.round(track.mtimeMs)}.json`);
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Waveform;
  } catch {
    // not cached yet (or damaged): make it
  }
  const expected = Math.max(1, Math.round((track.durationSec ?? 1) * RATE));
  const perBucket = Math.max(1, Math.ceil(expected / WAVEFORM_BUCKETS));
  const peaks: number[] = [];
  let current = 0;
  let filled = 0;
  let total = 0;
  for await (const chunk of decodePcmStream(track.path, { ffmpeg, sampleRate: RATE })) {
    for (let i = 0; i < chunk.length; i++) {
      const v = Math.abs(chunk[i]);
      if (v > current) current = v;
      if (++filled === perBucket) {
        peaks.push(current);
        current = 0;
        filled = 0;
      }
    }
    total += chunk.length;
  }
  if (filled > 0) peaks.push(current);
  const top = Math.max(1e-6, ...peaks);
  const waveform: Waveform = { trackId: track.id, durationSec: total / RATE, peaks: peaks.map((p) => Math.round((p / top) * 1000) / 1000) };
  await mkdir(cacheDir, { recursive: true });
  await writeFile(`${file}.tmp`, JSON.stringify(waveform));
  await rename(`${file}.tmp`, file);
  return waveform;
}
