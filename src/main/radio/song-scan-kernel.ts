/**
 * The radio's scan of every song's mean vector against the seed (set-similarity.ts's dotEach) as a
 * WebAssembly SIMD kernel (wasm-encoding.ts): at 1M fragments it is 20k songs per radio.
 *
 * Exact, like chamfer-kernel.ts: the means are kept in double precision, four songs side by side, and
 * each lane adds its products in dotEach's order, so every score equals dotEach's bit for bit
 * (song-scan-kernel.test.ts). Without WebAssembly SIMD, or in a wide space, dotEach itself runs.
 */
import { dotEach } from './set-similarity';
import { encodeModule, I32, ins, kernelCache, OP, SIMD, V128, type WasmFunction } from './wasm-encoding';

const PAGE = 65536;
/** Songs per block: two f64x2 lanes pairs, two independent sums (the adds' latency overlaps). */
const BLOCK = 4;

/** Every song's mean scored against a query, as dotEach scores them. */
export interface SongScan {
  readonly simd: boolean;
  readonly count: number;
  /** `out[t]` = song t's mean . `query` (rounded to float32, as dotEach's Float32Array output). */
  scan(query: Float32Array, out: Float32Array): Float32Array;
}

/**
 * scan(means, blocks, query, out): means holds the songs four by four, block-major ([block][dim][4] of
 * f64); query holds `dims` f64; out gets four f64 scores per block.
 */
function scanFunction(dims: number): WasmFunction {
  const [means, blocks, query, out] = [0, 1, 2, 3];
  const [j, ptr, acc0, acc1] = [4, 5, 6, 7];
  const q = (k: number) => 8 + k;
  const body: number[] = [];
  for (let k = 0; k < dims; k++) body.push(...ins.get(query), ...ins.mem(OP.f64Load, 3, 8 * k), ...ins.simd(SIMD.f64x2Splat), ...ins.set(q(k)));
  body.push(
    ...ins.i32(0), ...ins.set(j),
    ...ins.get(means), ...ins.set(ptr),
    OP.loop, 0x40,
    ...ins.get(q(0)), ...ins.get(ptr), ...ins.simdMem(SIMD.v128Load, 0), ...ins.simd(SIMD.f64x2Mul), ...ins.set(acc0),
    ...ins.get(q(0)), ...ins.get(ptr), ...ins.simdMem(SIMD.v128Load, 16), ...ins.simd(SIMD.f64x2Mul), ...ins.set(acc1),
  );
  for (let k = 1; k < dims; k++) {
    body.push(
      ...ins.get(acc0), ...ins.get(q(k)), ...ins.get(ptr), ...ins.simdMem(SIMD.v128Load, 32 * k), ...ins.simd(SIMD.f64x2Mul), ...ins.simd(SIMD.f64x2Add), ...ins.set(acc0),
      ...ins.get(acc1), ...ins.get(q(k)), ...ins.get(ptr), ...ins.simdMem(SIMD.v128Load, 32 * k + 16), ...ins.simd(SIMD.f64x2Mul), ...ins.simd(SIMD.f64x2Add), ...ins.set(acc1),
    );
  }
  body.push(
    ...ins.get(out), ...ins.get(acc0), ...ins.simdMem(SIMD.v128Store, 0),
    ...ins.get(out), ...ins.get(acc1), ...ins.simdMem(SIMD.v128Store, 16),
    ...ins.get(out), ...ins.i32(32), OP.i32Add, ...ins.set(out),
    ...ins.get(ptr), ...ins.i32(dims * 32), OP.i32Add, ...ins.set(ptr),
    ...ins.get(j), ...ins.i32(1), OP.i32Add, ...ins.tee(j), ...ins.get(blocks), OP.i32LtS, OP.br_if, 0,
    OP.end,
  );
  return { name: 'scan', params: [I32, I32, I32, I32], results: [], locals: [I32, I32, V128, V128, ...Array.from({ length: dims }, () => V128)], body };
}

/** The kernel's bytes for a space of `dims` dimensions. */
export function songScanModuleBytes(dims: number): Uint8Array {
  return encodeModule([scanFunction(dims)], 1);
}

/** The compiled kernel for `dims`, or null where this runtime has no WebAssembly SIMD (or the space is too wide). */
const kernelModule = kernelCache(songScanModuleBytes);

class PlainScan implements SongScan {
  readonly simd = false;
  constructor(private readonly means: Float32Array, readonly count: number, private readonly dims: number) {}

  scan(query: Float32Array, out: Float32Array): Float32Array {
    return dotEach(this.means, this.count, query, this.dims, out);
  }
}

class SimdScan implements SongScan {
  readonly simd = true;
  private readonly memory: WebAssembly.Memory;
  private readonly run: (means: number, blocks: number, query: number, out: number) => void;
  private readonly blocks: number;
  private readonly queryAt: number;
  private readonly outAt: number;

  constructor(means: Float32Array, readonly count: number, private readonly dims: number, module: WebAssembly.Module) {
    const instance = new WebAssembly.Instance(module);
    this.memory = instance.exports.memory as WebAssembly.Memory;
    this.run = instance.exports.scan as SimdScan['run'];
    this.blocks = Math.ceil(count / BLOCK);
    // [means][query][out], each 16-byte aligned (sizes are multiples of 32 and 16 bytes).
    this.queryAt = this.blocks * dims * BLOCK * 8;
    this.outAt = this.queryAt + Math.ceil(dims / 2) * 16;
    const bytes = this.outAt + this.blocks * BLOCK * 8;
    const have = this.memory.buffer.byteLength;
    if (bytes > have) this.memory.grow(Math.ceil((bytes - have) / PAGE));
    // The songs laid out four by four; a last block's missing songs are zeros (their scores are not read).
    const f64 = new Float64Array(this.memory.buffer);
    for (let t = 0; t < count; t++) {
      const block = Math.floor(t / BLOCK);
      const lane = t % BLOCK;
      for (let k = 0; k < dims; k++) f64[(block * dims + k) * BLOCK + lane] = means[t * dims + k];
    }
  }

  scan(query: Float32Array, out: Float32Array): Float32Array {
    const f64 = new Float64Array(this.memory.buffer);
    f64.set(query.subarray(0, this.dims), this.queryAt >> 3);
    if (this.blocks > 0) this.run(0, this.blocks, this.queryAt, this.outAt);
    out.set(f64.subarray(this.outAt >> 3, (this.outAt >> 3) + this.count));
    return out;
  }
}

/** The scan of `count` song means (rows of `dims` floats; the kernel copies them, the fallback reads them: keep them as they are). */
export function createSongScan(means: Float32Array, count: number, dims: number, options: { simd?: boolean } = {}): SongScan {
  const module = options.simd === false ? null : kernelModule(dims);
  return module ? new SimdScan(means, count, dims, module) : new PlainScan(means, count, dims);
}
