/**
 * The analysis worker's encoder threads and the batch buffers that travel to them. Batches wait in one
 * queue (a prioritised track's first) and go to whichever encoder is free; buffers are pooled, so PCM
 * memory stays at a fixed number of batches whatever the tracks' lengths. Producers (the decoders)
 * pause when the pool is spent and resume when a buffer comes back.
 */
import { Worker } from 'node:worker_threads';
import type { EncoderThreadInit, FromEncoderThread, ToEncoderThread } from './encoder-protocol';
import { ModelError } from './manifest';

export interface EncoderInfo {
  device: 'cpu' | 'cuda';
  embeddingSize: number;
  tagCount: number;
  fragmentSamples: number;
}

export interface BatchResult {
  embeddings: Float32Array;
  tags: Float32Array;
  runMs: number;
}

/** A batch of fragments on its way to an encoder; `settle` hears its result or why it failed. */
export interface Batch {
  /** Whose batch it is (withdraw() takes an owner's waiting batches back). */
  owner: object;
  pcm: Float32Array;
  count: number;
  isPriority(): boolean;
  settle(result: BatchResult | Error): void;
}

export interface EncoderStats {
  /** Wall time inside session.run, summed over batches. */
  runMs: number;
  fragments: number;
  batches: number;
  /** The encoder threads' CPU so far (null where it cannot be measured). */
  cpuMs: number | null;
}

interface EncoderThread {
  worker: Worker;
  busy: { batchId: number; batch: Batch } | null;
  cpuMs: number | null;
}

export class EncoderPool {
  private readonly queue: Batch[] = [];
  private readonly free: Float32Array[] = [];
  private outstanding = 0;
  private nextBatchId = 1;
  private readonly resumeWaiters = new Set<() => void>();
  private closing = false;
  readonly stats: EncoderStats = { runMs: 0, fragments: 0, batches: 0, cpuMs: 0 };

  private constructor(
    private readonly threads: EncoderThread[],
    readonly info: EncoderInfo,
    /** Fragments per batch buffer. */
    readonly batchSize: number,
    /** Batch buffers allowed in use at once before producers pause. */
    private readonly capacity: number,
    private readonly onCrash: (error: Error) => void,
  ) {
    for (const thread of threads) this.listen(thread);
  }

  /**
   * Starts `count` encoder threads from `path` and resolves once every one has loaded the model. The
   * first says which device it got: on CUDA one session feeds the GPU, and no more are started.
   */
  static async start(path: string, count: number, init: EncoderThreadInit, batchSize: number, capacity: number, onCrash: (error: Error) => void): Promise<EncoderPool> {
    const workers: Worker[] = [];
    const startOne = () => {
      const worker = new Worker(path);
      workers.push(worker);
      return new Promise<EncoderInfo>((resolve, reject) => {
        const onMessage = (message: FromEncoderThread) => {
          if (message.type === 'ready') resolve(message);
          else if (message.type === 'init-failed') reject(new ModelError(message.message, message.hint));
        };
        worker.on('message', onMessage);
        worker.once('error', reject);
        worker.once('exit', (code) => reject(new Error(`the encoder thread exited at start (code ${code})`)));
        worker.postMessage({ type: 'init', init } satisfies ToEncoderThread);
      });
    };
    try {
      const first = await startOne();
      const infos = [first, ...await Promise.all(Array.from({ length: first.device === 'cuda' ? 0 : count - 1 }, startOne))];
      for (const worker of workers) {
        worker.removeAllListeners('message');
        worker.removeAllListeners('error');
        worker.removeAllListeners('exit');
      }
      // CPU counts from 0 at start (the session's load is not a batch's cost) until a thread says it cannot measure.
      return new EncoderPool(workers.map((worker) => ({ worker, busy: null, cpuMs: 0 })), infos[0], batchSize, capacity, onCrash);
    } catch (error) {
      // Asked to close, not terminated: a thread still loading the model ends once the load is done
      // (terminating it mid-load takes the whole process down; see encoder-thread.ts).
      await Promise.all(workers.map((worker) => closeThread(worker)));
      throw error;
    }
  }

  /** Encoder threads running (one on CUDA, whatever was asked). */
  get threadCount(): number {
    return this.threads.length;
  }

  /** True when producers should pause: every buffer the pool allows is in use. */
  get spent(): boolean {
    return this.outstanding >= this.capacity;
  }

  /** A buffer for one batch. Always given (a producer mid-chunk must finish it); check `spent` after. */
  takeBuffer(): Float32Array {
    this.outstanding++;
    return this.free.pop() ?? new Float32Array(this.batchSize * this.info.fragmentSamples);
  }

  /** Gives back a buffer no batch was sent with (a track that failed or stopped mid-batch). */
  returnBuffer(pcm: Float32Array): void {
    this.outstanding--;
    if (this.free.length < this.capacity && pcm.length === this.batchSize * this.info.fragmentSamples) this.free.push(pcm);
    if (!this.spent) {
      const waiters = [...this.resumeWaiters];
      this.resumeWaiters.clear();
      waiters.forEach((resume) => resume());
    }
  }

  /** Calls `resume` once, when a buffer is free again. */
  whenFree(resume: () => void): void {
    if (!this.spent) resume();
    else this.resumeWaiters.add(resume);
  }

  submit(batch: Batch): void {
    this.queue.push(batch);
    this.dispatch();
  }

  /** Takes back the batches of `owner` still waiting (their track failed or was stopped). */
  withdraw(owner: object): void {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      if (this.queue[i].owner === owner) this.returnBuffer(this.queue.splice(i, 1)[0].pcm);
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    this.queue.length = 0;
    await Promise.all(this.threads.map((thread) => closeThread(thread.worker)));
  }

  private dispatch(): void {
    for (const thread of this.threads) {
      if (thread.busy || this.queue.length === 0) continue;
      const at = this.queue.findIndex((b) => b.isPriority());
      const batch = this.queue.splice(at >= 0 ? at : 0, 1)[0];
      const batchId = this.nextBatchId++;
      thread.busy = { batchId, batch };
      thread.worker.postMessage({ type: 'run', batchId, pcm: batch.pcm, count: batch.count } satisfies ToEncoderThread, [batch.pcm.buffer as ArrayBuffer]);
    }
  }

  private listen(thread: EncoderThread): void {
    thread.worker.on('message', (message: FromEncoderThread) => {
      if (message.type !== 'result' && message.type !== 'run-failed') return;
      const busy = thread.busy;
      thread.busy = null;
      if (!busy || busy.batchId !== message.batchId) return;
      this.returnBuffer(message.pcm);
      if (message.type === 'result') {
        this.stats.runMs += message.runMs;
        this.stats.fragments += busy.batch.count;
        this.stats.batches++;
        thread.cpuMs = message.cpuMs;
        this.stats.cpuMs = this.threads.every((t) => t.cpuMs !== null) ? this.threads.reduce((sum, t) => sum + (t.cpuMs ?? 0), 0) : null;
        busy.batch.settle({ embeddings: message.embeddings, tags: message.tags, runMs: message.runMs });
      } else {
        busy.batch.settle(new Error(`The sound model failed on this track: ${message.message}`));
      }
      this.dispatch();
    });
    const crashed = (reason: string) => {
      if (this.closing) return;
      this.closing = true;
      this.onCrash(new Error(`An encoder thread ${reason}.`));
    };
    thread.worker.on('error', (error) => crashed(`crashed (${error.message})`));
    thread.worker.on('exit', (code) => crashed(`exited (code ${code})`));
  }
}

/**
 * Asks an encoder thread to close and waits for it to exit: it finishes the model load or batch in hand
 * first. terminate() only when it does not answer within a minute (a hung native call).
 */
function closeThread(worker: Worker): Promise<void> {
  if (worker.threadId === -1) return Promise.resolve(); // already exited
  return new Promise<void>((resolve) => {
    const fallback = setTimeout(() => void worker.terminate().finally(resolve), 60_000);
    worker.once('exit', () => {
      clearTimeout(fallback);
      resolve();
    });
    worker.postMessage({ type: 'close' } satisfies ToEncoderThread);
  });
}
