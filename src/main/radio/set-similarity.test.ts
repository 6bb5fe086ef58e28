import { describe, expect, it } from 'vitest';
import { directedSimilarity, dotEach, pairsFrom, setScoreInStore, setSimilarity, spreadIndices, strongestPairs } from './set-similarity';

/** Unit vectors in 2-D at the given angles (degrees), as one set. */
const set = (...degrees: number[]) => Float32Array.from(degrees.flatMap((a) => [Math.cos((a * Math.PI) / 180), Math.sin((a * Math.PI) / 180)]));

describe('setSimilarity (symmetric Chamfer)', () => {
  it('is 1 for the same set, and symmetric', () => {
    const a = set(0, 40, 80);
    const b = set(10, 50, 170);
    expect(setSimilarity(a, 3, a, 3, 2).score).toBeCloseTo(1, 6);
    expect(setSimilarity(a, 3, b, 3, 2).score).toBeCloseTo(setSimilarity(b, 3, a, 3, 2).score, 6);
  });

  it('ranks a song alike throughout above one that shares a single lucky moment', () => {
    const seed = set(0, 30, 60, 90);
    const alike = set(8, 38, 68, 98);
    const lucky = set(0, 180, 200, 220); // one moment identical to the seed's, the rest far away
    const alikeScore = setSimilarity(seed, 4, alike, 4, 2).score;
    const luckyScore = setSimilarity(seed, 4, lucky, 4, 2).score;
    expect(alikeScore).toBeGreaterThan(luckyScore);
  });

  it('gives the strongest matched pairs first, never one moment twice', () => {
    const seed = set(0, 90);
    const cand = set(1, 2, 85);
    const { pairs } = setSimilarity(seed, 2, cand, 3, 2, 3);
    expect(pairs.map((p) => [p.seed, p.pick])).toEqual([[0, 0], [1, 2]]);
    expect(pairs[0].similarity).toBeGreaterThan(pairs[1].similarity);
  });

  it('is -1 for an empty set (nothing to compare)', () => {
    expect(setSimilarity(set(0), 1, new Float32Array(0), 0, 2).score).toBe(-1);
  });
});

describe('directedSimilarity', () => {
  it('measures how much of one set is heard in the other', () => {
    expect(directedSimilarity(set(0), 1, set(0, 180), 2, 2)).toBeCloseTo(1, 6);
    expect(directedSimilarity(set(0, 180), 2, set(0), 1, 2)).toBeCloseTo(0, 6);
  });
});

describe('strongestPairs / spreadIndices', () => {
  it('picks greedily by similarity with distinct moments', () => {
    const out = strongestPairs([
      { seed: 0, pick: 0, similarity: 0.9 }, { seed: 0, pick: 1, similarity: 0.8 }, { seed: 1, pick: 0, similarity: 0.85 }, { seed: 1, pick: 1, similarity: 0.5 },
    ], 3);
    expect(out.map((p) => [p.seed, p.pick])).toEqual([[0, 0], [1, 1]]);
  });

  it('spreads samples over the whole list', () => {
    expect(spreadIndices(3, 5)).toEqual([0, 1, 2]);
    expect(spreadIndices(100, 4)).toEqual([12, 37, 62, 87]);
  });
});

describe('setScoreInStore', () => {
  it('scores a candidate whose moments are rows of a shared array exactly as setSimilarity does', () => {
    const seed = set(0, 30, 60, 90);
    const store = set(170, 2, 97, 35, 250, 69);
    const rows = [1, 3, 5, 2];
    const copy = Float32Array.from(rows.flatMap((r) => [store[r * 2], store[r * 2 + 1]]));
    const scratch = new Float32Array(8);
    expect(setScoreInStore(seed, 4, store, rows, 2, scratch)).toBeCloseTo(setSimilarity(seed, 4, copy, 4, 2).score, 6);
    expect(setScoreInStore(seed, 4, store, [], 2, scratch)).toBe(-1);
  });
});

describe('pairsFrom', () => {
  it('gives the pairs setSimilarity gives, from the bests kept while scoring in place', () => {
    const seed = set(0, 30, 60, 90);
    const store = set(170, 2, 97, 35, 250, 69);
    const rows = [1, 3, 5, 2];
    const copy = Float32Array.from(rows.flatMap((r) => [store[r * 2], store[r * 2 + 1]]));
    const best = new Float32Array(4);
    const arg = new Int32Array(4);
    setScoreInStore(seed, 4, store, rows, 2, new Float32Array(4), best, arg);
    const expected = setSimilarity(seed, 4, copy, 4, 2, 3).pairs;
    const got = pairsFrom(best, arg, 3);
    expect(got.map((p) => [p.seed, p.pick])).toEqual(expected.map((p) => [p.seed, p.pick]));
    got.forEach((p, i) => expect(p.similarity).toBeCloseTo(expected[i].similarity, 6));
  });

  it('keeps every candidate\'s bests in one shared buffer at its own offset', () => {
    const seed = set(0, 30, 60, 90);
    const store = set(170, 2, 97, 35, 250, 69);
    const best = new Float32Array(8).fill(9);
    const arg = new Int32Array(8).fill(-1);
    setScoreInStore(seed, 4, store, [1, 3], 2, new Float32Array(4), best, arg, 0);
    setScoreInStore(seed, 4, store, [5, 2], 2, new Float32Array(4), best, arg, 4);
    const alone = new Float32Array(4);
    const aloneArg = new Int32Array(4);
    setScoreInStore(seed, 4, store, [5, 2], 2, new Float32Array(4), alone, aloneArg);
    expect(Array.from(best.subarray(4))).toEqual(Array.from(alone));
    expect(Array.from(arg.subarray(4))).toEqual(Array.from(aloneArg));
    expect(best.subarray(0, 4).every((v) => v !== 9)).toBe(true);
  });
});

describe('dotEach', () => {
  it('scores every row against the query', () => {
    const rows = Float32Array.from([1, 0, 0, 1, 0.6, 0.8]);
    const scores = dotEach(rows, 3, Float32Array.from([0.6, 0.8]), 2, new Float32Array(3));
    [0.6, 0.8, 1].forEach((expected, i) => expect(scores[i]).toBeCloseTo(expected, 6));
  });
});

describe('setScoreInStore in 16 dimensions (the unrolled path)', () => {
  it('agrees with setSimilarity', () => {
    let x = 7;
    const rand = () => ((x = (x * 48271) % 2147483647) / 2147483647) - 0.5;
    const unit16 = (n: number) => {
      const out = new Float32Array(n * 16);
      for (let r = 0; r < n; r++) {
        let norm = 0;
        for (let i = 0; i < 16; i++) norm += (out[r * 16 + i] = rand()) ** 2;
        for (let i = 0; i < 16; i++) out[r * 16 + i] /= Math.sqrt(norm);
      }
      return out;
    };
    const seed = unit16(5);
    const store = unit16(9);
    const rows = [8, 0, 3, 5];
    const copy = Float32Array.from(rows.flatMap((r) => Array.from(store.subarray(r * 16, r * 16 + 16))));
    expect(setScoreInStore(seed, 5, store, rows, 16, new Float32Array(4))).toBeCloseTo(setSimilarity(seed, 5, copy, 4, 16).score, 5);
  });
});
