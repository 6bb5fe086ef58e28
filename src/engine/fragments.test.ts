import { describe, expect, it } from 'vitest';
import { copyFragment, planFragments } from './fragments';

describe('planFragments', () => {
  it('steps through the track and adds an end-aligned window for a long tail', () => {
    expect(planFragments(100, 20, 20).starts).toEqual([0, 20, 40, 60, 80]);
    // 95 samples: windows at 0..60, tail 80..95 is 15 > 10 -> one more window ending at 95
    expect(planFragments(95, 20, 20).starts).toEqual([0, 20, 40, 60, 75]);
    // a short tail (5 <= 10) is dropped
    expect(planFragments(85, 20, 20).starts).toEqual([0, 20, 40, 60]);
  });

  it('overlaps windows when the step is shorter than the fragment', () => {
    expect(planFragments(50, 20, 10).starts).toEqual([0, 10, 20, 30]);
  });

  it('pads a track shorter than one fragment into a single window, and has none for silence-length zero', () => {
    expect(planFragments(7, 20, 20).starts).toEqual([0]);
    expect(planFragments(0, 20, 20).starts).toEqual([]);
  });

  it('rejects a zero step', () => {
    expect(() => planFragments(100, 20, 0)).toThrow();
  });
});

describe('copyFragment', () => {
  it('copies and zero-pads past the end of the track', () => {
    const pcm = Float32Array.from([1, 2, 3, 4, 5]);
    const out = new Float32Array(8).fill(9);
    copyFragment(pcm, 3, 4, out, 2);
    expect([...out]).toEqual([9, 9, 4, 5, 0, 0, 9, 9]);
  });
});
