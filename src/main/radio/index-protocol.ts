/** Messages between main's VectorIndex client and the index worker (index-worker.ts). */

export interface IndexConfig {
  /** The library database (the worker opens it read-only; main stays its only writer). */
  databasePath: string;
  /** Folder for the persisted index files. */
  dir: string;
  modelSha: string;
  featureVersion: number;
  stepSec: number;
  embeddingSize: number;
  /** Up to this many vectors the index is exact (Flat, inner product); above, IVF with 8-bit codes. */
  exactLimit: number;
  /** IVF lists probed per query. */
  nprobe: number;
  /** Rebuild when this share of an IVF index is tombstones (removed fragments). */
  rebuildTombstoneShare: number;
}

export interface IndexStats {
  kind: 'flat' | 'ivf';
  descriptor: string;
  count: number;
  tombstones: number;
  bytesOnDisk: number;
  bytesPerVector: number;
  /** How the index came to be at open: read from disk, or rebuilt (and why). */
  origin: string;
}

export interface SearchHits {
  fragmentIds: Int32Array;
  trackIds: Int32Array;
  /** Inner products with the query, best first. */
  scores: Float32Array;
}

export interface MapPoints {
  trackIds: Int32Array;
  xy: Float32Array;
  tags: (string | null)[];
  explainedVariance: number;
}

export type ToIndexWorker =
  | { type: 'open'; id: number; config: IndexConfig }
  | { type: 'refresh'; id: number }
  | { type: 'search'; id: number; query: Float32Array; k: number; exact?: boolean }
  | { type: 'save'; id: number }
  | { type: 'stats'; id: number }
  | { type: 'map'; id: number; colourGroup: string | null }
  /** Close the database and exit between requests (never terminated in the middle of a faiss call). */
  | { type: 'close'; id: number };

export type FromIndexWorker =
  | { type: 'ok'; id: number; stats?: IndexStats; hits?: SearchHits; changed?: { added: number; removed: number }; map?: MapPoints }
  | { type: 'error'; id: number; message: string };
