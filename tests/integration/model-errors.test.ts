/**
 * A missing, damaged or mismatched sound model is a clear error, never a wrong vector: analysis ends in
 * phase 'error' naming the problem and what to do, the radio refuses with MODEL_UNAVAILABLE, and
 * `soundlike analyze --model <bad>` exits 2 with the message. Fixing the model lets analysis start.
 */
import { appendFileSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../src/main/services';
import type { Track } from '../../src/shared/domain';
import { makeTempDir, pseudoRandomBytes, type TempDir } from '../helpers/audio';
import { ensureBuilt, hasTestModel, openModelServices, readTestManifest, runCli, testModelPath } from '../helpers/model';
import { expectCode } from '../helpers/services';
import { makeStyleLibrary, STYLE_CLIPS } from '../helpers/styles';

/** A manifest like the shipped one (the test model's when present), for a model file of these bytes. */
function manifestFor(file: string, bytes: Buffer): Record<string, unknown> {
  const base = hasTestModel() ? (readTestManifest() as unknown as Record<string, unknown>) : {
    id: 'fake', feature_version: 1, sample_rate: 22050, fragment_seconds: 5, fragment_samples: 110250,
    inputs: [{ name: 'pcm', dtype: 'float32', shape: ['batch', 110250] }], outputs: [{ name: 'embedding', dtype: 'float32', shape: ['batch', 8] }],
    embedding_size: 8, embedding_normalized: true, tags: ['a', 'b'],
  };
  return { ...base, file, sha256: createHash('sha256').update(bytes).digest('hex') };
}

interface BadModel {
  name: string;
  /** Writes the bad model under `dir`; returns the manifest path. */
  make(dir: string): string;
  /** What the message must say. */
  problem: RegExp;
  /** The advice it must give. */
  advice: RegExp;
  /** Also run `soundlike analyze` on it (the four common cases; each run costs a process start). */
  cli?: boolean;
}

const BAD_MODELS: BadModel[] = [
  {
    name: 'a missing manifest',
    make: (dir) => join(dir, 'nowhere', 'manifest.json'),
    problem: /manifest is missing: .*nowhere[/\\]manifest\.json/,
    advice: /Reinstall Soundlike|--model/,
    cli: true,
  },
  {
    name: 'a manifest that is not valid JSON',
    make: (dir) => {
      writeFileSync(join(dir, 'manifest.json'), '{"id": "soundlike-encoder-x", "sha256": ');
      return join(dir, 'manifest.json');
    },
    problem: /manifest .*manifest\.json is not valid JSON/,
    advice: /Reinstall Soundlike/,
    cli: true,
  },
  {
    name: 'a manifest that lacks fields',
    make: (dir) => {
      writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ id: 'x', file: 'm.onnx' }));
      return join(dir, 'manifest.json');
    },
    problem: /lacks sha256, sample_rate/,
    advice: /manifest\.py/,
  },
  {
    name: 'a manifest naming a missing .onnx file',
    make: (dir) => {
      writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifestFor('absent.onnx', Buffer.from('x'))));
      return join(dir, 'manifest.json');
    },
    problem: /model file is missing: .*absent\.onnx/,
    advice: /Reinstall Soundlike|restore models/,
    cli: true,
  },
  {
    name: 'a model file whose sha256 differs from the manifest',
    make: (dir) => {
      const bytes = hasTestModel() ? readFileSync(join(testModelPath(), '..', readTestManifest().file)) : pseudoRandomBytes(2048, 1);
      writeFileSync(join(dir, 'model.onnx'), bytes);
      writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifestFor('model.onnx', bytes)));
      appendFileSync(join(dir, 'model.onnx'), Buffer.from([0]));
      return join(dir, 'manifest.json');
    },
    problem: /model\.onnx does not match its manifest \(sha256/,
    advice: /damaged or from another model/,
    cli: true,
  },
  {
    name: 'a manifest whose display section colours the map by a group it does not show',
    make: (dir) => {
      const display = { groups: ['tempo'], map_colour_group: 'family' };
      writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...manifestFor('absent.onnx', Buffer.from('x')), display }));
      return join(dir, 'manifest.json');
    },
    problem: /manifest\.json has a bad display section: .*(tag_groups|map_colour_group)/,
    advice: /Restore models|manifest\.py/,
  },
  {
    name: 'a model file that is not an ONNX graph (sha256 matching)',
    make: (dir) => {
      const bytes = pseudoRandomBytes(4096, 2);
      writeFileSync(join(dir, 'model.onnx'), bytes);
      writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifestFor('model.onnx', bytes)));
      return join(dir, 'manifest.json');
    },
    problem: /could not be loaded/,
    advice: /Restore models|choose CPU/,
  },
];

describe('a bad sound model', () => {
  let tmp: TempDir;
  let music: string;

  beforeAll(async () => {
    await ensureBuilt();
    tmp = makeTempDir('soundlike-model-errors-');
    music = tmp.at('music');
    await makeStyleLibrary(music, STYLE_CLIPS.slice(0, 1));
  });

  afterAll(() => tmp?.cleanup());

  describe.each(BAD_MODELS)('$name', (bad) => {
    let services: Services;
    let track: Track;
    let manifest: string;
    let data: string;

    beforeAll(async () => {
      const dir = tmp.at(bad.name.replace(/\W+/g, '-'));
      mkdirSync(dir, { recursive: true });
      manifest = bad.make(dir);
      data = join(dir, 'data');
      services = await openModelServices(data, manifest);
      await services.api.library.addFolderAndScan(music);
      [track] = await services.api.library.listTracks();
    });

    afterAll(async () => {
      await services?.dispose();
    });

    it('analysis ends in phase error, saying what is wrong and what to do', async () => {
      const { analysis } = services.api;
      await analysis.startAnalysis();
      await analysis.idle();
      const status = await analysis.getAnalysisStatus();
      expect(status.progress).toMatchObject({ phase: 'error', final: true });
      expect(status.progress.message).toMatch(bad.problem);
      expect(status.progress.message).toMatch(bad.advice);
      expect(status.model).toBeNull();
      expect(status.counts).toMatchObject({ total: 1, done: 0, pending: 1 });
      expect(await analysis.listTrackAnalysis()).toEqual([{ trackId: track.id, status: 'pending', error: null }]);
      expect(await analysis.listAnalysisFailures()).toEqual([]);
    });

    it('the radio refuses with MODEL_UNAVAILABLE', async () => {
      const error = await expectCode(services.api.radio.previewRadio({ kind: 'track', trackId: track.id }), 'MODEL_UNAVAILABLE');
      expect(error.message).toMatch(bad.problem);
      expect(error.hint ?? '').toMatch(bad.advice);
      await expectCode(services.api.analysis.analyseNow([track.id]), 'MODEL_UNAVAILABLE');
    });

    it.runIf(bad.cli)('soundlike analyze --model <bad> exits 2 with the message on stderr', async () => {
      await services.dispose();
      const run = await runCli(['analyze', '--data', data, '--model', manifest]);
      services = await openModelServices(data, manifest);
      expect(run.code, `${run.stdout}${run.stderr}`).toBe(2);
      expect(run.stderr).toMatch(bad.problem);
      expect(run.stderr).toMatch(bad.advice);
      expect(run.stdout).not.toMatch(/Analysed/);
    });
  });

  describe.skipIf(!hasTestModel())(`once the model is put right (skipped when the sound model is missing: ${testModelPath()})`, () => {
    it('the same services analyse without a restart', async () => {
      const dir = tmp.at('repaired');
      mkdirSync(dir, { recursive: true });
      const good = readTestManifest();
      const source = join(testModelPath(), '..', good.file);
      writeFileSync(join(dir, 'manifest.json'), JSON.stringify(good));
      copyFileSync(source, join(dir, good.file));
      appendFileSync(join(dir, good.file), Buffer.from([0]));
      const services = await openModelServices(join(dir, 'data'), join(dir, 'manifest.json'));
      try {
        await services.api.library.addFolderAndScan(music);
        await services.api.analysis.startAnalysis();
        await services.api.analysis.idle();
        expect((await services.api.analysis.getAnalysisStatus()).progress.phase).toBe('error');
        copyFileSync(source, join(dir, good.file));
        await services.api.analysis.startAnalysis();
        await services.api.analysis.idle();
        const status = await services.api.analysis.getAnalysisStatus();
        expect(status.progress).toMatchObject({ phase: 'done', final: true, message: null });
        expect(status.counts).toMatchObject({ total: 1, done: 1, pending: 0 });
      } finally {
        await services.dispose();
      }
    });
  });
});
