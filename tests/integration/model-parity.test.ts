/**
 * The shipped encoder (models/soundlike-encoder.onnx) run by onnxruntime-node must reproduce PyTorch's
 * outputs on real rendered audio within the fixture's tolerance (1e-4), and match the manifest's sha256
 * and I/O contract. The fixture is written by models/training/export.py.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';

const MODELS = fileURLToPath(new URL('../../models', import.meta.url));
const PARITY = join(MODELS, 'parity');

interface TensorSpec { name: string; dtype: string; shape: (string | number)[] }
interface Manifest {
  id: string; sha256: string; file: string; sample_rate: number; fragment_samples: number;
  embedding_size: number; embedding_normalized: boolean; tags: string[];
  inputs: TensorSpec[]; outputs: TensorSpec[];
}
interface ParityMeta {
  model_file: string; model_sha256: string; batch: number; samples: number; input_scale: number; tolerance: number;
  outputs: Record<string, { file: string; shape: [number, number] }>;
}

const manifest = JSON.parse(readFileSync(join(MODELS, 'manifest.json'), 'utf8')) as Manifest;
const parity = JSON.parse(readFileSync(join(PARITY, 'parity.json'), 'utf8')) as ParityMeta;
const modelPath = join(MODELS, manifest.file);

function f32(file: string): Float32Array {
  const buf = readFileSync(join(PARITY, file));
  return new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
}

function fixturePcm(): Float32Array {
  const buf = readFileSync(join(PARITY, 'input_pcm_s16le.raw'));
  const i16 = new Int16Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  return Float32Array.from(i16, (v) => v * parity.input_scale);
}

describe('shipped sound encoder', () => {
  it('matches the manifest sha256 and the fixture it was checked against', () => {
    const sha = createHash('sha256').update(readFileSync(modelPath)).digest('hex');
    expect(sha).toBe(manifest.sha256);
    expect(parity.model_sha256).toBe(manifest.sha256);
    expect(manifest.id.startsWith('soundlike-encoder-')).toBe(true);
  });

  it('declares the I/O contract the graph actually has', async () => {
    const session = await ort.InferenceSession.create(modelPath, { intraOpNumThreads: 1 });
    expect(session.inputNames).toEqual(manifest.inputs.map((t) => t.name));
    expect(session.outputNames).toEqual(manifest.outputs.map((t) => t.name));
    expect(manifest.inputs[0].shape[1]).toBe(manifest.fragment_samples);
    expect(parity.samples).toBe(manifest.fragment_samples);
    expect(parity.outputs.embedding.shape[1]).toBe(manifest.embedding_size);
    expect(parity.outputs.tags.shape[1]).toBe(manifest.tags.length);
  });

  it('reproduces PyTorch within 1e-4 at batch N and batch 1', async () => {
    const session = await ort.InferenceSession.create(modelPath, { intraOpNumThreads: 1, interOpNumThreads: 1 });
    const pcm = fixturePcm();
    const n = parity.batch;
    const samples = parity.samples;
    let worst = 0;
    for (const bs of [n, 1]) {
      for (let start = 0; start < n; start += bs) {
        const input = new ort.Tensor('float32', pcm.slice(start * samples, (start + bs) * samples), [bs, samples]);
        const out = await session.run({ pcm: input });
        for (const [name, spec] of Object.entries(parity.outputs)) {
          const ref = f32(spec.file);
          const width = spec.shape[1];
          const got = out[name].data as Float32Array;
          expect(out[name].dims).toEqual([bs, width]);
          for (let i = 0; i < got.length; i++) worst = Math.max(worst, Math.abs(got[i] - ref[start * width + i]));
        }
        if (manifest.embedding_normalized) {
          const e = out.embedding.data as Float32Array;
          const d = manifest.embedding_size;
          for (let r = 0; r < bs; r++) {
            let ss = 0;
            for (let j = 0; j < d; j++) ss += e[r * d + j] ** 2;
            expect(Math.abs(Math.sqrt(ss) - 1)).toBeLessThan(1e-4);
          }
        }
      }
    }
    expect(worst).toBeLessThanOrEqual(Math.min(parity.tolerance, 1e-4));
  });
});
