/**
 * Messages between the analysis worker (which reads the decoders) and its encoder threads (which only
 * run the ONNX session). onnxruntime-node's run blocks its thread, so it has threads of its own: the
 * reader keeps draining ffmpeg's pipes while a batch is in the encoder.
 */
import type { ExecutionDevice } from './encoder';

export interface EncoderThreadInit {
  manifestPath: string;
  device: ExecutionDevice;
  /** Intra-op threads of this thread's session. */
  threads: number;
}

export type ToEncoderThread =
  | { type: 'init'; init: EncoderThreadInit }
  /** `pcm` is a pooled batch buffer (transferred, and transferred back with the result); `count` rows are used. */
  | { type: 'run'; batchId: number; pcm: Float32Array; count: number }
  | { type: 'close' };

export type FromEncoderThread =
  | { type: 'ready'; device: 'cpu' | 'cuda'; embeddingSize: number; tagCount: number; fragmentSamples: number }
  | { type: 'init-failed'; message: string; hint: string }
  | {
    type: 'result'; batchId: number; pcm: Float32Array; embeddings: Float32Array; tags: Float32Array;
    /** Wall time of session.run, and this thread's CPU so far (null where it cannot be measured). */
    runMs: number; cpuMs: number | null;
  }
  | { type: 'run-failed'; batchId: number; pcm: Float32Array; message: string };
