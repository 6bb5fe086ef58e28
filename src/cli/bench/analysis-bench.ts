/**
 * `soundlike bench analysis`: the analysis pipeline against the machine's physical limit. Raw ffmpeg
 * decode-only of the same files (the app's own ffmpeg arguments, output to /dev/null, one process per
 * core) is timed before and after the pipeline (scan, then analyse through the services as the CLI
 * does), in the same run. Reports the ratio, tracks/hour, CPU seconds per track by stage, the encoder's
 * time per fragment inside the pipeline and alone, the peak RSS of the whole process tree, and how long
 * a seed asked for mid-run takes to be analysed.
 */
import { availableParallelism, loadavg } from 'node:os';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ANALYSIS_TUNABLES } from '../../shared/defaults';
import { decodeArgs } from '../../engine/decode';
import { createEncoder } from '../../engine/encoder';
import { loadModel } from '../../engine/manifest';
import type { EngineStats } from '../../engine/protocol';
import { resolveFfmpeg } from '../../main/ffmpeg';
import { defaultManifestPath } from '../../main/paths';
import { createServices, type Services } from '../../main/services';
import { threadCpuMs } from '../../engine/thread-cpu';
import { benchMusic } from './bench-music';
import { benchDir, mb, run } from './bench-common';
import { childrenCpuMs, watchPeakRss } from './process-tree';

const log = (s: string) => process.stderr.write(`${s}\n`);
const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
const perTrack = (ms: number | null, tracks: number) => (ms === null ? 'not measured' : round(ms / 1000 / tracks, 3));

/** Runs `job` over `items` with `width` at a time. */
async function inParallel<T>(items: T[], width: number, job: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await job(items[next++]);
  }));
}

/** Raw ffmpeg decode of every file to /dev/null, one process per core: what the hardware allows. */
async function rawDecode(ffmpeg: string, files: string[], sampleRate: number, width: number) {
  const cpu0 = childrenCpuMs();
  const peak = watchPeakRss();
  const t = performance.now();
  await inParallel(files, width, (f) => run(ffmpeg, decodeArgs(f, sampleRate, '/dev/null')));
  const ms = performance.now() - t;
  const cpu1 = childrenCpuMs();
  return { ms, cpuMs: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0, peakRss: peak.stop() };
}

/**
 * The encoder alone on real PCM (the first fragments of a bench file), batch as the app runs it: wall
 * and CPU ms per fragment (onnxruntime's run blocks this thread, so this thread's CPU is the run's).
 */
async function encoderAlone(ffmpeg: string, file: string, manifestPath: string, batch: number, threads: number): Promise<{ wallMs: number; cpuMs: number | null }> {
  const model = await loadModel(manifestPath);
  const samples = model.manifest.fragment_samples;
  const { stdout } = await run(ffmpeg, decodeArgs(file, model.manifest.sample_rate).map((a) => (a === 'pipe:1' ? '-' : a)),
    { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 });
  const pcm = new Float32Array(batch * samples);
  new Uint8Array(pcm.buffer).set((stdout as Buffer).subarray(0, pcm.byteLength));
  const encoder = await createEncoder(model, { device: 'cpu', threads });
  try {
    await encoder.run(pcm, batch); // warm-up
    const t = performance.now();
    const cpu = threadCpuMs();
    const runs = 5;
    for (let i = 0; i < runs; i++) await encoder.run(pcm, batch);
    const cpuAfter = threadCpuMs();
    return { wallMs: (performance.now() - t) / runs / batch, cpuMs: cpu === null || cpuAfter === null ? null : (cpuAfter - cpu) / runs / batch };
  } finally {
    await encoder.release();
  }
}

/**
 * Asks for a radio's seed mid-run (a track at the end of the queue, not analysed yet) and times until
 * its analysis is stored: what a user waits for pressing "play similar" during a big analysis.
 */
async function seedLatencies(services: Services, trackIds: number[], marks: number[]): Promise<number[]> {
  const { analysis } = services.api;
  const latencies: number[] = [];
  const askAt = marks.map((m) => Math.floor(trackIds.length * m));
  let done = 0;
  let asked = 0;
  const pending: Promise<void>[] = [];
  await new Promise<void>((resolve) => {
    const unsubscribe = analysis.onDidAnalyseTrack(() => {
      done++;
      while (asked < askAt.length && done >= askAt[asked]) {
        const seed = trackIds[trackIds.length - 1 - asked]; // the last in line, so it is surely still pending
        asked++;
        const t = performance.now();
        pending.push(analysis.analyseSeeds([seed]).then(([state]) => {
          latencies.push(state.status === 'done' ? Math.round(performance.now() - t) : -1);
        }));
      }
      if (asked === askAt.length) {
        unsubscribe();
        resolve();
      }
    });
  });
  await Promise.all(pending);
  return latencies;
}

/**
 * What bounds pipeline / raw on this machine. With every core busy the ratio is decode CPU over all CPU, so
 * it cannot pass raw / (raw + the encoder's own CPU): `ceilingWithThisEncoder`. Below that, moving PCM costs
 * (ffmpeg writing into the pipe instead of /dev/null, the worker reading it) and contention. `encoderBudget`
 * is the encoder CPU per track that the 0.75 target would leave, given the measured rest.
 */
function ratioLimits(rawCpu: number | null, stages: Record<string, unknown>, encoderAloneMs: number | null, fragmentsPerTrack: number) {
  const num = (key: string) => (typeof stages[key] === 'number' ? (stages[key] as number) : null);
  const decode = num('decodeFfmpeg');
  const pcm = num('pcmHandling');
  const storage = num('storageAndOrchestration');
  const other = num('otherThreads');
  if (rawCpu === null || encoderAloneMs === null || decode === null || pcm === null || storage === null || other === null) return 'not measured';
  const encoderAlone = (encoderAloneMs * fragmentsPerTrack) / 1000;
  const pipeOverhead = decode - rawCpu + pcm;
  return {
    encoderAloneCpuSecPerTrack: round(encoderAlone, 3),
    ceilingWithThisEncoder: round(rawCpu / (rawCpu + encoderAlone)),
    pipeOverheadCpuSecPerTrack: round(pipeOverhead, 3),
    encoderBudgetAt075CpuSecPerTrack: round(rawCpu / 0.75 - rawCpu - pipeOverhead - storage - other, 3),
  };
}

export async function benchAnalysis(options: { tracks: number; minutes: number; manifestPath?: string }): Promise<Record<string, unknown>> {
  const ffmpeg = await resolveFfmpeg(null);
  if (!ffmpeg) throw new Error('ffmpeg is needed for the analysis benchmark.');
  const manifestPath = options.manifestPath ?? defaultManifestPath();
  const cores = availableParallelism();
  const files = await benchMusic(ffmpeg.path, options.tracks, options.minutes, cores, log);
  for (const f of files) await readFile(f); // the same page-cache state for every measurement (one file held at a time)
  const { manifest } = await loadModel(manifestPath);

  log(`raw ffmpeg decode, ${cores} at a time ...`);
  const rawBefore = await rawDecode(ffmpeg.path, files, manifest.sample_rate, cores);

  const loadAtStart = loadavg().map((l) => round(l, 1));
  const root = benchDir('analysis');
  const services = await createServices({ dataDir: join(root, 'data'), transport: 'web', live: false, manifestPath });
  let pipeline: { ms: number; done: number; fragments: number; failed: number; audioSec: number };
  let stages: Record<string, unknown>;
  let seeds: number[];
  let seedAtStart: number;
  let inside: { wallMs: number; cpuMs: number | null };
  let cpuPerTrack: { pipeline: number | null; raw: number | null };
  let engine: EngineStats;
  let peakRss: number | null;
  try {
    await services.api.library.addFolderAndScan(join(files[0], '..'));
    const tracks = (await services.api.library.listTracks()).map((t) => t.id).sort((a, b) => a - b);
    let t = performance.now();
    const model = await services.engine.start();
    const loadMs = performance.now() - t;
    log(`model ${model.id} loaded in ${Math.round(loadMs)} ms; analysing ${tracks.length} tracks ...`);

    const before = { children: childrenCpuMs(), main: threadCpuMs(), process: process.cpuUsage(), engine: await services.engine.stats() };
    const peak = watchPeakRss();
    t = performance.now();
    // The run starts from a seed asked for (its decoder alone, the others held back), then three more
    // seeds are asked for while it runs at full load.
    const [firstSeed] = await services.api.analysis.analyseSeeds([tracks[tracks.length - 1]]);
    seedAtStart = firstSeed.status === 'done' ? Math.round(performance.now() - t) : -1;
    seeds = await seedLatencies(services, tracks.slice(0, -1), [0.25, 0.5, 0.75]);
    await services.api.analysis.idle();
    const ms = performance.now() - t;
    peakRss = peak.stop();
    const after = { children: childrenCpuMs(), main: threadCpuMs(), process: process.cpuUsage(before.process), engine: await services.engine.stats() };
    if (!before.engine || !after.engine) throw new Error('the analysis engine stopped during the benchmark');
    engine = after.engine;
    const status = await services.api.analysis.getAnalysisStatus();
    const audioSec = (await services.api.library.listTracks()).reduce((sum, tr) => sum + (tr.decodedSec ?? 0), 0);
    pipeline = { ms, done: status.counts.done, fragments: status.counts.fragments, failed: status.counts.failed, audioSec };
    const n = Math.max(1, status.counts.done);
    const sub = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);
    const decodeCpu = sub(after.children, before.children);
    const readerCpu = sub(after.engine.readerCpuMs, before.engine.readerCpuMs);
    const encoderCpu = sub(after.engine.encoderCpuMs, before.engine.encoderCpuMs);
    const mainCpu = sub(after.main, before.main);
    const processCpu = (after.process.user + after.process.system) / 1000;
    stages = {
      decodeFfmpeg: perTrack(decodeCpu, n),
      pcmHandling: perTrack(readerCpu, n),
      encoder: perTrack(encoderCpu, n),
      storageAndOrchestration: perTrack(mainCpu, n),
      otherThreads: perTrack(readerCpu === null || encoderCpu === null || mainCpu === null ? null : processCpu - readerCpu - encoderCpu - mainCpu, n),
      total: perTrack(decodeCpu === null ? null : decodeCpu + processCpu, n),
    };
    const encoded = Math.max(1, after.engine.fragments - before.engine.fragments);
    inside = { wallMs: (after.engine.encoderRunMs - before.engine.encoderRunMs) / encoded, cpuMs: encoderCpu === null ? null : encoderCpu / encoded };
    cpuPerTrack = { pipeline: decodeCpu === null ? null : (decodeCpu + processCpu) / n, raw: null };
    log(`pipeline: ${status.counts.done} tracks, ${status.counts.fragments} fragments in ${Math.round(ms)} ms`);
  } finally {
    await services.dispose();
  }

  log('raw ffmpeg decode again ...');
  const rawAfter = await rawDecode(ffmpeg.path, files, manifest.sample_rate, cores);
  const alone = await encoderAlone(ffmpeg.path, files[0], manifestPath, ANALYSIS_TUNABLES.batchSize, 1);
  cpuPerTrack.raw = rawBefore.cpuMs === null ? null : rawBefore.cpuMs / files.length;

  const rawMs = (rawBefore.ms + rawAfter.ms) / 2;
  const pipelineRate = pipeline.done / (pipeline.ms / 1000);
  const rawRate = files.length / (rawMs / 1000);
  const perHour = pipelineRate * 3600;
  return {
    machine: `${cores} cores`,
    loadAverageAtStart: loadAtStart,
    tracks: files.length,
    minutesPerTrack: options.minutes,
    audioHours: round(pipeline.audioSec / 3600),
    fragments: pipeline.fragments,
    failed: pipeline.failed,
    lanes: { decoders: engine.decoders, encoderThreads: engine.encoderThreads },
    rawFfmpeg: {
      command: `ffmpeg ${decodeArgs('FILE', manifest.sample_rate, '/dev/null').join(' ')}`,
      parallel: cores,
      msBefore: Math.round(rawBefore.ms), msAfter: Math.round(rawAfter.ms),
      tracksPerSec: round(rawRate), cpuSecPerTrack: perTrack(rawBefore.cpuMs, files.length),
    },
    pipeline: {
      ms: Math.round(pipeline.ms), tracksPerSec: round(pipelineRate), tracksPerHour: Math.round(perHour),
      realtimeX: Math.round(pipeline.audioSec / (pipeline.ms / 1000)),
    },
    pipelineOverRaw: round(pipelineRate / rawRate),
    // Where every core is busy (a quiet machine), throughput follows CPU per track: this ratio is what the
    // wall-clock one becomes there. Under other programs' load the pipeline's extra threads win it a larger
    // share of the machine than raw ffmpeg gets, which flatters the wall-clock ratio.
    cpuBoundRatio: cpuPerTrack.pipeline === null || cpuPerTrack.raw === null ? 'not measured' : round(cpuPerTrack.raw / cpuPerTrack.pipeline),
    cpuSecPerTrack: stages,
    // Wall time inside the pipeline includes waiting for a core the decoders hold; CPU is the encoder's own cost.
    encoderMsPerFragment: {
      insidePipeline: { wall: round(inside.wallMs), cpu: inside.cpuMs === null ? 'not measured' : round(inside.cpuMs) },
      alone: { wall: round(alone.wallMs), cpu: alone.cpuMs === null ? 'not measured' : round(alone.cpuMs) },
      batch: ANALYSIS_TUNABLES.batchSize,
    },
    limits: ratioLimits(cpuPerTrack.raw === null ? null : cpuPerTrack.raw / 1000, stages, alone.cpuMs, pipeline.fragments / Math.max(1, pipeline.done)),
    peakRssMB: { pipelineTree: peakRss === null ? 'not measured' : mb(peakRss), rawFfmpegTree: rawBefore.peakRss === null ? 'not measured' : mb(rawBefore.peakRss) },
    seedLatencyMs: { atRunStart: seedAtStart, underLoad: seeds, limit: 2000 },
    // Other programs' load skews every figure above: the lead reruns this on a quiet machine.
    loadAverageAtEnd: loadavg().map((l) => round(l, 1)),
    estimate100kTracksHours: round(100_000 / perHour, 1),
  };
}
