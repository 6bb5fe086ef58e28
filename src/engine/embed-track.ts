/**
 * One track's analysis, as two stages the caller can overlap across tracks (decode the next track in
 * ffmpeg while this one runs through the encoder): PCM -> fragments -> batched encoder -> per-fragment
 * vector and its tags (tag-select.ts). Stateless: everything it needs comes in as arguments.
 */
import type { Encoder } from './encoder';
import { copyFragment, planFragments } from './fragments';
import { groupArgmax, topK, type ShownGroups, type TagScore } from './tag-select';

export type { TagScore } from './tag-select';

export interface FragmentEmbedding {
  startSec: number;
  endSec: number;
  vector: Float32Array;
  tags: TagScore[];
}

export interface EmbedOptions {
  sampleRate: number;
  stepSeconds: number;
  batchSize: number;
  /** Tags kept per fragment (the most probable) when the model shows no groups. */
  topTags: number;
  vocabulary: string[];
  /** The manifest's shown groups (shownGroupIndices): when set, each fragment keeps one tag per group instead. */
  shownGroups: ShownGroups | null;
}

function fragmentTags(probabilities: Float32Array, offset: number, count: number, options: EmbedOptions): TagScore[] {
  return options.shownGroups
    ? groupArgmax(probabilities, offset, options.shownGroups, options.vocabulary)
    : topK(probabilities, offset, count, options.vocabulary, options.topTags);
}

/** Runs a decoded track through the encoder, a batch of fragments at a time. */
export async function embedPcm(pcm: Float32Array, encoder: Encoder, options: EmbedOptions): Promise<FragmentEmbedding[]> {
  const fragmentSamples = encoder.fragmentSamples;
  const plan = planFragments(pcm.length, fragmentSamples, Math.round(options.stepSeconds * options.sampleRate));
  const out: FragmentEmbedding[] = [];
  const batchInput = new Float32Array(options.batchSize * fragmentSamples);
  for (let first = 0; first < plan.starts.length; first += options.batchSize) {
    const starts = plan.starts.slice(first, first + options.batchSize);
    const input = starts.length === options.batchSize ? batchInput : new Float32Array(starts.length * fragmentSamples);
    starts.forEach((start, i) => copyFragment(pcm, start, fragmentSamples, input, i * fragmentSamples));
    const { embeddings, tags } = await encoder.run(input, starts.length);
    starts.forEach((start, i) => {
      out.push({
        startSec: start / options.sampleRate,
        endSec: Math.min(pcm.length, start + fragmentSamples) / options.sampleRate,
        vector: embeddings.slice(i * encoder.embeddingSize, (i + 1) * encoder.embeddingSize),
        tags: tags.length ? fragmentTags(tags, i * encoder.tagCount, encoder.tagCount, options) : [],
      });
    });
  }
  return out;
}
