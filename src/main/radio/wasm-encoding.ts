/**
 * Just enough of the WebAssembly binary format to write a small module from JavaScript at run time
 * (no build step, no toolchain: none installs here). Used by chamfer-kernel.ts for its SIMD kernels.
 * Reference: the WebAssembly core spec, "Binary Format", and the fixed-width SIMD proposal's opcodes.
 */

/** Value types. */
export const I32 = 0x7f;
export const V128 = 0x7b;

/** Plain opcodes used by the kernels. */
export const OP = {
  loop: 0x03, br_if: 0x0d, end: 0x0b,
  localGet: 0x20, localSet: 0x21, localTee: 0x22,
  f32Load: 0x2a, f64Load: 0x2b, f64Store: 0x39,
  i32Const: 0x41, i32LtS: 0x48, i32Add: 0x6a, i32Mul: 0x6c,
  f64Max: 0xa5, f64ConvertI32S: 0xb7, f64PromoteF32: 0xbb,
} as const;

/** SIMD opcodes (each follows the 0xfd prefix, as an unsigned LEB128 number). */
export const SIMD = {
  v128Load: 0x00, v128Store: 0x0b, v128Const: 0x0c,
  f64x2Splat: 0x14, f64x2ExtractLane: 0x21,
  f64x2Gt: 0x4a, v128Bitselect: 0x52,
  f64x2Add: 0xf0, f64x2Mul: 0xf2, f64x2Max: 0xf5,
} as const;

/** Unsigned LEB128. */
export function u32(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 (32-bit). */
export function s32(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    const done = (n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

/** A vector: its length, then its items. */
export function vec(items: number[][]): number[] {
  return [...u32(items.length), ...items.flat()];
}

function section(id: number, body: number[]): number[] {
  return [id, ...u32(body.length), ...body];
}

function name(text: string): number[] {
  const bytes = [...new TextEncoder().encode(text)];
  return [...u32(bytes.length), ...bytes];
}

/** A function of a module: its signature, its extra locals (type per local), its body (without the final end). */
export interface WasmFunction {
  name: string;
  params: number[];
  results: number[];
  locals: number[];
  body: number[];
}

/**
 * A module with one exported memory ("memory", `pages` 64 KiB pages to start, growable) and the given
 * exported functions, each with its own type.
 */
export function encodeModule(functions: WasmFunction[], pages: number): Uint8Array {
  const types = functions.map((f) => [0x60, ...vec(f.params.map((t) => [t])), ...vec(f.results.map((t) => [t]))]);
  const codes = functions.map((f) => {
    // Locals are run-length encoded by type; one entry per local keeps it simple.
    const body = [...vec(f.locals.map((t) => [...u32(1), t])), ...f.body, OP.end];
    return [...u32(body.length), ...body];
  });
  const exports = [
    [...name('memory'), 0x02, ...u32(0)],
    ...functions.map((f, i) => [...name(f.name), 0x00, ...u32(i)]),
  ];
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec(types)),
    ...section(3, vec(functions.map((_, i) => u32(i)))),
    ...section(5, vec([[0x00, ...u32(pages)]])),
    ...section(7, vec(exports)),
    ...section(10, vec(codes)),
  ]);
}

/** Instruction helpers: each returns the bytes of one instruction. */
export const ins = {
  get: (local: number) => [OP.localGet, ...u32(local)],
  set: (local: number) => [OP.localSet, ...u32(local)],
  tee: (local: number) => [OP.localTee, ...u32(local)],
  i32: (value: number) => [OP.i32Const, ...s32(value)],
  /** A memory access: align is log2 of the natural alignment. */
  mem: (op: number, align: number, offset: number) => [op, ...u32(align), ...u32(offset)],
  simd: (op: number, ...immediates: number[]) => [0xfd, ...u32(op), ...immediates],
  simdMem: (op: number, offset: number) => [0xfd, ...u32(op), ...u32(4), ...u32(offset)],
  /** v128.const of two f64 lanes. */
  f64x2Const: (a: number, b: number) => {
    const bytes = new Uint8Array(new Float64Array([a, b]).buffer);
    return [0xfd, ...u32(SIMD.v128Const), ...bytes];
  },
};

/** Widest space the kernels are written for: each dimension of a candidate moment lives in a register. */
export const MAX_KERNEL_DIMS = 64;

/**
 * A per-dimension cache of compiled kernels: `bytesFor(dims)` compiled once, or null where this runtime has
 * no WebAssembly SIMD (validate fails) or the space is wider than MAX_KERNEL_DIMS (the plain JS runs then).
 */
export function kernelCache(bytesFor: (dims: number) => Uint8Array): (dims: number) => WebAssembly.Module | null {
  const compiled = new Map<number, WebAssembly.Module | null>();
  return (dims) => {
    if (!compiled.has(dims)) {
      let module: WebAssembly.Module | null = null;
      if (dims >= 1 && dims <= MAX_KERNEL_DIMS && typeof WebAssembly === 'object') {
        const bytes = bytesFor(dims);
        if (WebAssembly.validate(bytes)) module = new WebAssembly.Module(bytes);
      }
      compiled.set(dims, module);
    }
    return compiled.get(dims) ?? null;
  };
}
