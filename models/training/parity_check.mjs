// Runs the exported encoder in onnxruntime-node on the parity fixture and compares with PyTorch.
// usage: node models/training/parity_check.mjs <model.onnx> <parity-dir>   (exit 1 on mismatch > tolerance)
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(resolve(dirname(fileURLToPath(import.meta.url)), '../../package.json'));
const ort = require('onnxruntime-node');

const [modelPath, dir] = process.argv.slice(2);
if (!modelPath || !dir) { console.error('usage: parity_check.mjs <model.onnx> <parity-dir>'); process.exit(2); }
const meta = JSON.parse(readFileSync(join(dir, 'parity.json'), 'utf8'));
const sha = createHash('sha256').update(readFileSync(modelPath)).digest('hex');
if (sha !== meta.model_sha256) { console.error(`sha256 mismatch: ${sha} != ${meta.model_sha256}`); process.exit(1); }
const raw = readFileSync(join(dir, 'input_pcm_s16le.raw'));
const i16 = new Int16Array(raw.buffer, raw.byteOffset, raw.byteLength / 2);
const pcm = Float32Array.from(i16, (v) => v * meta.input_scale);
const session = await ort.InferenceSession.create(modelPath, { intraOpNumThreads: 1, interOpNumThreads: 1 });
let worst = 0;
for (const bs of [meta.batch, 1]) { // full batch, then one fragment at a time (dynamic batch axis)
  for (let start = 0; start < meta.batch; start += bs) {
    const x = new ort.Tensor('float32', pcm.subarray(start * meta.samples, (start + bs) * meta.samples), [bs, meta.samples]);
    const out = await session.run({ pcm: x });
    for (const name of Object.keys(meta.outputs)) {
      const spec = meta.outputs[name];
      const buf = readFileSync(join(dir, spec.file));
      const ref = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
      const width = spec.shape[1];
      const got = out[name].data;
      if (got.length !== bs * width) { console.error(`${name}: got ${got.length} values, want ${bs * width}`); process.exit(1); }
      for (let i = 0; i < got.length; i++) worst = Math.max(worst, Math.abs(got[i] - ref[start * width + i]));
    }
  }
}
console.log(JSON.stringify({ model: modelPath, sha256: sha, max_abs_diff: worst, tolerance: meta.tolerance }));
if (!(worst <= meta.tolerance)) { console.error(`parity FAILED: max abs diff ${worst} > ${meta.tolerance}`); process.exit(1); }
