/**
 * One track's analysis inside the worker: ffmpeg's PCM is read straight off the pipe into fragment
 * windows (stream-fragments.ts), each window copied once into a pooled batch buffer, batches go to the
 * encoder threads as they fill, and their vectors come back in any order. Memory per track is one
 * batch being filled plus two fragments, whatever the track's length. A decoder killed by a signal is
 * started again from the top (at most `retries` times): the message that finally stands counts the tries.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { ANALYSIS_TUNABLES } from '../shared/defaults';
import { decodeArgs, DecodeError, decodeFailure } from './decode';
import type { BatchResult, EncoderPool } from './encoder-pool';
import { StreamFragmenter } from './stream-fragments';

export interface TrackDecoderOptions {
  ffmpeg: string;
  sampleRate: number;
  stepSamples: number;
  retries: number;
}

/** What a finished track hands back: per fragment its sample span, vector and tag probabilities. */
export interface DecodedTrack {
  totalSamples: number;
  starts: number[];
  /** fragments x embeddingSize, in fragment order. */
  vectors: Float32Array;
  /** fragments x tagCount, in fragment order (empty when the model has no tags). */
  tags: Float32Array;
  decodeMs: number;
  encodeMs: number;
}

interface PendingBatch {
  attempt: number;
  /** Index of the batch's first fragment in the track. */
  first: number;
  count: number;
}

export class TrackDecoder {
  private child: ChildProcess | null = null;
  private attempt = 0;
  private fragmenter!: StreamFragmenter;
  private starts: number[] = [];
  private filling: { pcm: Float32Array; first: number; count: number } | null = null;
  private readonly results = new Map<number, BatchResult>();
  private inEncoder = 0;
  private decodeDone = false;
  private totalSamples = 0;
  private decodeMs = 0;
  private encodeMs = 0;
  private settled = false;
  private paused = false;
  /** Held back by a prioritised track (its decoder gets the cores). */
  private heldBack = false;
  private decodeStarted = 0;
  private readonly resumeFlow = () => this.updateFlow();

  constructor(
    readonly path: string,
    public priority: boolean,
    private readonly pool: EncoderPool,
    private readonly options: TrackDecoderOptions,
    private readonly onSettled: (result: DecodedTrack | Error) => void,
    /** ffmpeg finished this track (its last batches may still be encoding): a decoder slot is free. */
    private readonly onDecoded: () => void = () => undefined,
  ) {}

  /** True from start() until ffmpeg has finished (or the track failed). */
  get decoding(): boolean {
    return this.decodeStarted > 0 && !this.decodeDone && !this.settled;
  }

  start(): void {
    this.decodeStarted = performance.now();
    this.startAttempt();
  }

  /** Pauses or resumes reading ffmpeg (which then blocks on its full pipe and yields its core). */
  holdBack(hold: boolean): void {
    this.heldBack = hold;
    this.updateFlow();
  }

  /** Stops the track for good (the worker is closing): nothing is reported. */
  abort(): void {
    this.settled = true;
    this.release();
  }

  private startAttempt(): void {
    const attempt = this.attempt;
    const F = this.pool.info.fragmentSamples;
    this.starts = [];
    this.results.clear();
    this.totalSamples = 0;
    this.fragmenter = new StreamFragmenter(F, Math.min(this.options.stepSamples, F), (start, samples) => this.addFragment(start, samples, attempt));
    const child = spawn(this.options.ffmpeg, decodeArgs(this.path, this.options.sampleRate), { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    let stderr = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (text: string) => {
      stderr = (stderr + text).slice(-2000);
    });
    child.stdout!.on('data', (chunk: Buffer) => {
      if (attempt !== this.attempt || this.settled) return;
      this.fragmenter.push(chunk);
    });
    child.on('error', (error) => this.decodeEnded(attempt, new DecodeError(`ffmpeg could not be run (${error.message}).`)));
    child.on('close', (code, signal) => this.decodeEnded(attempt, decodeFailure(code, signal, stderr)));
    this.updateFlow();
  }

  private addFragment(start: number, samples: Float32Array, attempt: number): void {
    const F = this.pool.info.fragmentSamples;
    this.filling ??= { pcm: this.pool.takeBuffer(), first: this.starts.length, count: 0 };
    const offset = this.filling.count * F;
    this.filling.pcm.set(samples, offset);
    if (samples.length < F) this.filling.pcm.fill(0, offset + samples.length, offset + F); // a track shorter than one fragment
    this.filling.count++;
    this.starts.push(start);
    // A track someone waits for goes in smaller batches: its encoding overlaps its own decoding.
    const batchSize = this.priority ? Math.min(this.pool.batchSize, ANALYSIS_TUNABLES.priorityBatchSize) : this.pool.batchSize;
    if (this.filling.count >= batchSize) this.send(attempt);
    this.updateFlow();
  }

  /** Sends the batch being filled to the encoders. */
  private send(attempt: number): void {
    const filling = this.filling;
    if (!filling) return;
    this.filling = null;
    const pending: PendingBatch = { attempt, first: filling.first, count: filling.count };
    this.inEncoder++;
    this.pool.submit({
      pcm: filling.pcm,
      count: filling.count,
      owner: this,
      isPriority: () => this.priority,
      settle: (result) => this.batchSettled(pending, result),
    });
  }

  private batchSettled(batch: PendingBatch, result: BatchResult | Error): void {
    if (batch.attempt !== this.attempt) return; // from a decode that was started again
    this.inEncoder--;
    if (this.settled) return;
    if (result instanceof Error) {
      this.fail(result);
      return;
    }
    this.encodeMs += result.runMs;
    this.results.set(batch.first, result);
    this.maybeFinish();
  }

  private decodeEnded(attempt: number, failure: DecodeError | null): void {
    if (attempt !== this.attempt || this.settled || this.decodeDone) return;
    if (failure?.transient && this.attempt < this.options.retries) {
      // Start over: what this attempt sent is ignored when it comes back (see batchSettled).
      this.dropFilling();
      this.pool.withdraw(this);
      this.attempt++;
      this.inEncoder = 0;
      this.startAttempt();
      return;
    }
    if (failure) {
      this.fail(failure.transient && this.attempt > 0 ? new DecodeError(`${failure.message.replace(/\.$/, '')} (${this.attempt + 1} tries).`, true) : failure);
      return;
    }
    this.totalSamples = this.fragmenter.finish();
    this.send(attempt);
    this.decodeDone = true;
    this.decodeMs = performance.now() - this.decodeStarted;
    this.child = null;
    if (this.totalSamples === 0) {
      this.fail(new Error('ffmpeg decoded no audio from this file.'));
      return;
    }
    this.maybeFinish();
    if (!this.settled) this.onDecoded();
  }

  private maybeFinish(): void {
    if (!this.decodeDone || this.inEncoder > 0 || this.settled) return;
    this.settled = true;
    const { embeddingSize, tagCount } = this.pool.info;
    const count = this.starts.length;
    const vectors = new Float32Array(count * embeddingSize);
    let tags = new Float32Array(0);
    for (const [first, result] of this.results) {
      vectors.set(result.embeddings, first * embeddingSize);
      if (result.tags.length > 0) {
        if (tags.length === 0) tags = new Float32Array(count * tagCount);
        tags.set(result.tags, first * tagCount);
      }
    }
    this.onSettled({ totalSamples: this.totalSamples, starts: this.starts, vectors, tags, decodeMs: this.decodeMs, encodeMs: this.encodeMs });
  }

  private fail(error: Error): void {
    if (this.settled) return;
    this.settled = true;
    this.release();
    this.onSettled(error);
  }

  private release(): void {
    this.dropFilling();
    this.pool.withdraw(this);
    if (this.child && !this.decodeDone) this.child.kill('SIGKILL');
    this.child = null;
  }

  private dropFilling(): void {
    if (this.filling) this.pool.returnBuffer(this.filling.pcm);
    this.filling = null;
  }

  /** Reads ffmpeg unless the pool is spent or a prioritised track holds this one back. */
  private updateFlow(): void {
    const stdout = this.child?.stdout;
    if (!stdout) return;
    const pause = this.heldBack || this.pool.spent;
    if (pause && !this.heldBack) this.pool.whenFree(this.resumeFlow);
    if (pause && !this.paused) {
      stdout.pause();
      this.paused = true;
    } else if (!pause && this.paused) {
      stdout.resume();
      this.paused = false;
    }
  }
}
