// Speed of the exported encoder in onnxruntime-node: fragments/s at batch 1 and 32, 1 and 2 intra-op threads.
// usage: node models/training/bench_onnx.mjs <model.onnx> [out.json] [seconds-per-rep=1] [reps=5]
// The machine is shared, so each case is repeated: best = least disturbed run, median = typical.
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(resolve(dirname(fileURLToPath(import.meta.url)), '../../package.json'));
const ort = require('onnxruntime-node');

const [modelPath, outPath, secArg] = process.argv.slice(2);
const seconds = Number(secArg ?? 1);
const reps = Number(process.argv[5] ?? 5);
const SAMPLES = 110250;
const results = [];
let seed = 1;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) - 0.5;
for (const threads of [1, 2]) {
  const session = await ort.InferenceSession.create(modelPath, {
    intraOpNumThreads: threads, interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all',
  });
  for (const batch of [1, 32]) {
    const data = new Float32Array(batch * SAMPLES);
    for (let i = 0; i < data.length; i++) data[i] = 0.2 * rand();
    const feeds = { pcm: new ort.Tensor('float32', data, [batch, SAMPLES]) };
    for (let i = 0; i < 2; i++) await session.run(feeds); // warm-up
    const runs = [];
    for (let rep = 0; rep < reps; rep++) {
      let n = 0;
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      while (performance.now() - t0 < seconds * 1000) { await session.run(feeds); n += batch; }
      const wall = (performance.now() - t0) / 1000;
      const cpu = process.cpuUsage(cpu0);
      runs.push({ fps: n / wall, cpu_ms: (cpu.user + cpu.system) / 1000 / n });
    }
    const fps = runs.map((x) => x.fps).sort((a, b) => a - b);
    const cpuMs = runs.map((x) => x.cpu_ms).sort((a, b) => a - b);
    const mid = Math.floor(runs.length / 2);
    const r = { threads, batch, fragments_per_s: fps[fps.length - 1], fragments_per_s_median: fps[mid],
      ms_per_fragment: 1000 / fps[fps.length - 1], cpu_ms_per_fragment: cpuMs[0], cpu_ms_per_fragment_median: cpuMs[mid], reps };
    results.push(r);
    console.log(JSON.stringify(r));
  }
  await session.release?.();
}
const out = { model: modelPath, onnxruntime_node: require('onnxruntime-node/package.json').version,
  cpu: cpus()[0]?.model, cores: cpus().length, node: process.version, seconds_per_rep: seconds, reps, results,
  note: 'shared 2-core machine (other builds running): best = least disturbed repetition, median = typical' };
if (outPath) writeFileSync(outPath, JSON.stringify(out, null, 1));
