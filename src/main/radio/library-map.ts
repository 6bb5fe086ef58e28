/**
 * A sound space fitted to the user's own library, without labels: each track's fragments are one class,
 * and a linear map (Fisher's LDA) keeps the directions along which tracks differ from each other more
 * than moments of one track differ among themselves. Measured on real soundtracks (models/README.md,
 * "ranking rules"): same-album precision@10 0.39 -> 0.44 with the same model and vectors.
 *
 * Fit: within-track scatter Sw and between-track scatter Sb of the (unit) fragment vectors; Sw = L L^T
 * (Cholesky, with a little shrinkage so it is always invertible); the top eigenvectors V of
 * L^-1 Sb L^-T (Jacobi, exact for these small symmetric matrices); projection P = L^-T V, so that
 * P^T Sw P = I (the classic generalised eigenproblem Sb p = lambda Sw p). Apply: (x - mean) P, then unit
 * length (the radio compares cosines).
 */

export interface LibraryMap {
  /** Dimensions of the model's fragment vectors (the input). */
  inputDims: number;
  /** Dimensions of the fitted space (the output). */
  dims: number;
  mean: Float32Array;
  /** inputDims x dims, row-major. */
  projection: Float32Array;
  /** Tracks and fragments it was fitted on (the refit rule compares the library with these). */
  tracks: number;
  fragments: number;
  /** Share of the between-track scatter the kept directions hold (Sw-whitened), for stats. */
  separation: number;
}

/** Cholesky factor (lower) of a symmetric positive-definite n x n matrix, in place into a new array. */
function cholesky(a: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * n + j];
      for (let k = 0; k < j; k++) sum -= l[i * n + k] * l[j * n + k];
      if (i === j) {
        if (!(sum > 0)) throw new Error('within-track scatter is not positive definite');
        l[i * n + i] = Math.sqrt(sum);
      } else {
        l[i * n + j] = sum / l[j * n + j];
      }
    }
  }
  return l;
}

/** Solves L X = B for X (L lower triangular n x n, B n x m), column by column. */
function solveLower(l: Float64Array, b: Float64Array, n: number, m: number): Float64Array {
  const x = new Float64Array(n * m);
  for (let c = 0; c < m; c++) {
    for (let i = 0; i < n; i++) {
      let sum = b[i * m + c];
      for (let k = 0; k < i; k++) sum -= l[i * n + k] * x[k * m + c];
      x[i * m + c] = sum / l[i * n + i];
    }
  }
  return x;
}

/** Solves L^T X = B for X (L lower triangular n x n, B n x m). */
function solveUpperT(l: Float64Array, b: Float64Array, n: number, m: number): Float64Array {
  const x = new Float64Array(n * m);
  for (let c = 0; c < m; c++) {
    for (let i = n - 1; i >= 0; i--) {
      let sum = b[i * m + c];
      for (let k = i + 1; k < n; k++) sum -= l[k * n + i] * x[k * m + c];
      x[i * m + c] = sum / l[i * n + i];
    }
  }
  return x;
}

/**
 * Eigen-decomposition of a symmetric n x n matrix by cyclic Jacobi rotations: eigenvalues (descending)
 * and the matching eigenvectors as columns of an n x n row-major matrix.
 */
export function symmetricEigen(input: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(input);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    let diag = 0;
    for (let i = 0; i < n; i++) {
      diag += a[i * n + i] * a[i * n + i];
      for (let j = i + 1; j < n; j++) off += a[i * n + j] * a[i * n + j];
    }
    if (off <= 1e-22 * Math.max(diag, 1e-300)) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p];
          const akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k];
          const aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p];
          const vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => a[y * n + y] - a[x * n + x]);
  const values = Float64Array.from(order, (i) => a[i * n + i]);
  const vectors = new Float64Array(n * n);
  order.forEach((col, j) => {
    // A fixed sign per column keeps refits of the same library identical.
    let largest = 0;
    for (let k = 0; k < n; k++) if (Math.abs(v[k * n + col]) > Math.abs(v[largest * n + col])) largest = k;
    const sign = v[largest * n + col] < 0 ? -1 : 1;
    for (let k = 0; k < n; k++) vectors[k * n + j] = sign * v[k * n + col];
  });
  return { values, vectors };
}

/**
 * Fits the map on fragment vectors (row-major, rows x inputDims) labelled by track. Tracks with a single
 * fragment add to the between-track scatter only. `shrink` is the share of the mean variance added to
 * Sw's diagonal.
 */
export function fitLibraryMap(vectors: Float32Array, trackOf: Int32Array, inputDims: number, dims: number, shrink = 1e-3): LibraryMap {
  const rows = trackOf.length;
  const d = inputDims;
  if (vectors.length !== rows * d) throw new Error('vectors and labels disagree');
  const mean = new Float64Array(d);
  for (let r = 0; r < rows; r++) for (let i = 0; i < d; i++) mean[i] += vectors[r * d + i] / rows;
  const classes = new Map<number, { sum: Float64Array; n: number }>();
  for (let r = 0; r < rows; r++) {
    let c = classes.get(trackOf[r]);
    if (!c) classes.set(trackOf[r], (c = { sum: new Float64Array(d), n: 0 }));
    for (let i = 0; i < d; i++) c.sum[i] += vectors[r * d + i] - mean[i];
    c.n++;
  }
  const classMean = new Map<number, Float64Array>();
  const sb = new Float64Array(d * d);
  for (const [track, c] of classes) {
    const m = c.sum.map((x) => x / c.n);
    classMean.set(track, m);
    for (let i = 0; i < d; i++) {
      const wi = c.n * m[i];
      if (wi === 0) continue;
      for (let j = i; j < d; j++) sb[i * d + j] += wi * m[j];
    }
  }
  const sw = new Float64Array(d * d);
  const centred = new Float64Array(d);
  for (let r = 0; r < rows; r++) {
    const m = classMean.get(trackOf[r]) as Float64Array;
    for (let i = 0; i < d; i++) centred[i] = vectors[r * d + i] - mean[i] - m[i];
    for (let i = 0; i < d; i++) {
      const ci = centred[i];
      if (ci === 0) continue;
      for (let j = i; j < d; j++) sw[i * d + j] += ci * centred[j];
    }
  }
  let trace = 0;
  for (let i = 0; i < d; i++) {
    for (let j = i; j < d; j++) {
      sw[i * d + j] /= rows;
      sb[i * d + j] /= rows;
      sw[j * d + i] = sw[i * d + j];
      sb[j * d + i] = sb[i * d + j];
    }
    trace += sw[i * d + i];
  }
  const ridge = Math.max(shrink * (trace / d), 1e-9);
  for (let i = 0; i < d; i++) sw[i * d + i] += ridge;
  const l = cholesky(sw, d);
  // M = L^-1 Sb L^-T: solve L Y = Sb, then M^T = L^-1 Y^T (M is symmetric).
  const y = solveLower(l, sb, d, d);
  const yt = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) yt[j * d + i] = y[i * d + j];
  const m = solveLower(l, yt, d, d);
  for (let i = 0; i < d; i++) for (let j = i + 1; j < d; j++) m[i * d + j] = m[j * d + i] = 0.5 * (m[i * d + j] + m[j * d + i]);
  const { values, vectors: eig } = symmetricEigen(m, d);
  const keep = Math.min(dims, d, Math.max(1, classes.size - 1));
  const top = new Float64Array(d * keep);
  for (let i = 0; i < d; i++) for (let j = 0; j < keep; j++) top[i * keep + j] = eig[i * d + j];
  const p = solveUpperT(l, top, d, keep);
  const total = values.reduce((s, x) => s + Math.max(0, x), 0);
  const kept = values.slice(0, keep).reduce((s, x) => s + Math.max(0, x), 0);
  return {
    inputDims: d, dims: keep, mean: Float32Array.from(mean), projection: Float32Array.from(p),
    tracks: classes.size, fragments: rows, separation: total > 0 ? kept / total : 0,
  };
}

/** Maps one fragment vector into the library's space, unit length; `out` is reused when given. */
export function applyLibraryMap(map: LibraryMap, vector: Float32Array, out = new Float32Array(map.dims)): Float32Array {
  const { inputDims: d, dims, mean, projection } = map;
  out.fill(0);
  for (let i = 0; i < d; i++) {
    const x = vector[i] - mean[i];
    if (x === 0) continue;
    const row = i * dims;
    for (let j = 0; j < dims; j++) out[j] += x * projection[row + j];
  }
  let norm = 0;
  for (let j = 0; j < dims; j++) norm += out[j] * out[j];
  norm = Math.sqrt(norm) || 1;
  for (let j = 0; j < dims; j++) out[j] /= norm;
  return out;
}

/** The map as JSON-safe data (persisted next to the index) and back, with shape checks. */
export function serialiseLibraryMap(map: LibraryMap): Record<string, unknown> {
  return { ...map, mean: Array.from(map.mean), projection: Array.from(map.projection) };
}

export function parseLibraryMap(data: unknown, inputDims: number): LibraryMap {
  const m = data as Record<string, unknown>;
  const num = (k: string) => {
    if (typeof m[k] !== 'number' || !Number.isFinite(m[k])) throw new Error(`library map: bad ${k}`);
    return m[k] as number;
  };
  const dims = num('dims');
  if (num('inputDims') !== inputDims) throw new Error('library map: fitted for other vectors');
  if (!Array.isArray(m.mean) || m.mean.length !== inputDims) throw new Error('library map: bad mean');
  if (!Array.isArray(m.projection) || m.projection.length !== inputDims * dims) throw new Error('library map: bad projection');
  const finite = (xs: unknown[]) => xs.every((x) => typeof x === 'number' && Number.isFinite(x));
  if (!finite(m.mean) || !finite(m.projection)) throw new Error('library map: not finite');
  const mean = Float32Array.from(m.mean as number[]);
  const projection = Float32Array.from(m.projection as number[]);
  return { inputDims, dims, mean, projection, tracks: num('tracks'), fragments: num('fragments'), separation: num('separation') };
}
