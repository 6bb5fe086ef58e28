/**
 * Where a track's fragments start. Fragments are fixed-length windows of PCM at a fixed step; a tail
 * longer than half a fragment gets one more window aligned to the end (so outros are heard), and a track
 * shorter than one fragment is zero-padded into a single one.
 */

export interface FragmentPlan {
  /** Sample offsets of each fragment's first sample. */
  starts: number[];
  fragmentSamples: number;
}

export function planFragments(totalSamples: number, fragmentSamples: number, stepSamples: number): FragmentPlan {
  if (!(fragmentSamples > 0) || !(stepSamples > 0)) throw new Error('fragment length and step must be positive');
  if (totalSamples <= 0) return { starts: [], fragmentSamples };
  if (totalSamples <= fragmentSamples) return { starts: [0], fragmentSamples };
  const starts: number[] = [];
  let start = 0;
  for (; start + fragmentSamples <= totalSamples; start += stepSamples) starts.push(start);
  const lastEnd = starts[starts.length - 1] + fragmentSamples;
  if (totalSamples - lastEnd > fragmentSamples / 2) starts.push(totalSamples - fragmentSamples);
  return { starts, fragmentSamples };
}

/** Copies fragment `start` of `pcm` into `out` at `offset` (zero-padding past the end). */
export function copyFragment(pcm: Float32Array, start: number, fragmentSamples: number, out: Float32Array, offset: number): void {
  const end = Math.min(pcm.length, start + fragmentSamples);
  out.set(pcm.subarray(start, end), offset);
  out.fill(0, offset + (end - start), offset + fragmentSamples);
}
