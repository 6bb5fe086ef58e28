/** Messages between the analysis worker (src/engine/worker.ts) and its client in main. */
import type { ExecutionDevice } from './encoder';
import type { TagScore } from './embed-track';
import type { MapColouring } from './manifest';

export interface WorkerInit {
  manifestPath: string;
  ffmpeg: string;
  device: ExecutionDevice;
  threads: number;
  stepSeconds: number;
  batchSize: number;
  /** Tags kept per fragment for a manifest without `display` (with one: one per shown group). */
  topTags: number;
  /** Tracks decoded at once and encoder threads; unset = worked out from the cores (ANALYSIS_TUNABLES). */
  decoders?: number;
  encoderThreads?: number;
}

/** Where the worker's time went, cumulative since it started (the benchmark's per-stage figures). */
export interface EngineStats {
  decoders: number;
  encoderThreads: number;
  /** CPU of the worker's own thread: reading the pipes, cutting fragments, tags (null: not measurable here). */
  readerCpuMs: number | null;
  /** CPU of the encoder threads, and wall time inside session.run. */
  encoderCpuMs: number | null;
  encoderRunMs: number;
  fragments: number;
  batches: number;
}

export type ToWorker =
  | { type: 'init'; init: WorkerInit }
  /** priority: a track someone waits for (a radio's seed): decoded at once, ahead of the others. */
  | { type: 'analyse'; jobId: number; path: string; priority?: boolean }
  /** Jobs already sent for these files become priority jobs. */
  | { type: 'prioritise'; paths: string[] }
  | { type: 'stats' }
  /** Finish the job in hand, release the ONNX session, exit (a terminate() mid-inference can abort the process). */
  | { type: 'close' };

export interface WireFragments {
  starts: Float64Array;
  ends: Float64Array;
  /** fragments x embeddingSize, row-major (transferred, not copied). */
  vectors: Float32Array;
  tags: TagScore[][];
}

export interface ModelInfo {
  id: string;
  /** The sha256 analyses are keyed by (manifest.ts analysisSha256: an equivalent re-export keeps the original's). */
  sha256: string;
  featureVersion: number;
  embeddingSize: number;
  device: 'cpu' | 'cuda';
  /** The fragment step this worker cuts with (results are versioned by it). */
  stepSec: number;
  /** What this model's manifest says the sonic map is coloured by: the same manifest that tagged the fragments. */
  mapColouring: MapColouring;
  /** The tag groups explanations may show (manifest `display.groups`), null = every stored tag (older manifests). */
  shownTagGroups: string[] | null;
  /** Groups the graph measures (manifest `tag_quality[g].source`): shown without a probability. */
  measuredTagGroups: string[];
  /** Tracks the worker decodes at once: keep this many (and one more, queued) in flight. */
  decoders: number;
}

export type FromWorker =
  | { type: 'ready'; model: ModelInfo }
  | { type: 'init-failed'; message: string; hint: string }
  | { type: 'done'; jobId: number; fragments: WireFragments; audioSec: number; decodeMs: number; encodeMs: number }
  | { type: 'stats'; stats: EngineStats }
  /** transient: the decoder was killed (it may work next time), as opposed to a file that cannot be analysed. */
  | { type: 'failed'; jobId: number; error: string; transient?: boolean };
