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
  /** The sound space fitted to the library (library-map.ts); null keeps the model's own space. */
  libraryMap: LibraryMapTunables | null;
  rerank: RerankTunables;
}

export interface LibraryMapTunables {
  /** Dimensions of the fitted space. */
  dims: number;
  /** Fitted once the library has this many analysed tracks (fewer: the model's own space). */
  minTracks: number;
  /** Refitted when the number of analysed tracks moved by this share since the fit. */
  refitChange: number;
  /** Fragments read for a fit at most (an even spread over the tracks). */
  maxFragments: number;
}

export interface RerankTunables {
  /** Candidate songs the first stage hands to the exact set-to-set re-rank, in all. */
  candidateTracks: number;
  /** Of them, the songs whose mean is closest to the seed's (an exact scan of one vector per song). */
  meanCandidates: number;
  /** Seed moments compared (an even spread over the seed). */
  seedMoments: number;
  /** Moments of each candidate compared (an even spread over the song). */
  candidateMoments: number;
  /** First-stage queries besides the summed seed: one per spread seed moment. */
  queryMoments: number;
  /** Index hits of the summed seed's query. */
  hitsPerQuery: number;
  /** Index hits of each seed moment's query. */
  momentHits: number;
}

/** A radio's request: the seed songs, the songs to steer away from, the songs not to return. */
export interface SimilarRequest {
  seedTrackIds: number[];
  negativeTrackIds: number[];
  excludeTrackIds: number[];
  /** Songs wanted, best first. */
  limit: number;
  negativeWeight: number;
  /** Widens the first stage (candidate songs and hits per query) when the rules left too few picks. */
  breadth?: number;
  /** Re-rank every song of the library (the benchmark's reference for the first stage's recall). */
  exhaustive?: boolean;
}

export interface SimilarTrack {
  trackId: number;
  /** Symmetric Chamfer similarity with the seed (minus the negative songs' share), higher = closer. */
  score: number;
  /** The strongest matched moments, strongest first: seed fragment <-> pick fragment. */
  pairs: { seedFragmentId: number; pickFragmentId: number; similarity: number }[];
}

export interface SimilarResult {
  tracks: SimilarTrack[];
  /** Songs the first stage handed to the re-rank. */
  candidates: number;
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
  /**
   * What the last open found damaged on disk (a file changed or lost since it was written whole), after
   * which the index was rebuilt from SQLite: for telling the user. Null when nothing was.
   */
  damage: string | null;
  /** The space the index holds: the model's own vectors, or the map fitted on this library. */
  space: { dims: number; libraryMap: { tracks: number; fragments: number; dims: number; separation: number; fitMs: number } | null };
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

/** A sonic path's request (sonic-path.ts): the walk from one song to another through `count` songs. */
export interface PathRequest {
  fromTrackId: number;
  toTrackId: number;
  count: number;
  excludeTrackIds: number[];
  poolPerStep: number;
  wholeLibrary: number;
}

/** A matched pair of moments on a sonic path: the song before (seed) <-> the step (pick). */
export interface PathFragmentPair {
  seedFragmentId: number;
  pickFragmentId: number;
  similarity: number;
}

export interface PathResultMessage {
  steps: { trackId: number; toStart: number; toEnd: number; fromPrevious: number; pairs: PathFragmentPair[] }[];
  arrival: { fromPrevious: number; pairs: PathFragmentPair[] };
  candidates: number;
}

/** The library's own scale for a pick's closeness (closeness.ts): scores of pairs of different songs. */
export interface PairScale {
  /** Symmetric Chamfer similarities of the sampled song pairs, ascending (scored as similar() scores a pick). */
  scores: Float32Array;
  /** Songs the pairs were drawn from. */
  songs: number;
}

export type ToIndexWorker =
  | { type: 'open'; id: number; config: IndexConfig }
  | { type: 'refresh'; id: number }
  | { type: 'search'; id: number; query: Float32Array; k: number; exact?: boolean }
  | { type: 'similar'; id: number; request: SimilarRequest }
  | { type: 'save'; id: number }
  | { type: 'stats'; id: number }
  | { type: 'map'; id: number; colourGroup: string | null }
  /** The pair scale, at most `maxPairs` pairs (cached until the indexed songs change). */
  | { type: 'pairScale'; id: number; maxPairs: number }
  | { type: 'path'; id: number; request: PathRequest }
  /** Close the database and exit between requests (never terminated in the middle of a faiss call). */
  | { type: 'close'; id: number };

export type FromIndexWorker =
  | {
    type: 'ok'; id: number; stats?: IndexStats; hits?: SearchHits; similar?: SimilarResult; changed?: { added: number; removed: number }; map?: MapPoints; path?: PathResultMessage; pairScale?: PairScale;
    /**
     * With `similar` and `pairScale`: which indexed songs (in which space) the answer stands on; it changes
     * whenever they do, so main keeps the last pair scale while it does not (one round trip fewer per radio).
     */
    generation?: number;
  }
  | { type: 'error'; id: number; message: string };
