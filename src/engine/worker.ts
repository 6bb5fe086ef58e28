/**
 * The analysis engine as a worker thread: stateless compute off the main thread. This thread only
 * moves audio: it runs one ffmpeg per core (track-decoder.ts), cuts their PCM into fragment batches as
 * it arrives and hands the batches to encoder threads (encoder-pool.ts), because onnxruntime's run
 * blocks its thread and the pipes must keep flowing meanwhile. A track someone waits for (priority)
 * starts decoding at once and the other decoders wait for it. A crash here is the worker's exit, seen
 * by the client, never the app's.
 */
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parentPort } from 'node:worker_threads';
import { ANALYSIS_TUNABLES } from '../shared/defaults';
import { DecodeError } from './decode';
import { toWireFragments, type EmbedOptions } from './embed-track';
import { EncoderPool } from './encoder-pool';
import { analysisSha256, loadModel, mapColouring, measuredTagGroups, ModelError, shownTagGroups } from './manifest';
import type { EngineStats, FromWorker, ToWorker, WorkerInit } from './protocol';
import { shownGroupIndices } from './tag-select';
import { threadCpuMs } from './thread-cpu';
import { TrackDecoder, type DecodedTrack } from './track-decoder';

const port = parentPort;
if (!port) throw new Error('analysis worker must run as a worker thread');

/** The encoder threads' bundle, built beside this one (electron.vite.config.ts). */
const ENCODER_THREAD_PATH = join(dirname(fileURLToPath(import.meta.url)), 'analysis-encoder.js');

interface Job {
  jobId: number;
  path: string;
  priority: boolean;
  decoder: TrackDecoder | null;
}

let init: WorkerInit | null = null;
let pool: EncoderPool | null = null;
let embedOptions: EmbedOptions | null = null;
let decoders = 1;
let encoderThreads = 1;
/** Jobs in arrival order: the first `decoders` of them decode, priority jobs whatever the count. */
const jobs: Job[] = [];
let closing = false;
let starting: Promise<void> = Promise.resolve();

function post(message: FromWorker, transfer: ArrayBuffer[] = []): void {
  port!.postMessage(message, transfer);
}

/**
 * One ffmpeg per core by default, and an encoder thread per few cores (the encoder is about a quarter
 * of the CPU a track costs). On CUDA the pool starts one session only (encoder-pool.ts).
 */
function lanes(given: WorkerInit): { decoders: number; encoderThreads: number } {
  const cores = availableParallelism();
  return {
    decoders: Math.max(1, given.decoders ?? Math.round(cores * ANALYSIS_TUNABLES.decodersPerCore)),
    encoderThreads: Math.max(1, given.encoderThreads ?? Math.floor(cores / ANALYSIS_TUNABLES.coresPerEncoderThread)),
  };
}

function finish(job: Job, result: DecodedTrack | Error): void {
  jobs.splice(jobs.indexOf(job), 1);
  if (result instanceof Error) {
    const transient = result instanceof DecodeError && result.transient;
    post({ type: 'failed', jobId: job.jobId, error: result.message, transient });
  } else {
    const { fragmentSamples, tagCount } = pool!.info;
    const wire = toWireFragments(result, fragmentSamples, tagCount, embedOptions!);
    post({ type: 'done', jobId: job.jobId, fragments: wire, audioSec: result.totalSamples / embedOptions!.sampleRate, decodeMs: result.decodeMs, encodeMs: result.encodeMs },
      [wire.vectors.buffer as ArrayBuffer, wire.starts.buffer as ArrayBuffer, wire.ends.buffer as ArrayBuffer]);
  }
  schedule();
}

/** Starts decoders for waiting jobs (priority first), and holds the others back while a priority job decodes. */
function schedule(): void {
  if (!pool || closing) return;
  const running = () => jobs.filter((j) => j.decoder?.decoding).length;
  for (const job of [...jobs.filter((j) => j.priority), ...jobs.filter((j) => !j.priority)]) {
    if (job.decoder) continue;
    if (!job.priority && running() >= decoders) break;
    job.decoder = new TrackDecoder(job.path, job.priority, pool, {
      ffmpeg: init!.ffmpeg, sampleRate: embedOptions!.sampleRate, retries: ANALYSIS_TUNABLES.decodeRetries,
      stepSamples: Math.round(init!.stepSeconds * embedOptions!.sampleRate),
    }, (result) => finish(job, result), schedule);
    job.decoder.start();
  }
  const seedDecoding = jobs.some((j) => j.priority && j.decoder?.decoding);
  for (const job of jobs) job.decoder?.holdBack(seedDecoding && !job.priority);
}

function stats(): EngineStats {
  const encoder = pool?.stats ?? { runMs: 0, fragments: 0, batches: 0, cpuMs: null };
  return { decoders, encoderThreads, readerCpuMs: threadCpuMs(), encoderCpuMs: encoder.cpuMs, encoderRunMs: encoder.runMs, fragments: encoder.fragments, batches: encoder.batches };
}

async function close(): Promise<void> {
  closing = true;
  for (const job of jobs) job.decoder?.abort();
  jobs.length = 0;
  // Exiting while the encoder threads still load the model would end them mid-load (see encoder-thread.ts).
  await starting;
  await pool?.close();
  process.exit(0); // in a worker thread this ends the thread only
}

async function start(given: WorkerInit): Promise<void> {
  try {
    const model = await loadModel(given.manifestPath);
    const { manifest } = model;
    ({ decoders, encoderThreads } = lanes(given));
    // A buffer filling per decoder, one more waiting for the encoder, and one in each encoder thread.
    const batchBuffers = decoders * ANALYSIS_TUNABLES.batchBuffersPerDecoder + encoderThreads;
    pool = await EncoderPool.start(ENCODER_THREAD_PATH, encoderThreads, { manifestPath: given.manifestPath, device: given.device, threads: given.threads },
      given.batchSize, batchBuffers, (error) => {
        // An encoder thread died: fail everything in hand and exit, so the client starts a fresh worker.
        for (const job of jobs) post({ type: 'failed', jobId: job.jobId, error: error.message });
        void close();
      });
    encoderThreads = pool.threadCount;
    embedOptions = {
      sampleRate: manifest.sample_rate, stepSeconds: given.stepSeconds, batchSize: given.batchSize,
      topTags: given.topTags, vocabulary: manifest.tags, shownGroups: shownGroupIndices(manifest),
    };
    post({ type: 'ready', model: {
      id: manifest.id, sha256: analysisSha256(manifest), featureVersion: manifest.feature_version ?? 1, embeddingSize: pool.info.embeddingSize,
      device: pool.info.device, stepSec: given.stepSeconds, mapColouring: mapColouring(manifest),
      shownTagGroups: shownTagGroups(manifest), measuredTagGroups: measuredTagGroups(manifest), decoders,
    } });
    schedule();
  } catch (error) {
    post({ type: 'init-failed', message: error instanceof Error ? error.message : String(error), hint: error instanceof ModelError ? error.hint : 'See the log for details.' });
  }
}

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'close':
      void close();
      return;
    case 'init':
      init = message.init;
      starting = start(message.init);
      return;
    case 'stats':
      post({ type: 'stats', stats: stats() });
      return;
    case 'prioritise':
      for (const job of jobs) {
        if (!message.paths.includes(job.path) || job.priority) continue;
        job.priority = true;
        if (job.decoder) job.decoder.priority = true;
      }
      schedule();
      return;
    case 'analyse':
      jobs.push({ jobId: message.jobId, path: message.path, priority: message.priority === true, decoder: null });
      schedule();
  }
});
