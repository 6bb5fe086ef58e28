/**
 * Memory stays bounded whatever a file's length: a 3-hour file (a DJ mix, an audiobook) is analysed
 * with PCM streamed from ffmpeg into fragment batches, never held whole (that alone would be ~950 MB of
 * float32). The peak RSS of this whole process tree (the services, the analysis worker and encoder
 * threads, ffmpeg) is polled from /proc while it runs, and the fragments cover the full duration.
 * In the same run, a seed asked for while long tracks fill every slot is analysed at once, not after them.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../src/main/services';
import { watchPeakRss, treeRssBytes } from '../../src/cli/bench/process-tree';
import { makeTempDir, type TempDir } from '../helpers/audio';
import { readFragments } from '../helpers/analysis-db';
import { ensureBuilt, hasTestModel, openModelServices, readTestManifest, testModelPath } from '../helpers/model';

const exec = promisify(execFile);
const MODEL = testModelPath();
const HOURS = 3;
const LIMIT_MB = 500;

describe.skipIf(!hasTestModel() || process.platform !== 'linux')(`a 3-hour file (skipped off Linux or without the sound model: ${MODEL})`, () => {
  let tmp: TempDir;
  let services: Services;
  let path: string;

  beforeAll(async () => {
    await ensureBuilt();
    tmp = makeTempDir('soundlike-long-');
    path = tmp.at('music', 'a-three-hour-mix.flac');
    // Cheap to make (a few seconds): a beeping tone at 8 kHz, FLAC. The decoder still resamples every
    // second of it to the model's rate, as for any file.
    await exec('mkdir', ['-p', tmp.at('music')]);
    const tone = (file: string, seconds: number, frequency: number) => exec('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi',
      '-i', `sine=frequency=${frequency}:beep_factor=4:sample_rate=8000:duration=${seconds}`, '-ac', '1', '-c:a', 'flac', file]);
    // Scanned in name order: the long ones take every analysis slot before the seed's turn.
    await Promise.all([
      tone(path, HOURS * 3600, 220),
      tone(tmp.at('music', 'b-twenty-minutes.flac'), 1200, 330),
      tone(tmp.at('music', 'c-twenty-minutes.flac'), 1200, 440),
      tone(tmp.at('music', 'd-seed.flac'), 60, 550),
    ]);
    services = await openModelServices(tmp.at('data'));
    await services.api.library.addFolderAndScan(tmp.at('music'));
  }, 180_000);

  afterAll(async () => {
    await services?.dispose();
    tmp?.cleanup();
  });

  it(`analyses it with the process tree under ${LIMIT_MB} MB, fragments covering all ${HOURS} hours; a seed goes first`, async () => {
    const { analysis, library } = services.api;
    const tracks = await library.listTracks();
    const byName = (name: string) => tracks.find((t) => t.path.endsWith(name)) as (typeof tracks)[number];
    const track = byName('a-three-hour-mix.flac');
    const seed = byName('d-seed.flac');
    const before = treeRssBytes() ?? 0;
    const peak = watchPeakRss(25);
    await analysis.startAnalysis();
    await new Promise((resolve) => setTimeout(resolve, 1500)); // the three long tracks are in the engine now
    const asked = performance.now();
    const [seedState] = await analysis.analyseSeeds([seed.id]);
    const seedMs = Math.round(performance.now() - asked);
    expect(seedState).toMatchObject({ status: 'done', error: null });
    // It did not wait for the long tracks that held every slot: they are all still being analysed.
    const states = new Map((await analysis.listTrackAnalysis()).map((s) => [s.trackId, s.status]));
    expect(['a-three-hour-mix.flac', 'b-twenty-minutes.flac', 'c-twenty-minutes.flac'].map((n) => states.get(byName(n).id))).toEqual(['pending', 'pending', 'pending']);
    await analysis.idle();
    const peakBytes = peak.stop() ?? 0;
    expect(states.size).toBe(4);
    expect((await analysis.getAnalysisStatus()).counts).toMatchObject({ done: 4, failed: 0, pending: 0 });
    const mb = (b: number) => Math.round(b / 1024 / 1024);
    process.stderr.write(`3-hour file: process tree RSS ${mb(before)} MB before, peak ${mb(peakBytes)} MB while analysing; seed analysed ${seedMs} ms after it was asked for\n`);
    expect(mb(peakBytes)).toBeLessThan(LIMIT_MB);

    const manifest = readTestManifest();
    const fragments = readFragments(services.paths.database, track.id);
    const step = manifest.fragment_seconds; // the default step is one fragment
    expect(fragments.length).toBe((HOURS * 3600) / step);
    expect(fragments[0].startSec).toBe(0);
    expect(fragments[fragments.length - 1].endSec).toBeCloseTo(HOURS * 3600, 1);
    const after = (await library.listTracks()).find((t) => t.id === track.id);
    expect(after?.decodedSec).toBeCloseTo(HOURS * 3600, 0);
  }, 300_000);
});
