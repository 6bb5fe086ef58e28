/**
 * The analysis worker's result does not depend on how it spreads the work: one decoder and one encoder
 * thread with big batches, or three decoders and two encoder threads with small batches (batches of one
 * track then finish out of order on different threads, as on a many-core machine) give the same
 * fragments, vectors and tags, for every file, with the real worker, model and ffmpeg.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineClient, type AnalysedTrack } from '../../src/main/analysis/engine-client';
import { analysisWorkerPath } from '../../src/main/paths';
import type { WorkerInit } from '../../src/engine/protocol';
import { makeTempDir, type TempDir } from '../helpers/audio';
import { ensureBuilt, hasTestModel, testModelPath } from '../helpers/model';
import { makeStyleLibrary, STYLE_CLIPS } from '../helpers/styles';

const MODEL = testModelPath();

function init(lanes: Pick<WorkerInit, 'decoders' | 'encoderThreads' | 'batchSize'>): WorkerInit {
  // A 1-s step cuts many fragments from these short clips, so small batches make several per track.
  return { manifestPath: MODEL, ffmpeg: 'ffmpeg', device: 'cpu', threads: 1, stepSeconds: 1, topTags: 5, ...lanes };
}

describe.skipIf(!hasTestModel())(`analysis lanes (skipped when the sound model is missing: ${MODEL})`, () => {
  let tmp: TempDir;
  let files: string[];
  const engines: EngineClient[] = [];

  beforeAll(async () => {
    await ensureBuilt();
    tmp = makeTempDir('soundlike-lanes-');
    files = Object.values(await makeStyleLibrary(tmp.at('music'), STYLE_CLIPS)).sort();
  });

  afterAll(async () => {
    await Promise.all(engines.map((e) => e.stop()));
    tmp?.cleanup();
  });

  it('gives the same fragments, vectors and tags with 1 decoder / 1 encoder thread as with 3 / 2', async () => {
    const serial = new EngineClient(analysisWorkerPath(), async () => init({ decoders: 1, encoderThreads: 1, batchSize: 16 }));
    const spread = new EngineClient(analysisWorkerPath(), async () => init({ decoders: 3, encoderThreads: 2, batchSize: 2 }));
    engines.push(serial, spread);
    const one: AnalysedTrack[] = [];
    for (const f of files) one.push(await serial.analyse(f));
    const many = await Promise.all(files.map((f) => spread.analyse(f)));
    const stats = await spread.stats();
    expect(stats).toMatchObject({ decoders: 3, encoderThreads: 2 });
    expect(stats?.batches).toBeGreaterThan(files.length * 2); // several batches a track: out of order is possible
    for (const [i, a] of one.entries()) {
      const b = many[i];
      expect(b.audioSec, files[i]).toBeCloseTo(a.audioSec, 6);
      expect(Array.from(b.fragments.starts)).toEqual(Array.from(a.fragments.starts));
      expect(Array.from(b.fragments.ends)).toEqual(Array.from(a.fragments.ends));
      expect(b.fragments.starts.length).toBeGreaterThan(3);
      expect(b.fragments.vectors.length).toBe(a.fragments.vectors.length);
      const worst = a.fragments.vectors.reduce((max, v, j) => Math.max(max, Math.abs(v - b.fragments.vectors[j])), 0);
      expect(worst, files[i]).toBeLessThan(1e-4); // the parity suite's tolerance between batch sizes
      expect(b.fragments.tags.map((t) => t.map((s) => s.tag))).toEqual(a.fragments.tags.map((t) => t.map((s) => s.tag)));
    }
  });
});
