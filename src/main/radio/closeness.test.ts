import { describe, expect, it } from 'vitest';
import { closenessOf, closenessWords, percentileOf, samplePairs } from './closeness';

describe('percentileOf', () => {
  const scale = Float32Array.from([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]);

  it('is the share of pairs less alike, ties counted half', () => {
    expect(percentileOf(0.05, scale)).toBe(0);
    expect(percentileOf(2, scale)).toBe(100);
    expect(percentileOf(0.55, scale)).toBe(50);
    expect(percentileOf(Math.fround(0.5), scale)).toBe(45);
    expect(percentileOf(0.95, scale)).toBe(90);
  });

  it('gives 0 for no scale or no score', () => {
    expect(percentileOf(0.5, [])).toBe(0);
    expect(percentileOf(Number.NaN, scale)).toBe(0);
  });
});

describe('closenessWords', () => {
  const limits = { veryClose: 95, close: 80, related: 50 };
  it('cuts at the percentiles of the library scale', () => {
    expect(closenessWords(99.2, limits)).toBe('very close');
    expect(closenessWords(95, limits)).toBe('very close');
    expect(closenessWords(94.9, limits)).toBe('close');
    expect(closenessWords(80, limits)).toBe('close');
    expect(closenessWords(79.9, limits)).toBe('related');
    expect(closenessWords(50, limits)).toBe('related');
    expect(closenessWords(49.9, limits)).toBe('far');
  });
});

describe('closenessOf', () => {
  it('tells picks of one radio apart on a library scale, and is absent without a scale', () => {
    // A library whose pairs are all fairly alike in raw cosine terms: the raw numbers sit close together,
    // the percentiles do not.
    const scale = Float32Array.from({ length: 1000 }, (_, i) => 0.8 + (i / 1000) * 0.1).sort();
    const picks = [0.899, 0.88, 0.86, 0.83].map((s) => closenessOf(s, scale));
    expect(picks.map((p) => p?.words)).toEqual(['very close', 'close', 'related', 'far']);
    expect(picks[0]?.pairs).toBe(1000);
    expect(picks[0]?.percentile).toBeGreaterThan(98);
    expect(closenessOf(0.9, new Float32Array(0))).toBeUndefined();
  });
});

describe('samplePairs', () => {
  it('takes every ordered pair of different songs in a small library', () => {
    const pairs = samplePairs(4, 100);
    expect(pairs.length).toBe(4 * 3 * 2);
    const seen = new Set<string>();
    for (let i = 0; i < pairs.length; i += 2) {
      expect(pairs[i]).not.toBe(pairs[i + 1]);
      seen.add(`${pairs[i]}-${pairs[i + 1]}`);
    }
    expect(seen.size).toBe(12);
  });

  it('draws the same bounded sample each time in a big one, never a song with itself', () => {
    const a = samplePairs(5000, 300);
    expect(a.length).toBe(600);
    expect(samplePairs(5000, 300)).toEqual(a);
    for (let i = 0; i < a.length; i += 2) {
      expect(a[i]).not.toBe(a[i + 1]);
      expect(a[i]).toBeGreaterThanOrEqual(0);
      expect(a[i + 1]).toBeLessThan(5000);
    }
    expect(new Set(Array.from(a)).size).toBeGreaterThan(400);
  });

  it('has nothing to pair with fewer than two songs', () => {
    expect(samplePairs(1, 10).length).toBe(0);
    expect(samplePairs(0, 10).length).toBe(0);
  });
});
