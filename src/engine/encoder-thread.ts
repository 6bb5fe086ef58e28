/**
 * An encoder thread: holds one ONNX session (encoder.ts, the single factory) and runs the batches the
 * analysis worker sends, one at a time, handing each batch buffer back with its vectors and tags.
 */
import { parentPort } from 'node:worker_threads';
import { createEncoder, type Encoder } from './encoder';
import type { FromEncoderThread, ToEncoderThread } from './encoder-protocol';
import { loadModel, ModelError } from './manifest';
import { threadCpuMs } from './thread-cpu';

const port = parentPort;
if (!port) throw new Error('the encoder must run as a worker thread');

let encoder: Encoder | null = null;
/**
 * The model load and the batch in flight: a close waits for both, because ending the thread while
 * onnxruntime's native code still works for it throws a Napi::Error that no JS can catch, and std::terminate
 * ends the whole process (the app's service host, or a test runner), not only this thread.
 */
let loading: Promise<void> = Promise.resolve();
let running: Promise<void> = Promise.resolve();
/** This thread's CPU when the model was loaded: results report the CPU of batches only. */
let cpuAtReady: number | null = null;

function batchCpuMs(): number | null {
  const now = threadCpuMs();
  return now === null || cpuAtReady === null ? null : now - cpuAtReady;
}

function post(message: FromEncoderThread, transfer: ArrayBuffer[] = []): void {
  port!.postMessage(message, transfer);
}

async function run(batchId: number, pcm: Float32Array, count: number): Promise<void> {
  try {
    if (!encoder) throw new Error('the encoder is not loaded');
    const started = performance.now();
    const { embeddings, tags } = await encoder.run(pcm.subarray(0, count * encoder.fragmentSamples), count);
    const runMs = performance.now() - started;
    // Copies: the outputs may be views on onnxruntime's own memory, and they are small (count x 402 floats).
    const ownEmbeddings = embeddings.slice();
    const ownTags = tags.slice();
    post({ type: 'result', batchId, pcm, embeddings: ownEmbeddings, tags: ownTags, runMs, cpuMs: batchCpuMs() },
      [pcm.buffer as ArrayBuffer, ownEmbeddings.buffer as ArrayBuffer, ownTags.buffer as ArrayBuffer]);
  } catch (error) {
    post({ type: 'run-failed', batchId, pcm, message: error instanceof Error ? error.message : String(error) }, [pcm.buffer as ArrayBuffer]);
  }
}

port.on('message', (message: ToEncoderThread) => {
  if (message.type === 'run') {
    running = run(message.batchId, message.pcm, message.count);
  } else if (message.type === 'init') {
    loading = (async () => {
      try {
        const model = await loadModel(message.init.manifestPath);
        encoder = await createEncoder(model, { device: message.init.device, threads: message.init.threads });
        cpuAtReady = threadCpuMs();
        post({ type: 'ready', device: encoder.device, embeddingSize: encoder.embeddingSize, tagCount: encoder.tagCount, fragmentSamples: encoder.fragmentSamples });
      } catch (error) {
        post({ type: 'init-failed', message: error instanceof Error ? error.message : String(error), hint: error instanceof ModelError ? error.hint : 'See the log for details.' });
      }
    })();
  } else {
    // A close waits for the load and the batch in hand, so native work is never cut short.
    void (async () => {
      await loading;
      await running;
      await encoder?.release().catch(() => undefined);
      process.exit(0); // ends this thread only
    })();
  }
});
