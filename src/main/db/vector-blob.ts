/** Fragment vectors are stored as little-endian float32 blobs. */

/** A blob as a Float32Array (copied: SQLite's Buffer may be reused and need not be 4-byte aligned). */
export function blobToVector(blob: Buffer): Float32Array {
  const out = new Float32Array(blob.length / 4);
  new Uint8Array(out.buffer).set(blob);
  return out;
}

export function vectorToBlob(vector: Float32Array): Buffer {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
}
