/**
 * The few WebAssembly globals the SIMD kernels use (chamfer-kernel.ts, song-scan-kernel.ts): Node and
 * Electron have them, but @types/node 20 does not declare them, and lib "DOM" would bring a browser's
 * globals into main's code.
 */
declare namespace WebAssembly {
  class Module {
    constructor(bytes: Uint8Array);
  }
  class Instance {
    constructor(module: Module, imports?: Record<string, Record<string, unknown>>);
    readonly exports: Record<string, unknown>;
  }
  class Memory {
    readonly buffer: ArrayBuffer;
    grow(deltaPages: number): number;
  }
  function validate(bytes: Uint8Array): boolean;
}
