/**
 * The analysis engine as a worker thread: stateless compute off the main thread (decode -> fragments ->
 * ONNX encoder -> per-track result). Jobs run one at a time through the encoder while the next job's
 * ffmpeg decode already runs in its own process, so decoding and inference overlap on two cores.
 * A crash here is the worker's exit, seen by the client, never the app's.
 */
import { parentPort } from 'node:worker_threads';
import { ANALYSIS_TUNABLES } from '../shared/defaults';
import { decodePcm, DecodeError } from './decode';
import { embedPcm, type EmbedOptions } from './embed-track';
import { createEncoder, type Encoder } from './encoder';
import { loadModel, mapColouring, measuredTagGroups, ModelError, shownTagGroups, type LoadedModel } from './manifest';
import type { FromWorker, ToWorker, WireFragments, WorkerInit } from './protocol';
import { shownGroupIndices } from './tag-select';

interface Job {
  jobId: number;
  path: string;
  decodeOnly: boolean;
  decoded?: Promise<{ pcm: Float32Array; ms: number }>;
}

const port = parentPort;
if (!port) throw new Error('analysis worker must run as a worker thread');

let init: WorkerInit | null = null;
let model: LoadedModel | null = null;
let encoder: Encoder | null = null;
/** Worked out once at init (the shown groups' vocabulary indices included), the same for every job. */
let embedOptions: EmbedOptions | null = null;
const jobs: Job[] = [];
let pumping = false;

function post(message: FromWorker, transfer: ArrayBuffer[] = []): void {
  port!.postMessage(message, transfer);
}

function startDecode(job: Job): Promise<{ pcm: Float32Array; ms: number }> {
  const started = performance.now();
  const decoded = decodePcm(job.path, { ffmpeg: init!.ffmpeg, sampleRate: model!.manifest.sample_rate, retries: ANALYSIS_TUNABLES.decodeRetries })
    .then((pcm) => ({ pcm, ms: performance.now() - started }));
  // A decode started ahead may fail before anyone awaits it: that must not count as unhandled
  // (it would end the worker); the job sees the rejection when its turn comes.
  decoded.catch(() => undefined);
  return decoded;
}

function toWire(fragments: Awaited<ReturnType<typeof embedPcm>>, size: number): WireFragments {
  const vectors = new Float32Array(fragments.length * size);
  fragments.forEach((f, i) => vectors.set(f.vector, i * size));
  return {
    starts: Float64Array.from(fragments, (f) => f.startSec),
    ends: Float64Array.from(fragments, (f) => f.endSec),
    vectors,
    tags: fragments.map((f) => f.tags),
  };
}

async function pump(): Promise<void> {
  if (pumping) return;
  pumping = true;
  try {
    while (jobs.length > 0) {
      const job = jobs.shift() as Job;
      job.decoded ??= startDecode(job);
      if (jobs[0]) jobs[0].decoded ??= startDecode(jobs[0]); // overlap the next decode with this encode
      try {
        const { pcm, ms } = await job.decoded;
        const audioSec = pcm.length / model!.manifest.sample_rate;
        if (job.decodeOnly) {
          post({ type: 'decoded', jobId: job.jobId, audioSec, decodeMs: ms });
          continue;
        }
        if (pcm.length === 0) throw new Error('ffmpeg decoded no audio from this file.');
        const started = performance.now();
        const fragments = await embedPcm(pcm, encoder!, embedOptions!);
        const wire = toWire(fragments, encoder!.embeddingSize);
        post({ type: 'done', jobId: job.jobId, fragments: wire, audioSec, decodeMs: ms, encodeMs: performance.now() - started },
          [wire.vectors.buffer as ArrayBuffer, wire.starts.buffer as ArrayBuffer, wire.ends.buffer as ArrayBuffer]);
      } catch (error) {
        const transient = error instanceof DecodeError && error.transient;
        post({ type: 'failed', jobId: job.jobId, error: error instanceof Error ? error.message : String(error), transient });
      }
    }
  } finally {
    pumping = false;
  }
}

async function close(): Promise<void> {
  jobs.length = 0;
  while (pumping) await new Promise((resolve) => setTimeout(resolve, 10));
  await encoder?.release().catch(() => undefined);
  process.exit(0); // in a worker thread this ends the thread only
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'close') {
    void close();
    return;
  }
  if (message.type === 'init') {
    init = message.init;
    void (async () => {
      try {
        model = await loadModel(message.init.manifestPath);
        encoder = await createEncoder(model, { device: message.init.device, threads: message.init.threads });
        const { manifest } = model;
        embedOptions = {
          sampleRate: manifest.sample_rate, stepSeconds: message.init.stepSeconds, batchSize: message.init.batchSize,
          topTags: message.init.topTags, vocabulary: manifest.tags, shownGroups: shownGroupIndices(manifest),
        };
        post({ type: 'ready', model: {
          id: manifest.id, sha256: manifest.sha256, featureVersion: manifest.feature_version ?? 1, embeddingSize: encoder.embeddingSize,
          device: encoder.device, stepSec: message.init.stepSeconds, mapColouring: mapColouring(manifest),
          shownTagGroups: shownTagGroups(manifest), measuredTagGroups: measuredTagGroups(manifest),
        } });
      } catch (error) {
        post({ type: 'init-failed', message: error instanceof Error ? error.message : String(error), hint: error instanceof ModelError ? error.hint : 'See the log for details.' });
      }
    })();
    return;
  }
  const job: Job = { jobId: message.jobId, path: message.path, decodeOnly: message.type === 'decode' };
  jobs.push(job);
  // A job arriving while another encodes: start its decode now, so ffmpeg works on the other core.
  if (pumping && jobs[0] === job && model) job.decoded = startDecode(job);
  void pump();
});
