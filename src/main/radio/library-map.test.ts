import { describe, expect, it } from 'vitest';
import { gaussian, prng } from '../../shared/prng';
import { applyLibraryMap, fitLibraryMap, parseLibraryMap, serialiseLibraryMap, symmetricEigen } from './library-map';

/**
 * Tracks that differ only along four directions, while every moment swings widely along eight others (the
 * "nuisance": what changes within a song, e.g. a loud chorus after a quiet verse).
 */
function library(tracks: number, perTrack: number, d = 12, signal = 4) {
  const r = prng(3);
  const vectors = new Float32Array(tracks * perTrack * d);
  const owner = new Int32Array(tracks * perTrack);
  for (let t = 0; t < tracks; t++) {
    const centre = Array.from({ length: signal }, () => gaussian(r));
    for (let f = 0; f < perTrack; f++) {
      const row = t * perTrack + f;
      owner[row] = t;
      const v = Array.from({ length: d }, (_, i) => (i < signal ? centre[i] + 0.05 * gaussian(r) : 1.5 * gaussian(r)));
      const n = Math.hypot(...v);
      v.forEach((x, i) => (vectors[row * d + i] = x / n));
    }
  }
  return { vectors, owner, d };
}

/** Share of moments whose nearest other moment (cosine) belongs to the same track. */
function sameTrackNeighbour(rows: Float32Array[], owner: Int32Array): number {
  let hits = 0;
  rows.forEach((a, i) => {
    let best = -Infinity;
    let who = -1;
    rows.forEach((b, j) => {
      if (i === j) return;
      let s = 0;
      for (let k = 0; k < a.length; k++) s += a[k] * b[k];
      if (s > best) [best, who] = [s, j];
    });
    if (owner[who] === owner[i]) hits++;
  });
  return hits / rows.length;
}

describe('symmetricEigen', () => {
  it('decomposes a symmetric matrix: A = V diag(values) V^T, values descending, V orthonormal', () => {
    const n = 7;
    const r = prng(9);
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = i; j < n; j++) a[i * n + j] = a[j * n + i] = gaussian(r);
    const { values, vectors } = symmetricEigen(a, n);
    for (let i = 1; i < n; i++) expect(values[i]).toBeLessThanOrEqual(values[i - 1]);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let rebuilt = 0;
        let gram = 0;
        for (let k = 0; k < n; k++) {
          rebuilt += vectors[i * n + k] * values[k] * vectors[j * n + k];
          gram += vectors[k * n + i] * vectors[k * n + j];
        }
        expect(rebuilt).toBeCloseTo(a[i * n + j], 9);
        expect(gram).toBeCloseTo(i === j ? 1 : 0, 9);
      }
    }
  });
});

describe('fitLibraryMap', () => {
  const { vectors, owner, d } = library(30, 12);
  const map = fitLibraryMap(vectors, owner, d, 4);
  const rows = (i: number) => vectors.subarray(i * d, (i + 1) * d);

  it('finds the directions tracks differ along, without labels other than "same track"', () => {
    const raw = Array.from(owner, (_, i) => Float32Array.from(rows(i)));
    const mapped = Array.from(owner, (_, i) => applyLibraryMap(map, rows(i)));
    expect(sameTrackNeighbour(raw, owner)).toBeLessThan(0.3);
    expect(sameTrackNeighbour(mapped, owner)).toBeGreaterThan(0.9);
    expect(map).toMatchObject({ inputDims: 12, dims: 4, tracks: 30, fragments: 360 });
    expect(map.separation).toBeGreaterThan(0.9);
  });

  it('maps to unit vectors, and whitens the within-track scatter (P^T Sw P = I without shrinkage)', () => {
    const out = applyLibraryMap(map, rows(0));
    const exact = fitLibraryMap(vectors, owner, d, 2, 0);
    expect(Math.hypot(...out)).toBeCloseTo(1, 5);
    // Within-track scatter in the projected (not normalised) space.
    const proj = Array.from(owner, (_, r) => {
      const v = [0, 0];
      for (let i = 0; i < d; i++) for (let j = 0; j < 2; j++) v[j] += (vectors[r * d + i] - exact.mean[i]) * exact.projection[i * 2 + j];
      return v;
    });
    const means = new Map<number, number[]>();
    proj.forEach((v, r) => {
      const m = means.get(owner[r]) ?? [0, 0];
      means.set(owner[r], [m[0] + v[0] / 12, m[1] + v[1] / 12]);
    });
    const sw = [0, 0, 0, 0];
    proj.forEach((v, r) => {
      const m = means.get(owner[r]) as number[];
      const c = [v[0] - m[0], v[1] - m[1]];
      sw[0] += (c[0] * c[0]) / proj.length;
      sw[1] += (c[0] * c[1]) / proj.length;
      sw[3] += (c[1] * c[1]) / proj.length;
    });
    expect(sw[0]).toBeCloseTo(1, 4);
    expect(sw[3]).toBeCloseTo(1, 4);
    expect(sw[1]).toBeCloseTo(0, 4);
  });

  it('never keeps more directions than the tracks can tell apart', () => {
    const few = library(3, 10, 12, 2);
    expect(fitLibraryMap(few.vectors, few.owner, few.d, 8).dims).toBe(2);
  });

  it('survives a round trip through JSON, and refuses a damaged or foreign one', () => {
    const back = parseLibraryMap(JSON.parse(JSON.stringify(serialiseLibraryMap(map))), 12);
    expect(applyLibraryMap(back, rows(5))).toEqual(applyLibraryMap(map, rows(5)));
    expect(() => parseLibraryMap(JSON.parse(JSON.stringify(serialiseLibraryMap(map))), 16)).toThrow(/other vectors/);
    const broken = { ...serialiseLibraryMap(map), projection: [1, 2, 3] };
    expect(() => parseLibraryMap(broken, 12)).toThrow(/projection/);
    expect(() => parseLibraryMap({ ...serialiseLibraryMap(map), dims: 'x' }, 12)).toThrow(/dims/);
    expect(() => parseLibraryMap({ ...serialiseLibraryMap(map), mean: Array(12).fill(null) }, 12)).toThrow(/finite/);
  });
});
