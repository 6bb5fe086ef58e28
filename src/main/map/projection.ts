/**
 * A 2-D projection of track vectors by principal components (deterministic, and fast enough for 100k
 * tracks: the covariance is only dims x dims). Power iteration with deflation finds the two axes.
 */

export interface Projection {
  xy: Float32Array;
  explainedVariance: number;
}

function powerIteration(cov: Float64Array, dims: number, seed: number): { vector: Float64Array; value: number } {
  let v = Float64Array.from({ length: dims }, (_, i) => Math.sin(seed * 12.9898 + i * 78.233) + 1e-3);
  let value = 0;
  for (let iter = 0; iter < 200; iter++) {
    const next = new Float64Array(dims);
    for (let i = 0; i < dims; i++) {
      let sum = 0;
      for (let j = 0; j < dims; j++) sum += cov[i * dims + j] * v[j];
      next[i] = sum;
    }
    const norm = Math.hypot(...next) || 1;
    for (let i = 0; i < dims; i++) next[i] /= norm;
    const delta = next.reduce((acc, x, i) => acc + Math.abs(x - v[i]), 0);
    v = next;
    value = norm;
    if (delta < 1e-9) break;
  }
  // Fix the sign so the map does not flip between runs.
  const largest = v.reduce((best, x, i) => (Math.abs(x) > Math.abs(v[best]) ? i : best), 0);
  if (v[largest] < 0) v = v.map((x) => -x);
  return { vector: v, value };
}

/** Projects n vectors (row-major, n x dims) onto their first two principal components, scaled to -1..1. */
export function projectPca(vectors: Float32Array, n: number, dims: number): Projection {
  const mean = new Float64Array(dims);
  for (let r = 0; r < n; r++) for (let i = 0; i < dims; i++) mean[i] += vectors[r * dims + i] / n;
  const cov = new Float64Array(dims * dims);
  for (let r = 0; r < n; r++) {
    for (let i = 0; i < dims; i++) {
      const a = vectors[r * dims + i] - mean[i];
      if (a === 0) continue;
      for (let j = i; j < dims; j++) cov[i * dims + j] += a * (vectors[r * dims + j] - mean[j]);
    }
  }
  for (let i = 0; i < dims; i++) for (let j = i; j < dims; j++) cov[j * dims + i] = cov[i * dims + j] /= Math.max(1, n - 1);
  const total = Array.from({ length: dims }, (_, i) => cov[i * dims + i]).reduce((a, b) => a + b, 0);
  const first = powerIteration(cov, dims, 1);
  for (let i = 0; i < dims; i++) for (let j = 0; j < dims; j++) cov[i * dims + j] -= first.value * first.vector[i] * first.vector[j];
  const second = powerIteration(cov, dims, 2);
  const xy = new Float32Array(n * 2);
  let maxX = 1e-12;
  let maxY = 1e-12;
  for (let r = 0; r < n; r++) {
    let x = 0;
    let y = 0;
    for (let i = 0; i < dims; i++) {
      const centred = vectors[r * dims + i] - mean[i];
      x += centred * first.vector[i];
      y += centred * second.vector[i];
    }
    xy[r * 2] = x;
    xy[r * 2 + 1] = y;
    maxX = Math.max(maxX, Math.abs(x));
    maxY = Math.max(maxY, Math.abs(y));
  }
  for (let r = 0; r < n; r++) {
    xy[r * 2] /= maxX;
    xy[r * 2 + 1] /= maxY;
  }
  return { xy, explainedVariance: total > 0 ? (first.value + second.value) / total : 0 };
}
