import { describe, expect, it } from 'vitest';
import { gaussian, prng } from '../../shared/prng';
import { chamferModuleBytes, createChamferScorer } from './chamfer-kernel';
import { setScoreInStore } from './set-similarity';

/** `n` random unit vectors of `dims` floats, as rows of one array. */
function unitRows(n: number, dims: number, random: () => number): Float32Array {
  const out = new Float32Array(n * dims);
  for (let r = 0; r < n; r++) {
    let norm = 0;
    for (let k = 0; k < dims; k++) norm += (out[r * dims + k] = gaussian(random)) ** 2;
    for (let k = 0; k < dims; k++) out[r * dims + k] /= Math.sqrt(norm);
  }
  return out;
}

describe('the WebAssembly Chamfer kernel', () => {
  it('is valid WebAssembly (SIMD) and runs here', () => {
    expect(WebAssembly.validate(chamferModuleBytes(16))).toBe(true);
    expect(createChamferScorer(16).simd).toBe(true);
  });

  for (const dims of [16, 2, 7, 24, 64]) {
    it(`scores, best matches and rows equal setScoreInStore's bit for bit (${dims} dimensions)`, () => {
      const random = prng(dims);
      const store = unitRows(500, dims, random);
      const scorer = createChamferScorer(dims);
      expect(scorer.simd).toBe(true);
      for (const nSeed of [1, 2, 5, 16]) {
        const seed = unitRows(nSeed, dims, random);
        scorer.setSeed(seed, nSeed);
        for (const nCand of [1, 3, 32, 48]) {
          const rows = Int32Array.from({ length: nCand }, () => Math.floor(random() * 500));
          const wantBest = new Float32Array(nSeed + 3);
          const wantArg = new Int32Array(nSeed + 3);
          const want = setScoreInStore(seed, nSeed, store, rows, dims, new Float32Array(nCand), wantBest, wantArg, 3);
          const gotBest = new Float32Array(nSeed + 3);
          const gotArg = new Int32Array(nSeed + 3);
          expect(scorer.score(store, rows, gotBest, gotArg, 3)).toBe(want);
          expect(gotBest).toEqual(wantBest);
          expect(gotArg).toEqual(wantArg);
        }
      }
    });
  }

  it('grows its memory for big sets and stays exact after (a 64-moment seed, a 600-moment candidate)', () => {
    const dims = 64;
    const random = prng(77);
    const store = unitRows(700, dims, random);
    const seed = unitRows(64, dims, random);
    const scorer = createChamferScorer(dims);
    const small = [1, 2, 3];
    scorer.setSeed(seed, 2);
    expect(scorer.score(store, small)).toBe(setScoreInStore(seed, 2, store, small, dims, new Float32Array(3)));
    scorer.setSeed(seed, 64);
    const rows = Array.from({ length: 600 }, (_, i) => i + 50);
    expect(scorer.score(store, rows)).toBe(setScoreInStore(seed, 64, store, rows, dims, new Float32Array(600)));
  });

  it('keeps the first of equal matches, as the JavaScript does (a song with a moment twice)', () => {
    const dims = 16;
    const store = unitRows(4, dims, prng(3));
    store.copyWithin(dims * 2, 0, dims); // row 2 is row 0 again
    const scorer = createChamferScorer(dims);
    scorer.setSeed(store.slice(0, dims), 1);
    const best = new Float32Array(1);
    const arg = new Int32Array(1);
    scorer.score(store, [1, 0, 3, 2], best, arg);
    expect(arg[0]).toBe(1);
  });

  it('falls back to the plain JavaScript for wide spaces, with the same answer', () => {
    const dims = 256;
    const random = prng(9);
    const store = unitRows(40, dims, random);
    const seed = unitRows(4, dims, random);
    const scorer = createChamferScorer(dims);
    expect(scorer.simd).toBe(false);
    scorer.setSeed(seed, 4);
    const rows = [3, 9, 27, 39];
    expect(scorer.score(store, rows)).toBe(setScoreInStore(seed, 4, store, rows, dims, new Float32Array(4)));
  });

  it('is -1 for an empty seed or candidate, as setScoreInStore', () => {
    const scorer = createChamferScorer(16);
    scorer.setSeed(new Float32Array(0), 0);
    expect(scorer.score(unitRows(2, 16, prng(1)), [0, 1])).toBe(-1);
    scorer.setSeed(unitRows(1, 16, prng(2)), 1);
    expect(scorer.score(unitRows(2, 16, prng(1)), [])).toBe(-1);
  });
});
