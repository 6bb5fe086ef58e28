/**
 * Stopping analysis at any moment of its start-up leaves the process alive. Ending a thread while
 * onnxruntime's native code loads the model for it throws a Napi::Error no JS can catch, and
 * std::terminate then ended the whole process (the app's service host, the web host, a test runner: CI
 * saw "terminate called after throwing an instance of 'Napi::Error'"). The worker and its encoder
 * threads now finish the load in hand before they exit. Real worker, model and ffmpeg; stops land from
 * before the model is read to after it is ready.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineClient } from '../../src/main/analysis/engine-client';
import { analysisWorkerPath } from '../../src/main/paths';
import type { WorkerInit } from '../../src/engine/protocol';
import { makeClip, makeTempDir, type TempDir } from '../helpers/audio';
import { ensureBuilt, hasTestModel, testModelPath } from '../helpers/model';

const MODEL = testModelPath();

function init(): WorkerInit {
  // Two encoder threads, so a stop can find one loaded and one still loading.
  return { manifestPath: MODEL, ffmpeg: 'ffmpeg', device: 'cpu', threads: 1, stepSeconds: 5, topTags: 5, decoders: 1, encoderThreads: 2, batchSize: 4 };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!hasTestModel())(`stopping analysis while it starts (skipped when the sound model is missing: ${MODEL})`, () => {
  let tmp: TempDir;
  beforeAll(async () => {
    await ensureBuilt();
    tmp = makeTempDir('soundlike-stop-loading-');
  });
  afterAll(() => tmp?.cleanup());

  it('stops cleanly at every moment of start-up, and the next engine still analyses', { timeout: 120_000 }, async () => {
    for (const delayMs of [0, 5, 20, 50, 100, 200, 400, 800]) {
      const engine = new EngineClient(analysisWorkerPath(), async () => init());
      const starting = engine.start().then(() => 'ready', () => 'refused');
      await sleep(delayMs);
      await engine.stop();
      // Either it got ready before the stop or the stop ended its start; the process is still here to say so.
      expect(['ready', 'refused']).toContain(await starting);
    }
    const file = await makeClip(tmp.at('tone.wav'), { format: 'wav', seconds: 6 });
    const engine = new EngineClient(analysisWorkerPath(), async () => init());
    try {
      const analysed = await engine.analyse(file);
      expect(analysed.fragments.starts.length).toBeGreaterThan(0);
    } finally {
      await engine.stop();
    }
  });
});
