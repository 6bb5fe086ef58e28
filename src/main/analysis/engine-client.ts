/**
 * Main's handle on the analysis worker: starts it, sends jobs, resolves each job's promise from the
 * worker's answer. If the worker dies (a crash, an out-of-memory kill) every job in flight fails with
 * that reason and the next job starts a fresh worker: analysis is recycled, the app goes on.
 */
import { Worker } from 'node:worker_threads';
import type { EngineStats, FromWorker, ModelInfo, ToWorker, WireFragments, WorkerInit } from '../../engine/protocol';
import { SoundlikeError } from '../../shared/errors';
import { closeWorker } from '../worker-close';

export interface AnalysedTrack {
  fragments: WireFragments;
  audioSec: number;
  decodeMs: number;
  encodeMs: number;
}

/** The engine was stopped on purpose (pause, settings change, quit): the job did not fail. */
export class EngineStoppedError extends Error {}

/** The job failed for a passing reason (its decoder was killed), not because of the file: worth another run. */
export class TransientAnalysisError extends Error {}

interface Pending {
  resolve(value: FromWorker): void;
  reject(error: Error): void;
}

export class EngineClient {
  private worker: Worker | null = null;
  private ready: Promise<ModelInfo> | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextJob = 1;
  private statsWaiters: ((stats: EngineStats | null) => void)[] = [];

  constructor(private readonly workerPath: string, private readonly init: () => Promise<WorkerInit>) {}

  /** Starts the worker if needed and resolves with the model it loaded. */
  start(): Promise<ModelInfo> {
    this.ready ??= this.spawn();
    return this.ready;
  }

  /**
   * Decodes and embeds one file. Rejects with the reason when the file cannot be analysed. A priority
   * job (someone waits for it) is decoded at once, ahead of the others.
   */
  async analyse(path: string, options: { priority?: boolean } = {}): Promise<AnalysedTrack> {
    await this.start();
    const jobId = this.nextJob++;
    const answer = new Promise<FromWorker>((resolve, reject) => this.pending.set(jobId, { resolve, reject }));
    this.worker?.postMessage({ type: 'analyse', jobId, path, priority: options.priority === true } satisfies ToWorker);
    const settled = await answer;
    if (settled.type === 'done') return settled;
    if (settled.type === 'failed' && settled.transient) throw new TransientAnalysisError(settled.error);
    throw new Error(settled.type === 'failed' ? settled.error : `unexpected answer ${settled.type}`);
  }

  /** Jobs already sent for these files jump ahead (a radio now waits for one of them). */
  prioritise(paths: string[]): void {
    this.worker?.postMessage({ type: 'prioritise', paths } satisfies ToWorker);
  }

  /** Where the worker's time went so far (the benchmark's per-stage figures); null when it is not running. */
  async stats(): Promise<EngineStats | null> {
    const worker = this.worker;
    if (!worker || !this.ready) return null;
    await this.ready;
    return new Promise<EngineStats | null>((resolve) => {
      this.statsWaiters.push(resolve);
      worker.postMessage({ type: 'stats' } satisfies ToWorker);
    });
  }

  get inFlight(): number {
    return this.pending.size;
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.ready = null;
    this.failAll(new EngineStoppedError('Analysis was stopped.'));
    // A minute before terminate(): the worker first waits for its encoder threads to finish loading the
    // model or the batch in hand (ending them mid-call takes the whole process down).
    if (worker) await closeWorker(worker, { type: 'close' } satisfies ToWorker, 60_000);
  }

  private spawn(): Promise<ModelInfo> {
    return new Promise<ModelInfo>((resolve, reject) => {
      const worker = new Worker(this.workerPath);
      this.worker = worker;
      let started = false;
      worker.on('message', (message: FromWorker) => {
        if (message.type === 'ready') {
          started = true;
          resolve(message.model);
        } else if (message.type === 'init-failed') {
          this.ready = null;
          void closeWorker(worker, { type: 'close' } satisfies ToWorker, 60_000);
          reject(new SoundlikeError('MODEL_UNAVAILABLE', message.message, message.hint));
        } else if (message.type === 'stats') {
          const waiters = this.statsWaiters;
          this.statsWaiters = [];
          waiters.forEach((resolve) => resolve(message.stats));
        } else {
          const job = this.pending.get(message.jobId);
          this.pending.delete(message.jobId);
          job?.resolve(message);
        }
      });
      worker.on('error', (error) => {
        if (!started) reject(new SoundlikeError('MODEL_UNAVAILABLE', `The analysis engine failed to start: ${error.message}`, 'See the log for details.'));
        this.failAll(new Error(`The analysis engine crashed: ${error.message}`));
      });
      worker.on('exit', (code) => {
        if (this.worker === worker) {
          this.worker = null;
          this.ready = null;
        }
        if (!started) reject(new SoundlikeError('MODEL_UNAVAILABLE', `The analysis engine exited at start (code ${code}).`, 'See the log for details.'));
        this.failAll(new Error(`The analysis engine stopped (exit code ${code}).`));
      });
      void this.init().then((init) => worker.postMessage({ type: 'init', init } satisfies ToWorker), (error: Error) => {
        void worker.terminate();
        reject(error);
      });
    });
  }

  private failAll(error: Error): void {
    const waiters = this.statsWaiters;
    this.statsWaiters = [];
    waiters.forEach((resolve) => resolve(null));
    for (const job of this.pending.values()) job.reject(error);
    this.pending.clear();
  }
}
