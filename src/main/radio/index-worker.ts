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
 * - every indexed vector is also kept in memory (16 floats each in the fitted space), with each song's
 *   mean and spread moments (song-means.ts). What is asked of those vectors is computed in its own
 *   module and only dispatched from here: the radio's two stages (radio-similar.ts), the pair scale
 *   (pair-scale.ts), the sonic path (sonic-path.ts) and the sonic map (sonic-map-cache.ts).
 */
import { existsSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parentPort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { FromIndexWorker, IndexConfig, IndexStats, MapPoints, SearchHits, ToIndexWorker } from './index-protocol';
import { applyLibraryMap, fitLibraryMap, parseLibraryMap, serialiseLibraryMap, type LibraryMap } from './library-map';
import { spreadIndices } from './set-similarity';
import { createChamferScorer, type ChamferScorer } from './chamfer-kernel';
import { computeSongMeans, spreadRowsOf, type IndexedSpace, type SongMeans } from './song-means';
import { similarSongs } from './radio-similar';
import { pairScale } from './pair-scale';
import { sonicPathMessage } from './sonic-path';
import { forgetSonicMap, sonicMap } from './sonic-map-cache';
import { withNprobe } from './faiss-tuning';
import { readIndexFiles, readSealedJson, writeIndexFiles, writeSealedJson, type FileProblem } from './index-files';
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
/** Counts the rebuilds of labelsOfTrack: names the indexed songs an answer stood on (index-protocol.ts). */
let labelsGeneration = 0;

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

let songMeanCache: SongMeans | null = null;

/** The indexed songs' means and spread moments (song-means.ts), computed again after each change. */
function songMeans(): SongMeans {
  const byTrack = trackLabels();
  if (songMeanCache?.from !== byTrack) songMeanCache = computeSongMeans(byTrack, store, spaceDims(), config.rerank.candidateMoments);
  return songMeanCache;
}

let scorerCache: ChamferScorer | null = null;
let scorerDims = 0;

/** The re-rank's scorer for the index's space (chamfer-kernel.ts: exact, SIMD where it runs). */
function chamferScorer(): ChamferScorer {
  if (!scorerCache || scorerDims !== spaceDims()) {
    scorerDims = spaceDims();
    scorerCache = createChamferScorer(scorerDims);
  }
  return scorerCache;
}

/** The worker's vectors as the radio, the sonic path and the pair scale read them. */
function space(): IndexedSpace {
  const songs = songMeans();
  return {
    dims: spaceDims(), store, songs, byTrack: songs.from, ids: songs.ids, means: songs.means, slot: songs.slot,
    rowsOf: (trackId) => spreadRowsOf(songs, trackId), fragmentIds, trackIds, tombstones,
  };
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
  labelsGeneration++;
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

/** The sonic map (sonic-map-cache.ts), read from one snapshot of SQLite. */
function currentSonicMap(colourGroup: string | null): MapPoints {
  return inSnapshot(() => sonicMap({
    analysedAt: currentAnalysedAt(),
    fragments: () => db.prepare(`SELECT f.track_id, f.vector, f.tags ${CURRENT}`).iterate(version()) as Iterable<{ track_id: number; vector: Buffer; tags: string }>,
    dims: config.embeddingSize,
    cacheFile: `${indexDir()}.map.json`,
  }, colourGroup));
}

function open(next: IndexConfig): void {
  config = next;
  forgetSonicMap();
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
        reply({ type: 'ok', id: message.id, similar: index ? similarSongs(space(), (queries, k) => (index as AnyIndex).search(queries, k), chamferScorer(), config.rerank, message.request) : { tracks: [], candidates: 0 }, generation: labelsGeneration });
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
        reply({ type: 'ok', id: message.id, map: currentSonicMap(message.colourGroup) });
        break;
      case 'pairScale':
        reply({ type: 'ok', id: message.id, pairScale: pairScale(space(), chamferScorer(), message.maxPairs, config.rerank.seedMoments), generation: labelsGeneration });
        break;
      case 'path':
        reply({ type: 'ok', id: message.id, path: sonicPathMessage(space(), fragmentIds, message.request) });
        break;
    }
  } catch (error) {
    reply({ type: 'error', id: message.id, message: error instanceof Error ? error.message : String(error) });
  }
});
