/**
 * The radio re-rank's inner loop (set-similarity.ts's setScoreInStore) as a WebAssembly SIMD kernel,
 * written from JavaScript at run time for the space's dimensions (wasm-encoding.ts). It is most of a
 * radio's time at 1M fragments: 100 candidate songs x 32 moments x 16 seed moments per radio.
 *
 * Exact, not approximate: two seed moments share one f64x2 register, each lane computing its dot
 * product in double precision, term by term in the same order as the JavaScript (a product of two
 * float32 numbers is exact in a double), so every score, best match and pair equals setScoreInStore's
 * bit for bit (chamfer-kernel.test.ts) and the ranking cannot change. Where WebAssembly SIMD is missing
 * or the space is wide (the model's own vectors), the same interface runs setScoreInStore itself.
 */
import { setScoreInStore } from './set-similarity';
import { encodeModule, I32, ins, kernelCache, OP, SIMD, V128, type WasmFunction } from './wasm-encoding';

const PAGE = 65536;

/** Scores candidates (rows of a shared store) against one seed set, as setScoreInStore does. */
export interface ChamferScorer {
  /** Whether the WebAssembly kernel runs (false: the plain JavaScript). */
  readonly simd: boolean;
  /** The seed set the next scores compare with: `nSeed` rows of the space's dimensions. */
  setSeed(seed: Float32Array, nSeed: number): void;
  /**
   * Symmetric Chamfer similarity of the seed with the candidate whose moments are `rows` of `store`;
   * each seed moment's best similarity and candidate row are written to `seedBest`/`seedArg` from `at`
   * when given (setScoreInStore's contract). -1 for an empty seed or candidate.
   */
  score(store: Float32Array, rows: ArrayLike<number>, seedBest?: Float32Array, seedArg?: Int32Array, at?: number): number;
}

/**
 * chamfer(seedT, pairs, cand, nCand, best, arg, candBest): seedT holds the seed moments two by two,
 * pair-major ([pair][dim] of f64x2); cand holds nCand float32 rows; best/arg (f64x2 per pair) carry
 * each seed moment's best similarity and the candidate row it came from; candBest[c] gets row c's best
 * similarity over the seed moments.
 */
function chamferFunction(dims: number): WasmFunction {
  const [seedT, pairs, cand, nCand, best, arg, candBest] = [0, 1, 2, 3, 4, 5, 6];
  const [c, row, p, q, bp, ap] = [7, 8, 9, 10, 11, 12];
  const [cf, cmax, acc, mask, bestv] = [13, 14, 15, 16, 17];
  const x = (k: number) => 18 + k;
  const body: number[] = [
    ...ins.i32(0), ...ins.set(c),
    ...ins.get(cand), ...ins.set(row),
    OP.loop, 0x40,
  ];
  // The candidate row, each dimension promoted to double and splatted over both lanes.
  for (let k = 0; k < dims; k++) body.push(...ins.get(row), ...ins.mem(OP.f32Load, 2, 4 * k), OP.f64PromoteF32, ...ins.simd(SIMD.f64x2Splat), ...ins.set(x(k)));
  body.push(
    ...ins.get(c), OP.f64ConvertI32S, ...ins.simd(SIMD.f64x2Splat), ...ins.set(cf),
    ...ins.f64x2Const(Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY), ...ins.set(cmax),
    ...ins.i32(0), ...ins.set(p),
    ...ins.get(seedT), ...ins.set(q),
    ...ins.get(best), ...ins.set(bp),
    ...ins.get(arg), ...ins.set(ap),
    OP.loop, 0x40,
    // Two seed moments' dot products with the row: ((x0 s0 + x1 s1) + x2 s2) + ..., as the JavaScript adds them.
    ...ins.get(x(0)), ...ins.get(q), ...ins.simdMem(SIMD.v128Load, 0), ...ins.simd(SIMD.f64x2Mul),
  );
  for (let k = 1; k < dims; k++) body.push(...ins.get(x(k)), ...ins.get(q), ...ins.simdMem(SIMD.v128Load, 16 * k), ...ins.simd(SIMD.f64x2Mul), ...ins.simd(SIMD.f64x2Add));
  body.push(
    ...ins.set(acc),
    // A strictly better match replaces the seed moment's best (the first of equals stays, as in the JavaScript).
    ...ins.get(bp), ...ins.simdMem(SIMD.v128Load, 0), ...ins.set(bestv),
    ...ins.get(acc), ...ins.get(bestv), ...ins.simd(SIMD.f64x2Gt), ...ins.set(mask),
    ...ins.get(bp), ...ins.get(acc), ...ins.get(bestv), ...ins.get(mask), ...ins.simd(SIMD.v128Bitselect), ...ins.simdMem(SIMD.v128Store, 0),
    ...ins.get(ap), ...ins.get(cf), ...ins.get(ap), ...ins.simdMem(SIMD.v128Load, 0), ...ins.get(mask), ...ins.simd(SIMD.v128Bitselect), ...ins.simdMem(SIMD.v128Store, 0),
    ...ins.get(cmax), ...ins.get(acc), ...ins.simd(SIMD.f64x2Max), ...ins.set(cmax),
    ...ins.get(q), ...ins.i32(dims * 16), OP.i32Add, ...ins.set(q),
    ...ins.get(bp), ...ins.i32(16), OP.i32Add, ...ins.set(bp),
    ...ins.get(ap), ...ins.i32(16), OP.i32Add, ...ins.set(ap),
    ...ins.get(p), ...ins.i32(1), OP.i32Add, ...ins.tee(p), ...ins.get(pairs), OP.i32LtS, OP.br_if, 0,
    OP.end,
    // The row's best over the seed moments.
    ...ins.get(candBest), ...ins.get(c), ...ins.i32(8), OP.i32Mul, OP.i32Add,
    ...ins.get(cmax), ...ins.simd(SIMD.f64x2ExtractLane, 0), ...ins.get(cmax), ...ins.simd(SIMD.f64x2ExtractLane, 1), OP.f64Max,
    ...ins.mem(OP.f64Store, 3, 0),
    ...ins.get(row), ...ins.i32(dims * 4), OP.i32Add, ...ins.set(row),
    ...ins.get(c), ...ins.i32(1), OP.i32Add, ...ins.tee(c), ...ins.get(nCand), OP.i32LtS, OP.br_if, 0,
    OP.end,
  );
  return {
    name: 'chamfer', params: [I32, I32, I32, I32, I32, I32, I32], results: [],
    locals: [I32, I32, I32, I32, I32, I32, V128, V128, V128, V128, V128, ...Array.from({ length: dims }, () => V128)],
    body,
  };
}

/** The kernel's bytes for a space of `dims` dimensions. */
export function chamferModuleBytes(dims: number): Uint8Array {
  return encodeModule([chamferFunction(dims)], 1);
}

/** The compiled kernel for `dims`, or null where this runtime has no WebAssembly SIMD (or the space is too wide). */
const kernelModule = kernelCache(chamferModuleBytes);

/** The plain JavaScript scorer (setScoreInStore), with the same interface. */
class PlainScorer implements ChamferScorer {
  readonly simd = false;
  private seed: Float32Array = new Float32Array(0);
  private nSeed = 0;
  private scratch = new Float32Array(0);

  constructor(private readonly dims: number) {}

  setSeed(seed: Float32Array, nSeed: number): void {
    this.seed = seed;
    this.nSeed = nSeed;
  }

  score(store: Float32Array, rows: ArrayLike<number>, seedBest?: Float32Array, seedArg?: Int32Array, at = 0): number {
    if (this.scratch.length < rows.length) this.scratch = new Float32Array(rows.length);
    return setScoreInStore(this.seed, this.nSeed, store, rows, this.dims, this.scratch, seedBest, seedArg, at);
  }
}

/** The WebAssembly scorer: the seed transposed once per seed set, each candidate's rows copied in and scored. */
class SimdScorer implements ChamferScorer {
  readonly simd = true;
  private readonly memory: WebAssembly.Memory;
  private readonly chamfer: (seedT: number, pairs: number, cand: number, nCand: number, best: number, arg: number, candBest: number) => void;
  private f64 = new Float64Array(0);
  private f32 = new Float32Array(0);
  private nSeed = 0;
  private pairs = 0;
  // Byte offsets of the regions (seedT at 0), laid out by setSeed and score.
  private bestAt = 0;
  private argAt = 0;
  private candBestAt = 0;
  private candAt = 0;

  constructor(private readonly dims: number, module: WebAssembly.Module) {
    const instance = new WebAssembly.Instance(module);
    this.memory = instance.exports.memory as WebAssembly.Memory;
    this.chamfer = instance.exports.chamfer as SimdScorer['chamfer'];
    this.views();
  }

  private views(): void {
    this.f64 = new Float64Array(this.memory.buffer);
    this.f32 = new Float32Array(this.memory.buffer);
  }

  private ensure(bytes: number): void {
    const have = this.memory.buffer.byteLength;
    if (bytes <= have) return;
    this.memory.grow(Math.ceil((bytes - have) / PAGE));
    this.views();
  }

  setSeed(seed: Float32Array, nSeed: number): void {
    const d = this.dims;
    this.nSeed = nSeed;
    this.pairs = Math.ceil(nSeed / 2);
    const seedBytes = this.pairs * d * 16;
    this.bestAt = seedBytes;
    this.argAt = this.bestAt + this.pairs * 16;
    this.candBestAt = this.argAt + this.pairs * 16;
    this.ensure(this.candBestAt);
    const f64 = this.f64;
    for (let s = 0; s < this.pairs * 2; s++) {
      // An odd seed's last lane repeats its last moment: a row's best over the lanes is unchanged by it.
      const from = Math.min(s, nSeed - 1) * d;
      const pair = s >> 1;
      const lane = s & 1;
      for (let k = 0; k < d; k++) f64[(pair * d + k) * 2 + lane] = seed[from + k];
    }
  }

  score(store: Float32Array, rows: ArrayLike<number>, seedBest?: Float32Array, seedArg?: Int32Array, at = 0): number {
    const nCand = rows.length;
    const nSeed = this.nSeed;
    if (nSeed === 0 || nCand === 0) return -1;
    const d = this.dims;
    // candBest (f64) then the rows (f32), each 16-byte aligned.
    this.candAt = this.candBestAt + Math.ceil(nCand / 2) * 16;
    this.ensure(this.candAt + nCand * d * 4);
    const f32 = this.f32;
    let to = this.candAt >> 2;
    for (let c = 0; c < nCand; c++) {
      const from = rows[c] * d;
      for (let k = 0; k < d; k++) f32[to++] = store[from + k];
    }
    const f64 = this.f64;
    const best = this.bestAt >> 3;
    const arg = this.argAt >> 3;
    f64.fill(Number.NEGATIVE_INFINITY, best, best + this.pairs * 2);
    f64.fill(0, arg, arg + this.pairs * 2);
    this.chamfer(0, this.pairs, this.candAt, nCand, this.bestAt, this.argAt, this.candBestAt);
    let seedSum = 0;
    for (let s = 0; s < nSeed; s++) {
      seedSum += f64[best + s];
      if (seedBest && seedArg) {
        seedBest[at + s] = f64[best + s];
        seedArg[at + s] = f64[arg + s];
      }
    }
    let candSum = 0;
    const candBest = this.candBestAt >> 3;
    // setScoreInStore keeps each row's best in a Float32Array: the same rounding, so the same sum.
    for (let c = 0; c < nCand; c++) candSum += Math.fround(f64[candBest + c]);
    return 0.5 * (seedSum / nSeed + candSum / nCand);
  }
}

/** A scorer for a space of `dims` dimensions: the SIMD kernel where it runs, else the plain JavaScript. */
export function createChamferScorer(dims: number, options: { simd?: boolean } = {}): ChamferScorer {
  const module = options.simd === false ? null : kernelModule(dims);
  return module ? new SimdScorer(dims, module) : new PlainScorer(dims);
}
