/**
 * Reading what analysis stored, straight from the library database (a second, read-only connection, as
 * another process would), and setting up an analysed library for the radio suites.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { FragmentRow } from '../../src/main/db/queries/analysis';
import type { Services } from '../../src/main/services';
import type { QueueState, Track } from '../../src/shared/domain';
import { makeTempDir, type TempDir } from './audio';
import { openModelServices } from './model';
import { makeStyleLibrary, STYLE_CLIPS, type StyleClip } from './styles';

/** A fragment as the database stores it: the same row the radio reads. */
export type StoredFragmentRow = FragmentRow;

export interface AnalysisRow {
  trackId: number;
  status: string;
  error: string | null;
  fragmentCount: number;
  stepSec: number;
  modelSha: string;
  analysedAt: number;
}

function toVector(blob: Buffer): Float32Array {
  const out = new Float32Array(blob.length / 4);
  new Uint8Array(out.buffer).set(blob);
  return out;
}

/** Opens the database read-only, runs `fn`, closes it. */
export function withDb<T>(dbPath: string, fn: (db: Database.Database) => T): T {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    return fn(db);
  } finally {
    db.close();
  }
}

export function readFragments(dbPath: string, trackId?: number): StoredFragmentRow[] {
  return withDb(dbPath, (db) => {
    const rows = (trackId === undefined
      ? db.prepare('SELECT id, track_id, start_sec, end_sec, vector, tags FROM fragments ORDER BY track_id, start_sec').all()
      : db.prepare('SELECT id, track_id, start_sec, end_sec, vector, tags FROM fragments WHERE track_id = ? ORDER BY start_sec').all(trackId)) as
      { id: number; track_id: number; start_sec: number; end_sec: number; vector: Buffer; tags: string }[];
    return rows.map((r) => ({ id: r.id, trackId: r.track_id, startSec: r.start_sec, endSec: r.end_sec, vector: toVector(r.vector), tags: JSON.parse(r.tags) as StoredFragmentRow['tags'] }));
  });
}

export function readAnalyses(dbPath: string): AnalysisRow[] {
  return withDb(dbPath, (db) => (db.prepare(`SELECT track_id AS trackId, status, error, fragment_count AS fragmentCount, step_sec AS stepSec,
    model_sha AS modelSha, analysed_at AS analysedAt FROM analyses ORDER BY track_id`).all() as AnalysisRow[]));
}

export function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** The persisted vector index files under <data>/vectors (the index's folder, one level down). */
export function indexFiles(vectorsDir: string): string[] {
  try {
    return readdirSync(vectorsDir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(vectorsDir, entry.name);
      return entry.isDirectory() ? readdirSync(path).map((f) => join(path, f)) : [path];
    }).filter((f) => !f.endsWith('.tmp'));
  } catch {
    return [];
  }
}

/** A data folder with the style library scanned and analysed, and its services open. */
export interface AnalysedLibrary {
  tmp: TempDir;
  data: string;
  music: string;
  services: Services;
  /** Clip name -> track. */
  tracks: Record<string, Track>;
  /** Track id -> clip. */
  clipOf: Map<number, StyleClip>;
  dispose(): Promise<void>;
}

/** Scans the style library into a fresh data folder and (unless told not to) analyses all of it. */
export async function analysedLibrary(options: { analyse?: boolean; clips?: readonly StyleClip[] } = {}): Promise<AnalysedLibrary> {
  const tmp = makeTempDir('soundlike-radio-');
  const data = tmp.at('data');
  const music = tmp.at('music');
  const clips = options.clips ?? STYLE_CLIPS;
  const paths = await makeStyleLibrary(music, clips);
  const services = await openModelServices(data);
  await services.api.library.addFolderAndScan(music);
  if (options.analyse !== false) {
    await services.api.analysis.startAnalysis();
    await services.api.analysis.idle();
  }
  const all = await services.api.library.listTracks();
  const tracks: Record<string, Track> = {};
  const clipOf = new Map<number, StyleClip>();
  for (const clip of clips) {
    const track = all.find((t) => t.path === paths[clip.name]);
    if (!track) throw new Error(`clip ${clip.name} was not scanned`);
    tracks[clip.name] = track;
    clipOf.set(track.id, clip);
  }
  return {
    tmp, data, music, services, tracks, clipOf,
    async dispose() {
      await services.dispose();
      tmp.cleanup();
    },
  };
}

/** Waits until the queue has not changed for 450 ms (the radio extends itself in the background). */
export async function settledQueue(lib: AnalysedLibrary): Promise<QueueState> {
  let last = '';
  let same = 0;
  for (let i = 0; i < 200; i++) {
    const q = await lib.services.api.playback.getQueue();
    const key = JSON.stringify(q.items.map((it) => it.id));
    same = key === last ? same + 1 : 0;
    if (same === 3) return q;
    last = key;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error('the queue kept changing');
}
