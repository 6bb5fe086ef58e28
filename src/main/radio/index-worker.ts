/**
 * The vector index, in its own worker thread because faiss-node blocks the thread it runs on. It reads
 * fragment vectors from the library database through a read-only connection (main stays the only
 * writer) and keeps a faiss index of the current model's fragments:
 * - exact (Flat, inner product) up to `exactLimit` vectors, IVF with 8-bit scalar codes above;
 * - persisted next to the database, every file with a SHA-256 checked on load (index-files.ts); a
 *   missing or damaged file is rebuilt from SQLite (the index is a cache, SQLite is the truth) and the
 *   damage reported in its stats, so the user is told; a stale one is brought up to date;
 * - brought up to date by comparing, inside one read transaction, every fragment it holds (id, track,
 *   and when the track was analysed) with SQLite's; fragment ids are never reused (migration v6);
 * - label -> fragment id kept in arrays: a Flat index's removeIds renumbers (the arrays are compacted the
 *   same way); an IVF index's removed entries become tombstones, filtered out, rebuilt past a share;
 * - the vectors live in a space fitted to the library (library-map.ts: a label-free linear map, tracks as
 *   classes), refitted when the library changes enough; the map is persisted next to the index and, like
 *   it, refitted from SQLite when missing or damaged;
 * - every indexed vector is also kept in memory (16 floats each in the fitted space), so a radio is two
 *   stages: candidate songs (an exact scan of song means, and faiss: the summed seed plus one query per
 *   spread seed moment), then an exact set-to-set re-rank of those songs (set-similarity.ts).
 */
import { existsSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parentPort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { FromIndexWorker, IndexConfig, IndexStats, MapPoints, PairScale, PathRequest, PathResultMessage, SearchHits, SimilarRequest, SimilarResult, SimilarTrack, ToIndexWorker } from './index-protocol';
import { sonicPath, type PathPair } from './sonic-path';
import { projectPca } from '../map/projection';
import { applyLibraryMap, fitLibraryMap, parseLibraryMap, serialiseLibraryMap, type LibraryMap } from './library-map';
import { directedSimilarity, dotEach, pairsFrom, setScoreInStore, spreadIndices } from './set-similarity';
import { withNprobe } from './faiss-tuning';
import { samplePairs } from './closeness';
import { readIndexFiles, readSealedJson, sha256, writeIndexFiles, writeSealedJson, type FileProblem } from './index-files';
import { blobToVector as toVector } from '../db/vector-blob';

type Faiss = typeof import('faiss-node');
type AnyIndex = InstanceType<Faiss['Index']> | InstanceType<Faiss['IndexFlatIP']>;

const faiss = createRequire(import.meta.url)('faiss-node') as Faiss;
const port = parentPort;
if (!port) throw new Error('index worker must run as a worker thread');

const CHUNK = 8192;
let config: IndexConfig;
let db: Database.Database;
let index: AnyIndex | null = null;
let kind: 'flat' | 'ivf' = 'flat';
let descriptor = 'Flat';
let fragmentIds: number[] = [];
let trackIds: number[] = [];
let tombstones = new Set<number>();
/** Track id -> when SQLite says it was analysed, for the tracks the index holds (a re-analysis is a change). */
let analysedAt = new Map<number, number>();
let origin = '';
/** What the last open found damaged on disk (and rebuilt from SQLite), for the user; null when nothing. */
let damage: string | null = null;
/** The library's fitted space (null: the model's own vectors) and what fitting it took. */
let libraryMap: LibraryMap | null = null;
let mapFitMs = 0;
/** Indexed vectors in the index's space, row per label (tombstoned rows stay until a rebuild). */
let store = new Float32Array(0);
/** Labels of each track's live fragments, in label order; rebuilt after changes. */
let labelsOfTrack: Map<number, number[]> | null = null;

/** Dimensions of the vectors the index holds. */
function spaceDims(): number {
  return libraryMap ? libraryMap.dims : config.embeddingSize;
}

/** A model vector in the index's space. */
function toSpace(vector: Float32Array): Float32Array {
  return libraryMap ? applyLibraryMap(libraryMap, vector) : vector;
}

function storeRows(rows: Float32Array[], at: number): void {
  const d = spaceDims();
  const need = (at + rows.length) * d;
  if (store.length < need) {
    const grown = new Float32Array(Math.max(need, Math.ceil(store.length * 1.5)));
    grown.set(store.subarray(0, at * d));
    store = grown;
  }
  rows.forEach((v, i) => store.set(v, (at + i) * d));
}

/**
 * Each track's mean vector in the index's space (unit length), computed from the labels map it follows,
 * with each track's place in that list and the spread moments the re-rank compares (computed once, not
 * per radio: a radio's re-rank then allocates nothing per candidate).
 */
interface SongMeans {
  from: Map<number, number[]>;
  ids: number[];
  means: Float32Array;
  slot: Map<number, number>;
  spread: Int32Array;
  spreadStart: Int32Array;
  /** Scratch for the mean scan (one radio at a time: the worker is single-threaded). */
  scores: Float32Array;
}
let songMeanCache: SongMeans | null = null;

function songMeans(): SongMeans {
  const byTrack = trackLabels();
  if (songMeanCache?.from === byTrack) return songMeanCache;
  const d = spaceDims();
  const ids = [...byTrack.keys()];
  const means = new Float32Array(ids.length * d);
  ids.forEach((trackId, t) => {
    for (const label of byTrack.get(trackId) as number[]) for (let j = 0; j < d; j++) means[t * d + j] += store[label * d + j];
    let norm = 0;
    for (let j = 0; j < d; j++) norm += means[t * d + j] ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let j = 0; j < d; j++) means[t * d + j] /= norm;
  });
  // Every track's spread moments in one buffer: track t's are spread[spreadStart[t] .. spreadStart[t + 1]).
  const spreadStart = new Int32Array(ids.length + 1);
  const perTrack = config.rerank.candidateMoments;
  ids.forEach((trackId, t) => {
    spreadStart[t + 1] = spreadStart[t] + Math.min(perTrack, (byTrack.get(trackId) as number[]).length);
  });
  const spread = new Int32Array(spreadStart[ids.length]);
  ids.forEach((trackId, t) => {
    const own = byTrack.get(trackId) as number[];
    spreadIndices(own.length, perTrack).forEach((i, k) => {
      spread[spreadStart[t] + k] = own[i];
    });
  });
  songMeanCache = { from: byTrack, ids, means, slot: new Map(ids.map((id, t) => [id, t])), spread, spreadStart, scores: new Float32Array(ids.length) };
  return songMeanCache;
}

/** A track's moments the re-rank compares: its labels spread evenly over the song (a view, no copy). */
function spreadRows(trackId: number): Int32Array | null {
  const { slot, spread, spreadStart } = songMeans();
  const t = slot.get(trackId);
  if (t === undefined || spreadStart[t + 1] === spreadStart[t]) return null;
  return spread.subarray(spreadStart[t], spreadStart[t + 1]);
}

/** The `n` best-scoring ids (score descending, then id), from parallel arrays. */
function topIds(ids: number[], scores: Float32Array | number[], n: number): number[] {
  const top: number[] = [];
  for (let i = 0; i < ids.length; i++) {
    if (!Number.isFinite(scores[i])) continue;
    if (top.length === n && scores[i] <= scores[top[n - 1]]) continue;
    let at = top.length;
    while (at > 0 && (scores[top[at - 1]] < scores[i] || (scores[top[at - 1]] === scores[i] && ids[top[at - 1]] > ids[i]))) at--;
    top.splice(at, 0, i);
    if (top.length > n) top.pop();
  }
  return top.map((i) => ids[i]);
}

function trackLabels(): Map<number, number[]> {
  if (labelsOfTrack) return labelsOfTrack;
  const map = new Map<number, number[]>();
  trackIds.forEach((trackId, label) => {
    if (tombstones.has(label)) return;
    let list = map.get(trackId);
    if (!list) map.set(trackId, (list = []));
    list.push(label);
  });
  labelsOfTrack = map;
  return map;
}

const CURRENT = `FROM fragments f JOIN analyses a ON a.track_id = f.track_id JOIN tracks t ON t.id = f.track_id
  WHERE a.status = 'done' AND a.model_sha = @modelSha AND a.feature_version = @featureVersion AND a.step_sec = @stepSec
  AND a.source_size = t.size AND a.source_mtime_ms = t.mtime_ms`;

function version() {
  return { modelSha: config.modelSha, featureVersion: config.featureVersion, stepSec: config.stepSec };
}

/** The folder holding this model's and step's index files, replaced whole on each save. */
function indexDir(): string {
  return join(config.dir, `index-${config.modelSha.slice(0, 12)}-f${config.featureVersion}-s${config.stepSec}`);
}

function basePath(): string {
  return join(indexDir(), 'index');
}

/**
 * Reads SQLite in one snapshot: what the index compares and what it then reads must be the same
 * library, whatever main writes meanwhile (WAL readers never block the writer). Nested calls share it.
 */
function inSnapshot<T>(fn: () => T): T {
  return db.inTransaction ? fn() : db.transaction(fn)();
}

/** Each current track's analysis time: its fragments are written (and replaced) only with a new one. */
function currentAnalysedAt(): Map<number, number> {
  const rows = db.prepare(`SELECT a.track_id AS trackId, a.analysed_at AS at FROM analyses a JOIN tracks t ON t.id = a.track_id
    WHERE a.status = 'done' AND a.model_sha = @modelSha AND a.feature_version = @featureVersion AND a.step_sec = @stepSec
    AND a.source_size = t.size AND a.source_mtime_ms = t.mtime_ms`).all(version()) as { trackId: number; at: number }[];
  return new Map(rows.map((r) => [r.trackId, r.at]));
}

function liveCount(): number {
  return fragmentIds.length - tombstones.size;
}

function addVectors(target: AnyIndex, rows: { id: number; track_id: number; vector: Buffer }[]): void {
  const d = spaceDims();
  const flat = new Array<number>(rows.length * d);
  const mapped = rows.map((row) => Float32Array.from(toSpace(toVector(row.vector))));
  storeRows(mapped, fragmentIds.length);
  rows.forEach((row, i) => {
    const v = mapped[i];
    for (let j = 0; j < d; j++) flat[i * d + j] = v[j];
    fragmentIds.push(row.id);
    trackIds.push(row.track_id);
  });
  labelsOfTrack = null;
  target.add(flat);
}

/** Analysed tracks now in SQLite (the map's refit rule compares this with the tracks it was fitted on). */
function analysedTrackCount(): number {
  return (db.prepare(`SELECT COUNT(DISTINCT f.track_id) AS n ${CURRENT}`).get(version()) as { n: number }).n;
}

/** Why the library's space should be (re)fitted now, or null when the current one still serves. */
function mapOutdated(tracks: number): string | null {
  const tun = config.libraryMap;
  if (!tun) return libraryMap ? 'the library map was turned off' : null;
  if (tracks < tun.minTracks) return libraryMap ? `the library has fewer than ${tun.minTracks} analysed songs` : null;
  if (!libraryMap) return `a sound space fitted on the library's ${tracks} songs`;
  if (Math.abs(tracks - libraryMap.tracks) > tun.refitChange * libraryMap.tracks) return `the library changed (${libraryMap.tracks} -> ${tracks} songs): its sound space refitted`;
  return null;
}

/** Fits the library's space from an even spread of each track's fragments in SQLite (or drops it). */
function fitMap(tracks: number): void {
  const tun = config.libraryMap;
  if (!tun || tracks < tun.minTracks) {
    libraryMap = null;
    mapFitMs = 0;
    return;
  }
  const started = performance.now();
  const perTrack = Math.max(4, Math.ceil(tun.maxFragments / tracks));
  const d = config.embeddingSize;
  const sampled: Float32Array[] = [];
  const owner: number[] = [];
  let current = -1;
  let rows: Buffer[] = [];
  const flush = () => {
    for (const i of spreadIndices(rows.length, perTrack)) {
      sampled.push(toVector(rows[i]));
      owner.push(current);
    }
    rows = [];
  };
  for (const row of db.prepare(`SELECT f.track_id, f.vector ${CURRENT} ORDER BY f.track_id, f.start_sec`).iterate(version()) as Iterable<{ track_id: number; vector: Buffer }>) {
    if (row.track_id !== current && rows.length) flush();
    current = row.track_id;
    rows.push(row.vector);
  }
  if (rows.length) flush();
  const flat = new Float32Array(sampled.length * d);
  sampled.forEach((v, i) => flat.set(v, i * d));
  libraryMap = fitLibraryMap(flat, Int32Array.from(owner), d, tun.dims);
  mapFitMs = Math.round(performance.now() - started);
}

function mapFile(): string {
  return `${indexDir()}.space.json`;
}

/** A stable name for the fitted space: the index on disk must have been built in the same one. */
function mapId(): string {
  if (!libraryMap) return 'model';
  return `lda${libraryMap.dims}:${libraryMap.tracks}:${libraryMap.fragments}:${libraryMap.mean[0]}:${libraryMap.projection[0]}`;
}

function saveMap(): void {
  if (!libraryMap) {
    rmSync(mapFile(), { force: true });
    return;
  }
  writeSealedJson(mapFile(), { ...serialiseLibraryMap(libraryMap), fitMs: mapFitMs });
}

/**
 * The persisted space, when there is one and it is whole; else why not (the rebuild that follows
 * refits it from SQLite). No file is no problem: the library may be too small for a space.
 */
function loadMap(): FileProblem | null {
  libraryMap = null;
  mapFitMs = 0;
  if (!config.libraryMap || !existsSync(mapFile())) return null;
  const name = 'the sound space file';
  const read = readSealedJson(mapFile(), name);
  if (!('data' in read)) return read;
  try {
    const data = read.data as { fitMs?: number };
    libraryMap = parseLibraryMap(data, config.embeddingSize);
    mapFitMs = typeof data.fitMs === 'number' ? data.fitMs : 0;
    return null;
  } catch (error) {
    libraryMap = null;
    return { problem: `${name} is not a sound space (${(error as Error).message})`, damaged: true };
  }
}

/** Builds the index from every current fragment in SQLite, all read from one snapshot. */
function rebuild(reason: string, refit = true): void {
  inSnapshot(() => build(reason, refit));
}

function build(reason: string, refit: boolean): void {
  const count = (db.prepare(`SELECT COUNT(*) AS n ${CURRENT}`).get(version()) as { n: number }).n;
  if (refit) fitMap(analysedTrackCount());
  saveMap();
  fragmentIds = [];
  trackIds = [];
  tombstones = new Set();
  analysedAt = currentAnalysedAt();
  labelsOfTrack = null;
  store = new Float32Array(0);
  const d = spaceDims();
  if (count <= config.exactLimit) {
    kind = 'flat';
    descriptor = 'Flat';
    index = new faiss.IndexFlatIP(d);
  } else {
    // ~2 sqrt(N) lists (k-means training stays seconds, not minutes, on a laptop). In the library's
    // 16-dimensional space full float codes cost 64 bytes and scan twice as fast as 8-bit ones; the
    // model's own wide vectors get 8-bit scalar codes (4x smaller, near-exact inner products).
    const nlist = Math.min(65536, Math.max(64, Math.round(2 * Math.sqrt(count))));
    kind = 'ivf';
    descriptor = `IVF${nlist},${d <= 32 ? 'Flat' : 'SQ8'}`;
    const ivf = faiss.Index.fromFactory(d, descriptor, faiss.MetricType.METRIC_INNER_PRODUCT);
    // Train on an evenly spread sample (faiss wants ~40+ points per list).
    const sampleSize = Math.min(count, nlist * 64);
    const stride = Math.max(1, Math.floor(count / sampleSize));
    const sample: number[] = [];
    let i = 0;
    for (const row of db.prepare(`SELECT f.vector ${CURRENT} ORDER BY f.id`).iterate(version()) as Iterable<{ vector: Buffer }>) {
      if (i++ % stride === 0 && sample.length < sampleSize * d) sample.push(...toSpace(toVector(row.vector)));
    }
    ivf.train(sample);
    index = ivf;
  }
  let batch: { id: number; track_id: number; vector: Buffer }[] = [];
  for (const row of db.prepare(`SELECT f.id, f.track_id, f.vector ${CURRENT} ORDER BY f.id`).iterate(version()) as Iterable<{ id: number; track_id: number; vector: Buffer }>) {
    batch.push(row);
    if (batch.length === CHUNK) {
      addVectors(index, batch);
      batch = [];
    }
  }
  if (batch.length) addVectors(index, batch);
  if (kind === 'ivf') index = faiss.Index.fromBuffer(withNprobe(index.toBuffer(), config.nprobe));
  origin = reason;
  save();
}

/** What index.json holds besides each file's checksum. */
interface IndexMeta {
  kind: 'flat' | 'ivf';
  descriptor: string;
  count: number;
  tombstones: number[];
  space: string;
  dims: number;
  /** Track id, analysis time, pairwise: a track analysed again since the save is a change. */
  analysedAt: number[];
}

const DATA_FILES = ['index.ids', 'index.vectors'] as const;
/** Checked in slices and read by faiss itself: a big index is not held twice in memory. */
const FAISS_FILE = 'index.faiss';

function save(): void {
  const current = index;
  if (!current) return;
  const rows = store.subarray(0, fragmentIds.length * spaceDims());
  const meta: IndexMeta = {
    kind, descriptor, count: fragmentIds.length, tombstones: [...tombstones], space: mapId(), dims: spaceDims(),
    analysedAt: [...analysedAt].flat(),
  };
  writeIndexFiles(indexDir(), {
    meta,
    files: {
      [FAISS_FILE]: (path: string) => current.write(path),
      'index.ids': Buffer.from(Int32Array.from([...fragmentIds, ...trackIds]).buffer),
      'index.vectors': Buffer.from(rows.buffer, rows.byteOffset, rows.byteLength),
    },
  });
}

/** A file's bytes in a fresh, aligned buffer (a Buffer may sit at any offset of a shared pool). */
function aligned(contents: Buffer): ArrayBuffer {
  return new Uint8Array(contents).buffer;
}

/** Reads the persisted index; null when it is whole and built in this space, else why not. */
function load(): FileProblem | null {
  const read = readIndexFiles<IndexMeta>(indexDir(), DATA_FILES, [FAISS_FILE]);
  if (!('meta' in read)) return read;
  const { meta, files, paths } = read;
  if (meta.space !== mapId() || meta.dims !== spaceDims()) return { problem: 'the index was built in another sound space', damaged: false };
  // The checksums held, so a disagreement here is a file written wrong, not a file changed since.
  const wrong = (what: string): FileProblem => ({ problem: `the saved index is inconsistent (${what})`, damaged: true });
  const labels = new Int32Array(aligned(files['index.ids']));
  if (labels.length !== meta.count * 2) return wrong('labels');
  const vectors = new Float32Array(aligned(files['index.vectors']));
  if (vectors.length !== meta.count * spaceDims()) return wrong('vectors');
  if (!Array.isArray(meta.analysedAt) || meta.analysedAt.length % 2 !== 0) return wrong('analysis times');
  let loaded: AnyIndex;
  try {
    loaded = faiss.Index.read(paths[FAISS_FILE]);
    // nprobe is stored in the file: a saved IVF index follows the current setting, not the one it was built with.
    if (meta.kind === 'ivf') loaded = faiss.Index.fromBuffer(withNprobe(loaded.toBuffer(), config.nprobe));
  } catch (error) {
    return wrong(`faiss: ${(error as Error).message}`);
  }
  if (loaded.ntotal() !== meta.count || loaded.getDimension() !== spaceDims()) return wrong('faiss file');
  store = vectors;
  labelsOfTrack = null;
  index = loaded;
  kind = meta.kind;
  descriptor = meta.descriptor;
  fragmentIds = Array.from(labels.subarray(0, meta.count));
  trackIds = Array.from(labels.subarray(meta.count));
  tombstones = new Set(meta.tombstones);
  analysedAt = new Map();
  for (let i = 0; i < meta.analysedAt.length; i += 2) analysedAt.set(meta.analysedAt[i], meta.analysedAt[i + 1]);
  return null;
}

/**
 * Brings the index in line with SQLite: adds new fragments, drops vanished ones. An entry stays only
 * when SQLite holds the same fragment id, for the same track, from the same analysis of it: a count or
 * a sum of ids cannot tell a fragment from another that took its id (a restored backup hands ids out
 * again), and a track analysed again has new vectors. Compared and read in one snapshot.
 */
function refresh(): { added: number; removed: number } {
  return inSnapshot(refreshNow);
}

function refreshNow(): { added: number; removed: number } {
  if (!index) throw new Error('index not open');
  const wanted = new Map<number, number>();
  for (const row of db.prepare(`SELECT f.id, f.track_id ${CURRENT}`).iterate(version()) as Iterable<{ id: number; track_id: number }>) wanted.set(row.id, row.track_id);
  const wantedAt = currentAnalysedAt();
  const present = new Set<number>();
  const goneLabels: number[] = [];
  fragmentIds.forEach((id, label) => {
    if (tombstones.has(label)) return;
    const trackId = trackIds[label];
    const same = wanted.get(id) === trackId && wantedAt.get(trackId) === analysedAt.get(trackId) && !present.has(id);
    if (same) present.add(id);
    else goneLabels.push(label);
  });
  analysedAt = wantedAt;
  const toAdd = [...wanted.keys()].filter((id) => !present.has(id));
  if (goneLabels.length > 0) {
    if (kind === 'flat') {
      // IndexFlat::remove_ids compacts, keeping order: compact our label arrays the same way.
      index.removeIds(goneLabels);
      const gone = new Set(goneLabels);
      const d = spaceDims();
      let kept = 0;
      for (let label = 0; label < fragmentIds.length; label++) {
        if (gone.has(label)) continue;
        if (kept !== label) store.copyWithin(kept * d, label * d, (label + 1) * d);
        kept++;
      }
      fragmentIds = fragmentIds.filter((_, label) => !gone.has(label));
      trackIds = trackIds.filter((_, label) => !gone.has(label));
      labelsOfTrack = null;
    } else {
      goneLabels.forEach((label) => tombstones.add(label));
      labelsOfTrack = null;
    }
  }
  const select = db.prepare(`SELECT id, track_id, vector FROM fragments WHERE id = ?`);
  for (let i = 0; i < toAdd.length; i += CHUNK) {
    const rows = toAdd.slice(i, i + CHUNK).map((id) => select.get(id) as { id: number; track_id: number; vector: Buffer });
    addVectors(index, rows);
  }
  const total = liveCount();
  const wrongKind = (kind === 'flat' && total > config.exactLimit * 1.2) || (kind === 'ivf' && total < config.exactLimit * 0.8);
  const refit = goneLabels.length + toAdd.length > 0 ? mapOutdated(trackLabels().size) : null;
  if (refit) {
    rebuild(refit);
  } else if (wrongKind || (kind === 'ivf' && tombstones.size > config.rebuildTombstoneShare * fragmentIds.length)) {
    rebuild(wrongKind ? 'the library grew or shrank past the exact-search limit' : 'many removed fragments', false);
  } else if (goneLabels.length + toAdd.length > 0) {
    save();
  }
  return { added: toAdd.length, removed: goneLabels.length };
}

function search(query: Float32Array, k: number): SearchHits {
  if (!index || liveCount() === 0) return { fragmentIds: new Int32Array(0), trackIds: new Int32Array(0), scores: new Float32Array(0) };
  const want = Math.min(fragmentIds.length, k + tombstones.size);
  const { labels, distances } = index.search(Array.from(toSpace(query)), want);
  const out = { ids: [] as number[], tracks: [] as number[], scores: [] as number[] };
  for (let i = 0; i < labels.length && out.ids.length < k; i++) {
    const label = labels[i];
    if (label < 0 || tombstones.has(label)) continue;
    out.ids.push(fragmentIds[label]);
    out.tracks.push(trackIds[label]);
    out.scores.push(distances[i]);
  }
  return { fragmentIds: Int32Array.from(out.ids), trackIds: Int32Array.from(out.tracks), scores: Float32Array.from(out.scores) };
}

/** Rows (labels) of a set of tracks' fragments, gathered into one array of vectors. */
function gather(labels: number[]): Float32Array {
  const d = spaceDims();
  const out = new Float32Array(labels.length * d);
  labels.forEach((label, i) => out.set(store.subarray(label * d, (label + 1) * d), i * d));
  return out;
}

/**
 * The radio's two stages. First, candidate songs: the songs whose mean vector is closest to the seed's
 * (an exact scan, one vector per song), and from the index the songs of the fragments nearest to the
 * summed seed (the design's query) and to each spread seed moment (a song that matches one part of the
 * seed is not lost), ranked by their best hit. Then an exact re-rank of the candidates by the symmetric
 * Chamfer similarity of their moments with the seed's, less the negative songs' share. A library no
 * bigger than the re-rank is re-ranked whole.
 */
function similar(req: SimilarRequest): SimilarResult {
  const tun = config.rerank;
  const d = spaceDims();
  const byTrack = trackLabels();
  const seedLabels = req.seedTrackIds.flatMap((id) => byTrack.get(id) ?? []);
  if (!index || seedLabels.length === 0) return { tracks: [], candidates: 0 };
  const seedRows = spreadIndices(seedLabels.length, tun.seedMoments).map((i) => seedLabels[i]);
  const seedSet = gather(seedRows);
  const negativeLabels = req.negativeTrackIds.flatMap((id) => byTrack.get(id) ?? []);
  const negativeSet = gather(spreadIndices(negativeLabels.length, tun.seedMoments).map((i) => negativeLabels[i]));
  const nNegative = negativeSet.length / d;
  const excluded = new Set([...req.seedTrackIds, ...req.excludeTrackIds]);

  let candidates: number[];
  // A library with no more songs than the re-rank takes is re-ranked whole: nothing for a first stage to do.
  if (req.exhaustive || byTrack.size <= tun.candidateTracks * Math.max(1, req.breadth ?? 1)) {
    candidates = [...byTrack.keys()].filter((id) => !excluded.has(id));
  } else {
    const summed = new Float32Array(d);
    for (const label of seedLabels) for (let j = 0; j < d; j++) summed[j] += store[label * d + j];
    let norm = 0;
    for (let j = 0; j < d; j++) norm += summed[j] * summed[j];
    norm = Math.sqrt(norm) || 1;
    const breadth = Math.max(1, req.breadth ?? 1);
    // Songs alike as wholes: every song's mean against the seed's (exact, 16 numbers a song).
    const { ids, means, slot, scores: scratchScores } = songMeans();
    // Unnormalised scores rank the same; the excluded songs are struck out after the scan, not tested in it.
    const meanScores = dotEach(means, ids.length, summed, d, scratchScores);
    for (const id of excluded) {
      const t = slot.get(id);
      if (t !== undefined) meanScores[t] = Number.NEGATIVE_INFINITY;
    }
    const byMean = topIds(ids, meanScores, tun.meanCandidates * breadth);
    // Songs alike in a part: the index's nearest fragments to the summed seed and to each seed moment.
    const best = new Map<number, number>();
    const collect = (queries: number[], hits: number) => {
      if (queries.length === 0) return;
      const k = Math.max(1, Math.min(fragmentIds.length, hits * breadth + tombstones.size));
      const { labels, distances } = (index as AnyIndex).search(queries, k);
      for (let i = 0; i < labels.length; i++) {
        const label = labels[i];
        if (label < 0 || tombstones.has(label)) continue;
        const trackId = trackIds[label];
        if (excluded.has(trackId)) continue;
        const seen = best.get(trackId);
        if (seen === undefined || distances[i] > seen) best.set(trackId, distances[i]);
      }
    };
    collect(Array.from(summed, (x) => x / norm), tun.hitsPerQuery);
    const moments: number[] = [];
    for (const i of spreadIndices(seedLabels.length, tun.queryMoments)) {
      const label = seedLabels[i];
      for (let j = 0; j < d; j++) moments.push(store[label * d + j]);
    }
    collect(moments, tun.momentHits);
    const inMean = new Set(byMean);
    const hitIds = [...best.keys()].filter((id) => !inMean.has(id));
    const byHit = topIds(hitIds, hitIds.map((id) => best.get(id) as number), Math.max(tun.candidateTracks * breadth, req.limit) - byMean.length);
    candidates = [...byMean, ...byHit];
  }

  // Every candidate scored in place (no copies), keeping each seed moment's best match for the pairs.
  const nSeed = seedRows.length;
  const scratch = new Float32Array(tun.candidateMoments);
  // Each seed moment's best match in every candidate, in two buffers (read back only for the songs kept).
  const seedBest = new Float32Array(candidates.length * nSeed);
  const seedArg = new Int32Array(candidates.length * nSeed);
  const scores = new Float64Array(candidates.length);
  const order: number[] = [];
  candidates.forEach((trackId, i) => {
    const rows = spreadRows(trackId);
    if (!rows) return;
    let score = setScoreInStore(seedSet, nSeed, store, rows, d, scratch, seedBest, seedArg, i * nSeed);
    if (nNegative > 0) score -= req.negativeWeight * directedSimilarity(negativeSet, nNegative, gather(Array.from(rows)), rows.length, d);
    scores[i] = score;
    order.push(i);
  });
  order.sort((a, b) => scores[b] - scores[a] || candidates[a] - candidates[b]);
  const tracks: SimilarTrack[] = order.slice(0, req.limit).map((i) => {
    const rows = spreadRows(candidates[i]) as Int32Array;
    const at = i * nSeed;
    return {
      trackId: candidates[i], score: Math.round(scores[i] * 1e6) / 1e6,
      pairs: pairsFrom(seedBest.subarray(at, at + nSeed), seedArg.subarray(at, at + nSeed), 3)
        .map((p) => ({ seedFragmentId: fragmentIds[seedRows[p.seed]], pickFragmentId: fragmentIds[rows[p.pick]], similarity: Math.round(p.similarity * 1e4) / 1e4 })),
    };
  });
  return { tracks, candidates: candidates.length };
}

/** The sonic path from one song to another (sonic-path.ts), on the same vectors the radio ranks with. */
function path(req: PathRequest): PathResultMessage {
  const { ids, means, slot } = songMeans();
  const toFragments = (p: PathPair) => ({ seedFragmentId: fragmentIds[p.seedRow], pickFragmentId: fragmentIds[p.pickRow], similarity: p.similarity });
  const result = sonicPath({ dims: spaceDims(), ids, means, slot, store, rowsOf: spreadRows }, req);
  return {
    steps: result.steps.map((s) => ({ ...s, pairs: s.pairs.map(toFragments) })),
    arrival: { fromPrevious: result.arrival.fromPrevious, pairs: result.arrival.pairs.map(toFragments) },
    candidates: result.candidates,
  };
}

let pairScaleCache: { from: Map<number, number[]>; maxPairs: number; scale: PairScale } | null = null;

/**
 * The library's own scale for a pick's closeness: pairs of different songs (all of them in a small
 * library, a fixed random sample in a big one) scored exactly as similar() scores a pick against a
 * one-song seed. Kept until the indexed songs or their space change (trackLabels is rebuilt then).
 */
function pairScale(maxPairs: number): PairScale {
  const byTrack = trackLabels();
  if (pairScaleCache?.from === byTrack && pairScaleCache.maxPairs === maxPairs) return pairScaleCache.scale;
  const d = spaceDims();
  const ids = [...byTrack.keys()];
  const pairs = samplePairs(ids.length, maxPairs);
  const scratch = new Float32Array(config.rerank.candidateMoments);
  const scores = new Float32Array(pairs.length / 2);
  for (let i = 0; i < scores.length; i++) {
    const seedLabels = byTrack.get(ids[pairs[i * 2]]) as number[];
    const seedSet = gather(spreadIndices(seedLabels.length, config.rerank.seedMoments).map((k) => seedLabels[k]));
    const rows = spreadRows(ids[pairs[i * 2 + 1]]) ?? new Int32Array(0);
    scores[i] = setScoreInStore(seedSet, seedSet.length / d, store, rows, d, scratch);
  }
  scores.sort();
  const scale = { scores, songs: ids.length };
  pairScaleCache = { from: byTrack, maxPairs, scale };
  return scale;
}

function stats(): IndexStats {
  const file = `${basePath()}.faiss`;
  const bytes = existsSync(file) ? statSync(file).size : 0;
  const count = liveCount();
  const space = {
    dims: spaceDims(),
    libraryMap: libraryMap ? { tracks: libraryMap.tracks, fragments: libraryMap.fragments, dims: libraryMap.dims, separation: Math.round(libraryMap.separation * 1000) / 1000, fitMs: mapFitMs } : null,
  };
  return { kind, descriptor, count, tombstones: tombstones.size, bytesOnDisk: bytes, bytesPerVector: fragmentIds.length ? Math.round(bytes / fragmentIds.length) : 0, origin, damage, space };
}

let mapCache: { key: string; points: MapPoints } | null = null;

/**
 * The sonic map: each track's mean fragment vector projected to 2-D, coloured by its most probable tag
 * of one group (summed over its fragments); no group (null), no colours. Cached in memory and on disk
 * (checksummed) by the group and which tracks are analysed when: a track's fragments change only with a
 * new analysis of it, so that names the fragments exactly. Keyed and computed from one snapshot.
 */
function sonicMap(colourGroup: string | null): MapPoints {
  return inSnapshot(() => sonicMapNow(colourGroup));
}

function sonicMapNow(colourGroup: string | null): MapPoints {
  const key = sha256(`${JSON.stringify([...currentAnalysedAt()].sort((a, b) => a[0] - b[0]))}:${colourGroup ?? ''}`);
  if (mapCache?.key === key) return mapCache.points;
  const file = `${indexDir()}.map.json`;
  if (existsSync(file)) {
    // A damaged or older cache is computed again (it is only a cache: nothing to tell the user).
    const read = readSealedJson(file, 'the sonic map cache');
    const saved = 'data' in read ? read.data as { key: string; trackIds: number[]; xy: number[]; tags: (string | null)[]; explainedVariance: number } : null;
    if (saved?.key === key) {
      mapCache = { key, points: { trackIds: Int32Array.from(saved.trackIds), xy: Float32Array.from(saved.xy), tags: saved.tags, explainedVariance: saved.explainedVariance } };
      return mapCache.points;
    }
  }
  const d = config.embeddingSize;
  const sums = new Map<number, { vector: Float64Array; count: number; tags: Map<string, number> }>();
  const prefix = colourGroup === null ? null : `${colourGroup}:`;
  for (const row of db.prepare(`SELECT f.track_id, f.vector, f.tags ${CURRENT}`).iterate(version()) as Iterable<{ track_id: number; vector: Buffer; tags: string }>) {
    let entry = sums.get(row.track_id);
    if (!entry) sums.set(row.track_id, (entry = { vector: new Float64Array(d), count: 0, tags: new Map() }));
    const v = toVector(row.vector);
    for (let i = 0; i < d; i++) entry.vector[i] += v[i];
    entry.count++;
    for (const { tag, p } of JSON.parse(row.tags) as { tag: string; p: number }[]) {
      if (prefix !== null && tag.startsWith(prefix)) entry.tags.set(tag, (entry.tags.get(tag) ?? 0) + p);
    }
  }
  const trackIds = Int32Array.from(sums.keys());
  const vectors = new Float32Array(trackIds.length * d);
  const tags: (string | null)[] = [];
  trackIds.forEach((trackId, r) => {
    const entry = sums.get(trackId) as { vector: Float64Array; count: number; tags: Map<string, number> };
    for (let i = 0; i < d; i++) vectors[r * d + i] = entry.vector[i] / entry.count;
    tags.push([...entry.tags.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null);
  });
  const { xy, explainedVariance } = trackIds.length >= 2 ? projectPca(vectors, trackIds.length, d) : { xy: new Float32Array(trackIds.length * 2), explainedVariance: 0 };
  const points = { trackIds, xy, tags, explainedVariance };
  mapCache = { key, points };
  writeSealedJson(file, { key, trackIds: [...trackIds], xy: [...xy], tags, explainedVariance });
  return points;
}

function open(next: IndexConfig): void {
  config = next;
  mapCache = null;
  index = null;
  store = new Float32Array(0);
  labelsOfTrack = null;
  db?.close();
  db = new Database(config.databasePath, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  inSnapshot(openNow);
}

function openNow(): void {
  const spaceProblem = loadMap();
  const refit = mapOutdated(analysedTrackCount());
  const indexProblem = refit ? null : load();
  damage = [spaceProblem, indexProblem].flatMap((p) => (p?.damaged ? [p.problem] : [])).join('; ') || null;
  if (refit) {
    rebuild(spaceProblem ? `rebuilt from SQLite: ${spaceProblem.problem}` : `rebuilt: ${refit}`);
  } else if (indexProblem) {
    // A whole persisted space is kept (the same library, the same picks); a missing one is fitted again.
    rebuild(`rebuilt from SQLite: ${indexProblem.problem}`, libraryMap === null);
  } else {
    const { added, removed } = refresh();
    origin = added + removed > 0 ? `read from disk, then brought up to date (+${added} -${removed})` : 'read from disk';
  }
}

port.on('message', (message: ToIndexWorker) => {
  const reply = (answer: FromIndexWorker) => port.postMessage(answer);
  try {
    switch (message.type) {
      case 'open':
        open(message.config);
        reply({ type: 'ok', id: message.id, stats: stats() });
        break;
      case 'refresh':
        reply({ type: 'ok', id: message.id, changed: refresh(), stats: stats() });
        break;
      case 'search':
        reply({ type: 'ok', id: message.id, hits: search(message.query, message.k) });
        break;
      case 'similar':
        reply({ type: 'ok', id: message.id, similar: similar(message.request) });
        break;
      case 'save':
        save();
        reply({ type: 'ok', id: message.id });
        break;
      case 'stats':
        reply({ type: 'ok', id: message.id, stats: stats() });
        break;
      case 'close':
        db?.close();
        process.exit(0); // in a worker thread this ends the thread only
        break;
      case 'map':
        reply({ type: 'ok', id: message.id, map: sonicMap(message.colourGroup) });
        break;
      case 'pairScale':
        reply({ type: 'ok', id: message.id, pairScale: pairScale(message.maxPairs) });
        break;
      case 'path':
        reply({ type: 'ok', id: message.id, path: path(message.request) });
        break;
    }
  } catch (error) {
    reply({ type: 'error', id: message.id, message: error instanceof Error ? error.message : String(error) });
  }
});
