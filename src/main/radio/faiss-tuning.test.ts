// faiss-tuning against a real faiss-node IVF index: nprobe written into the serialised index is what
// faiss reads back, and the index still searches afterwards.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { nprobeOffset, readNprobe, withNprobe } from './faiss-tuning';

type Faiss = typeof import('faiss-node');
const faiss = createRequire(import.meta.url)('faiss-node') as Faiss;

const D = 16;
const N = 400;

/** Deterministic unit vectors (inner product = cosine; each vector's best match is itself). */
function unitVectors(n: number, d: number, seed = 42): number[][] {
  let x = seed >>> 0;
  const next = () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32 - 0.5;
  };
  return Array.from({ length: n }, () => {
    const v = Array.from({ length: d }, next);
    const norm = Math.hypot(...v);
    return v.map((c) => c / norm);
  });
}

function trainedIvf(metric = faiss.MetricType.METRIC_INNER_PRODUCT) {
  const vectors = unitVectors(N, D);
  const index = faiss.Index.fromFactory(D, 'IVF4,SQ8', metric);
  index.train(vectors.flat());
  index.add(vectors.flat());
  return { index, vectors };
}

describe('faiss-tuning (real faiss-node IVF index)', () => {
  it('reads the nprobe faiss wrote, and sets one faiss reads back', () => {
    const { index } = trainedIvf();
    const buffer = index.toBuffer();
    expect(readNprobe(buffer)).toBe(1); // faiss's default
    const tuned = withNprobe(buffer, 3);
    expect(readNprobe(tuned)).toBe(3);
    expect(readNprobe(buffer)).toBe(1); // a copy: the original is untouched
    // faiss itself accepts the rewritten header and writes the same nprobe back out.
    const reloaded = faiss.Index.fromBuffer(tuned);
    expect(reloaded.ntotal()).toBe(N);
    expect(reloaded.getDimension()).toBe(D);
    expect(readNprobe(reloaded.toBuffer())).toBe(3);
  });

  it('clamps nprobe to 1..nlist', () => {
    const buffer = trainedIvf().index.toBuffer();
    expect(readNprobe(withNprobe(buffer, 1000))).toBe(4);
    expect(readNprobe(withNprobe(buffer, 0))).toBe(1);
  });

  it('the tuned index still finds each vector (all lists probed: exact up to 8-bit codes)', () => {
    const { index, vectors } = trainedIvf();
    const tuned = faiss.Index.fromBuffer(withNprobe(index.toBuffer(), 4));
    for (const i of [0, 7, 123, 399]) {
      const { labels, distances } = tuned.search(vectors[i], 3);
      expect(labels[0]).toBe(i);
      expect(distances[0]).toBeCloseTo(1, 1);
    }
    // With one list probed, some queries miss vectors in other lists: nprobe really changed the search.
    const narrow = faiss.Index.fromBuffer(withNprobe(index.toBuffer(), 1));
    const wide = faiss.Index.fromBuffer(withNprobe(index.toBuffer(), 4));
    const query = unitVectors(1, D, 7)[0];
    const a = narrow.search(query, 50).labels;
    const b = wide.search(query, 50).labels;
    expect(b.filter((l) => l >= 0)).toHaveLength(50);
    expect(a.filter((l) => l >= 0).length).toBeLessThanOrEqual(50);
    expect(a).not.toEqual(b);
  });

  it('works for an L2 IVF index too, and refuses a non-IVF index', () => {
    const l2 = trainedIvf(faiss.MetricType.METRIC_L2).index.toBuffer();
    expect(nprobeOffset(l2)).toBe(45);
    expect(readNprobe(withNprobe(l2, 2))).toBe(2);
    expect(readNprobe(faiss.Index.fromBuffer(withNprobe(l2, 2)).toBuffer())).toBe(2);
    const flat = new faiss.IndexFlatIP(D);
    flat.add(unitVectors(4, D).flat());
    expect(() => withNprobe(flat.toBuffer(), 2)).toThrow(/not an IVF index/);
  });
});
