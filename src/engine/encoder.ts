/**
 * The single factory for ONNX inference sessions (house rule 8). CUDA when it is installed and asked
 * for (or 'auto'), else CPU, always with explicit thread counts. Runs batches of PCM fragments and
 * returns the fragment vectors and tag probabilities.
 */
import * as ort from 'onnxruntime-node';
import type { LoadedModel } from './manifest';
import { ModelError } from './manifest';

export type ExecutionDevice = 'auto' | 'cpu' | 'cuda';

export interface EncoderOptions {
  device: ExecutionDevice;
  /** Intra-op threads for the CPU provider. */
  threads: number;
}

export interface EncoderOutput {
  /** batch x embeddingSize, row-major. */
  embeddings: Float32Array;
  /** batch x tagCount, row-major. */
  tags: Float32Array;
}

export interface Encoder {
  /** The provider actually in use. */
  readonly device: 'cpu' | 'cuda';
  readonly embeddingSize: number;
  readonly tagCount: number;
  readonly fragmentSamples: number;
  run(pcm: Float32Array, batch: number): Promise<EncoderOutput>;
  release(): Promise<void>;
}

/** Whether this onnxruntime-node install can run on CUDA (its CUDA provider was installed). */
export function cudaAvailable(): boolean {
  try {
    return ort.listSupportedBackends().some((b) => b.name === 'cuda' && b.bundled);
  } catch {
    return false;
  }
}

export async function createEncoder(model: LoadedModel, options: EncoderOptions): Promise<Encoder> {
  const { manifest } = model;
  const useCuda = options.device === 'cuda' || (options.device === 'auto' && cudaAvailable());
  const sessionOptions: ort.InferenceSession.SessionOptions = {
    executionProviders: useCuda ? ['cuda', 'cpu'] : ['cpu'],
    intraOpNumThreads: Math.max(1, options.threads),
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
    executionMode: 'sequential',
  };
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(model.modelPath, sessionOptions);
  } catch (error) {
    if (useCuda && options.device === 'auto') return createEncoder(model, { ...options, device: 'cpu' });
    throw new ModelError(`The sound model could not be loaded (${(error as Error).message}).`,
      useCuda ? 'CUDA could not start: choose CPU in settings, or install CUDA 12 and cuDNN 9.' : 'Restore models/ from the repository.');
  }
  const input = manifest.inputs[0].name;
  const [embeddingName, tagsName] = [manifest.outputs[0].name, manifest.outputs[1]?.name];
  if (!session.inputNames.includes(input) || !session.outputNames.includes(embeddingName)) {
    await session.release();
    throw new ModelError(`The sound model's inputs/outputs (${session.inputNames.join(', ')} -> ${session.outputNames.join(', ')}) do not match its manifest.`,
      'Restore models/ from the repository: the model and manifest are from different builds.');
  }
  const fragmentSamples = manifest.fragment_samples;
  return {
    device: useCuda ? 'cuda' : 'cpu',
    embeddingSize: manifest.embedding_size,
    tagCount: manifest.tags.length,
    fragmentSamples,
    async run(pcm, batch) {
      if (pcm.length !== batch * fragmentSamples) throw new Error(`expected ${batch} x ${fragmentSamples} samples, got ${pcm.length}`);
      const feeds = { [input]: new ort.Tensor('float32', pcm, [batch, fragmentSamples]) };
      const out = await session.run(feeds);
      return {
        embeddings: out[embeddingName].data as Float32Array,
        tags: tagsName ? (out[tagsName].data as Float32Array) : new Float32Array(0),
      };
    },
    release: () => session.release(),
  };
}
