/**
 * The vector index, in its own worker thread because faiss-node blocks the thread it runs on. It reads
 * fragment vectors from the library database through a read-only connection (main stays the only
 * writer) and keeps a faiss index of the current model's fragments:
 * - exact (Flat, inner product) up to `exactLimit` vectors, IVF with 8-bit scalar codes above;
 * - persisted next to the database with a checksum of what it holds; a missing, damaged or stale file
 *   is rebuilt or brought up to date from SQLite (the index is a cache, SQLite is the truth);
 * - label -> fragment id kept in arrays: a Flat index's removeIds renumbers (the arrays are compacted the
 *   same way); an IVF index's removed entries become tombstones, filtered out, rebuilt past a share.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parentPort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { FromIndexWorker, IndexConfig, IndexStats, MapPoints, SearchHits, ToIndexWorker } from './index-protocol';
import { projectPca } from '../map/projection';
import { withNprobe } from './faiss-tuning';
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
let origin = '';

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

/** What the database says the index should hold, as a cheap fingerprint. */
function dbFingerprint(): string {
  const row = db.prepare(`SELECT COUNT(*) AS n, COALESCE(SUM(f.id), 0) AS s, COALESCE(MAX(f.id), 0) AS m ${CURRENT}`).get(version()) as { n: number; s: number; m: number };
  return `${row.n}:${row.s}:${row.m}`;
}

function indexFingerprint(): string {
  let n = 0;
  let s = 0;
  let m = 0;
  fragmentIds.forEach((id, label) => {
    if (tombstones.has(label)) return;
    n++;
    s += id;
    m = Math.max(m, id);
  });
  return `${n}:${s}:${m}`;
}

function liveCount(): number {
  return fragmentIds.length - tombstones.size;
}

function addVectors(target: AnyIndex, rows: { id: number; track_id: number; vector: Buffer }[]): void {
  const flat = new Array<number>(rows.length * config.embeddingSize);
  rows.forEach((row, i) => {
    const v = toVector(row.vector);
    for (let j = 0; j < config.embeddingSize; j++) flat[i * config.embeddingSize + j] = v[j];
    fragmentIds.push(row.id);
    trackIds.push(row.track_id);
  });
  target.add(flat);
}

/** Builds the index from every current fragment in SQLite. */
function rebuild(reason: string): void {
  const count = (db.prepare(`SELECT COUNT(*) AS n ${CURRENT}`).get(version()) as { n: number }).n;
  fragmentIds = [];
  trackIds = [];
  tombstones = new Set();
  const d = config.embeddingSize;
  if (count <= config.exactLimit) {
    kind = 'flat';
    descriptor = 'Flat';
    index = new faiss.IndexFlatIP(d);
  } else {
    // ~2 sqrt(N) lists (k-means training stays seconds, not minutes, on a laptop); 8-bit scalar
    // codes: 4x smaller than float32 with near-exact inner products.
    const nlist = Math.min(65536, Math.max(64, Math.round(2 * Math.sqrt(count))));
    kind = 'ivf';
    descriptor = `IVF${nlist},SQ8`;
    const ivf = faiss.Index.fromFactory(d, descriptor, faiss.MetricType.METRIC_INNER_PRODUCT);
    // Train on an evenly spread sample (faiss wants ~40+ points per list).
    const sampleSize = Math.min(count, nlist * 64);
    const stride = Math.max(1, Math.floor(count / sampleSize));
    const sample: number[] = [];
    let i = 0;
    for (const row of db.prepare(`SELECT f.vector ${CURRENT} ORDER BY f.id`).iterate(version()) as Iterable<{ vector: Buffer }>) {
      if (i++ % stride === 0 && sample.length < sampleSize * d) sample.push(...toVector(row.vector));
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

function save(): void {
  if (!index) return;
  // The three files are written into a fresh folder, which then replaces the old one by rename: a crash
  // leaves either the old set or the new set whole, never new vectors with old labels.
  const dir = indexDir();
  const next = `${dir}.next`;
  rmSync(next, { recursive: true, force: true });
  mkdirSync(next, { recursive: true });
  index.write(join(next, 'index.faiss'));
  writeFileSync(join(next, 'index.ids'), Buffer.from(Int32Array.from([...fragmentIds, ...trackIds]).buffer));
  writeFileSync(join(next, 'index.json'), JSON.stringify({ kind, descriptor, count: fragmentIds.length, tombstones: [...tombstones], fingerprint: indexFingerprint() }));
  rmSync(`${dir}.old`, { recursive: true, force: true });
  if (existsSync(dir)) renameSync(dir, `${dir}.old`);
  renameSync(next, dir);
  rmSync(`${dir}.old`, { recursive: true, force: true });
}

/** Reads the persisted index; false (and why) when it is missing or damaged. */
function load(): string | null {
  const dir = indexDir();
  // A crash between the two renames of save() leaves only the previous set, under .old.
  if (!existsSync(dir) && existsSync(`${dir}.old`)) renameSync(`${dir}.old`, dir);
  const base = basePath();
  if (!existsSync(`${base}.json`) || !existsSync(`${base}.faiss`) || !existsSync(`${base}.ids`)) return 'no index on disk';
  try {
    const meta = JSON.parse(readFileSync(`${base}.json`, 'utf8')) as { kind: 'flat' | 'ivf'; descriptor: string; count: number; tombstones: number[] };
    const labels = new Int32Array(new Uint8Array(readFileSync(`${base}.ids`)).buffer);
    if (labels.length !== meta.count * 2) return 'index files disagree';
    const loaded = faiss.Index.read(`${base}.faiss`);
    if (loaded.ntotal() !== meta.count || loaded.getDimension() !== config.embeddingSize) return 'index file does not match its labels';
    index = loaded;
    kind = meta.kind;
    descriptor = meta.descriptor;
    fragmentIds = Array.from(labels.subarray(0, meta.count));
    trackIds = Array.from(labels.subarray(meta.count));
    tombstones = new Set(meta.tombstones);
    return null;
  } catch (error) {
    return `damaged index file (${(error as Error).message})`;
  }
}

/** Brings the index in line with SQLite: adds new fragments, drops vanished ones. */
function refresh(): { added: number; removed: number } {
  if (!index) throw new Error('index not open');
  const wanted = new Map<number, number>();
  for (const row of db.prepare(`SELECT f.id, f.track_id ${CURRENT}`).iterate(version()) as Iterable<{ id: number; track_id: number }>) wanted.set(row.id, row.track_id);
  const present = new Set<number>();
  const goneLabels: number[] = [];
  fragmentIds.forEach((id, label) => {
    if (tombstones.has(label)) return;
    if (wanted.has(id)) present.add(id);
    else goneLabels.push(label);
  });
  const toAdd = [...wanted.keys()].filter((id) => !present.has(id));
  if (goneLabels.length > 0) {
    if (kind === 'flat') {
      // IndexFlat::remove_ids compacts, keeping order: compact our label arrays the same way.
      index.removeIds(goneLabels);
      const gone = new Set(goneLabels);
      fragmentIds = fragmentIds.filter((_, label) => !gone.has(label));
      trackIds = trackIds.filter((_, label) => !gone.has(label));
    } else {
      goneLabels.forEach((label) => tombstones.add(label));
    }
  }
  const select = db.prepare(`SELECT id, track_id, vector FROM fragments WHERE id = ?`);
  for (let i = 0; i < toAdd.length; i += CHUNK) {
    const rows = toAdd.slice(i, i + CHUNK).map((id) => select.get(id) as { id: number; track_id: number; vector: Buffer });
    addVectors(index, rows);
  }
  const total = liveCount();
  const wrongKind = (kind === 'flat' && total > config.exactLimit * 1.2) || (kind === 'ivf' && total < config.exactLimit * 0.8);
  if (wrongKind || (kind === 'ivf' && tombstones.size > config.rebuildTombstoneShare * fragmentIds.length)) {
    rebuild(wrongKind ? 'the library grew or shrank past the exact-search limit' : 'many removed fragments');
  } else if (goneLabels.length + toAdd.length > 0) {
    save();
  }
  return { added: toAdd.length, removed: goneLabels.length };
}

function search(query: Float32Array, k: number): SearchHits {
  if (!index || liveCount() === 0) return { fragmentIds: new Int32Array(0), trackIds: new Int32Array(0), scores: new Float32Array(0) };
  const want = Math.min(fragmentIds.length, k + tombstones.size);
  const { labels, distances } = index.search(Array.from(query), want);
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
  return { kind, descriptor, count, tombstones: tombstones.size, bytesOnDisk: bytes, bytesPerVector: fragmentIds.length ? Math.round(bytes / fragmentIds.length) : 0, origin };
}

let mapCache: { key: string; points: MapPoints } | null = null;

/**
 * The sonic map: each track's mean fragment vector projected to 2-D, coloured by its most probable tag
 * of one group (summed over its fragments); no group (null), no colours. Cached in memory and on disk
 * by the library's fingerprint and the group.
 */
function sonicMap(colourGroup: string | null): MapPoints {
  const key = `${dbFingerprint()}:${colourGroup ?? ''}`;
  if (mapCache?.key === key) return mapCache.points;
  const file = `${indexDir()}.map.json`;
  if (existsSync(file)) {
    try {
      const saved = JSON.parse(readFileSync(file, 'utf8')) as { key: string; trackIds: number[]; xy: number[]; tags: (string | null)[]; explainedVariance: number };
      if (saved.key === key) {
        mapCache = { key, points: { trackIds: Int32Array.from(saved.trackIds), xy: Float32Array.from(saved.xy), tags: saved.tags, explainedVariance: saved.explainedVariance } };
        return mapCache.points;
      }
    } catch {
      // damaged cache: compute again
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
  mkdirSync(config.dir, { recursive: true });
  writeFileSync(`${file}.tmp`, JSON.stringify({ key, trackIds: [...trackIds], xy: [...xy], tags, explainedVariance }));
  renameSync(`${file}.tmp`, file);
  return points;
}

function open(next: IndexConfig): void {
  config = next;
  mapCache = null;
  db?.close();
  db = new Database(config.databasePath, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  const problem = load();
  if (problem) {
    rebuild(`rebuilt from SQLite: ${problem}`);
  } else if (indexFingerprint() !== dbFingerprint()) {
    const { added, removed } = refresh();
    origin = `read from disk, then brought up to date (+${added} -${removed})`;
  } else {
    origin = 'read from disk';
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
    }
  } catch (error) {
    reply({ type: 'error', id: message.id, message: error instanceof Error ? error.message : String(error) });
  }
});
