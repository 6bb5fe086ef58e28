import { describe, expect, it } from 'vitest';
import { copyFragment, planFragments } from './fragments';
import { StreamFragmenter } from './stream-fragments';
import { prng } from '../shared/prng';

/** Streams `pcm` through a fragmenter in chunks of random byte lengths (splitting samples). */
function streamed(pcm: Float32Array, fragment: number, step: number, rand: () => number, maxChunkBytes: number) {
  const out: { start: number; samples: Float32Array }[] = [];
  const fragmenter = new StreamFragmenter(fragment, step, (start, samples) => {
    const copy = new Float32Array(fragment);
    copy.set(samples);
    out.push({ start, samples: copy });
  });
  const bytes = new Uint8Array(pcm.buffer, pcm.byteOffset, pcm.byteLength);
  for (let at = 0; at < bytes.length;) {
    const size = 1 + Math.floor(rand() * maxChunkBytes);
    fragmenter.push(bytes.subarray(at, at + size));
    at += size;
  }
  const total = fragmenter.finish();
  return { out, total };
}

describe('StreamFragmenter', () => {
  it('cuts the same windows, with the same samples, as planFragments on the whole track', () => {
    const rand = prng(7);
    const fragment = 100;
    for (let round = 0; round < 300; round++) {
      const length = Math.floor(rand() * 1000);
      const step = 1 + Math.floor(rand() * fragment);
      const pcm = Float32Array.from({ length }, (_, i) => i + 1);
      const { out, total } = streamed(pcm, fragment, step, rand, 1 + Math.floor(rand() * 900));
      expect(total).toBe(length);
      const plan = planFragments(length, fragment, step);
      expect(out.map((f) => f.start), `length ${length} step ${step}`).toEqual(plan.starts);
      for (const [i, start] of plan.starts.entries()) {
        const expected = new Float32Array(fragment);
        copyFragment(pcm, start, fragment, expected, 0);
        expect(out[i].samples).toEqual(expected);
      }
    }
  });

  it('holds two fragments of audio however long the stream', () => {
    let count = 0;
    const fragmenter = new StreamFragmenter(1000, 1000, () => count++);
    const chunk = new Uint8Array(65536);
    for (let i = 0; i < 2000; i++) fragmenter.push(chunk); // 32.8M samples
    expect(fragmenter.finish()).toBe(2000 * 16384);
    expect(count).toBe(32768);
    expect(fragmenter.fragmentCount).toBe(32768);
  });

  it('refuses a step longer than a fragment or not positive', () => {
    expect(() => new StreamFragmenter(100, 101, () => undefined)).toThrow(/step/);
    expect(() => new StreamFragmenter(100, 0, () => undefined)).toThrow(/step/);
  });
});
