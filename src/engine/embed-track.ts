/**
 * A decoded and encoded track (track-decoder.ts) as the fragments main stores: each window's time span,
 * vector and the tags it shows (tag-select.ts). Stateless: everything it needs comes in as arguments.
 */
import type { WireFragments } from './protocol';
import type { DecodedTrack } from './track-decoder';
import { groupArgmax, topK, type ShownGroups, type TagScore } from './tag-select';

export type { TagScore } from './tag-select';

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

/**
 * The wire form of a track's fragments: spans in seconds (a fragment ends at the track's end at the
 * latest, the zero padding of a short track is not audio), vectors as they are, tags selected.
 */
export function toWireFragments(track: DecodedTrack, fragmentSamples: number, tagCount: number, options: EmbedOptions): WireFragments {
  const { starts, totalSamples } = track;
  const { sampleRate } = options;
  return {
    starts: Float64Array.from(starts, (start) => start / sampleRate),
    ends: Float64Array.from(starts, (start) => Math.min(totalSamples, start + fragmentSamples) / sampleRate),
    vectors: track.vectors,
    tags: starts.map((_, i) => (track.tags.length ? fragmentTags(track.tags, i * tagCount, tagCount, options) : [])),
  };
}
