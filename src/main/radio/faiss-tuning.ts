/**
 * faiss-node exposes no setter for an IVF index's nprobe, but faiss serialises it at a fixed place in the
 * index header, so it can be set by rewriting the serialised index (works with any faiss-node build).
 * Layout (faiss/impl/index_write.cpp): fourcc, d:int32, ntotal:int64, 2 x int64, is_trained:uint8,
 * metric_type:int32, [metric_arg:float32 when metric_type > 1], then nlist:uint64, nprobe:uint64.
 */
const IVF_FOURCCS = new Set(['IwFl', 'IwSq', 'IwPQ', 'IwQR', 'IwFx', 'IwSh']);

export function nprobeOffset(buffer: Buffer): number {
  const fourcc = buffer.toString('latin1', 0, 4);
  if (!IVF_FOURCCS.has(fourcc)) throw new Error(`not an IVF index (${fourcc})`);
  const metricType = buffer.readInt32LE(33);
  return 37 + (metricType > 1 ? 4 : 0) + 8;
}

/** Returns a copy of a serialised IVF index with nprobe set. */
export function withNprobe(buffer: Buffer, nprobe: number): Buffer {
  const out = Buffer.from(buffer);
  const offset = nprobeOffset(out);
  const nlist = Number(out.readBigUInt64LE(offset - 8));
  out.writeBigUInt64LE(BigInt(Math.max(1, Math.min(nprobe, nlist))), offset);
  return out;
}

export function readNprobe(buffer: Buffer): number {
  return Number(buffer.readBigUInt64LE(nprobeOffset(buffer)));
}
