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
}

export type ToWorker =
  | { type: 'init'; init: WorkerInit }
  | { type: 'analyse'; jobId: number; path: string }
  | { type: 'decode'; jobId: number; path: string }
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
}

export type FromWorker =
  | { type: 'ready'; model: ModelInfo }
  | { type: 'init-failed'; message: string; hint: string }
  | { type: 'done'; jobId: number; fragments: WireFragments; audioSec: number; decodeMs: number; encodeMs: number }
  | { type: 'decoded'; jobId: number; audioSec: number; decodeMs: number }
  /** transient: the decoder was killed (it may work next time), as opposed to a file that cannot be analysed. */
  | { type: 'failed'; jobId: number; error: string; transient?: boolean };
