/**
 * SQL for sound analysis. A track's fragments and its analysis record are written in one transaction,
 * so a killed analysis leaves either the whole track or nothing (resumable, never duplicated). Rows are
 * versioned by model sha, feature version, fragment step and the source file's size/mtime: anything
 * else is stale and analysed again.
 */
import { ANALYSIS_TUNABLES } from '../../../shared/defaults';
import type { AnalysisCounts } from '../../../shared/domain';
import type { Sqlite } from '../client';
import { blobToVector as toVector, vectorToBlob as toBlob } from '../vector-blob';

export interface AnalysisVersion {
  modelSha: string;
  featureVersion: number;
  stepSec: number;
}

export interface PendingTrack {
  trackId: number;
  path: string;
  size: number;
  mtimeMs: number;
  durationSec: number | null;
  /** Runs that already tried this track and had their decoder killed (pending() gives 0 for a track not tried yet). */
  attempts?: number;
}

export interface StoredFragment {
  startSec: number;
  endSec: number;
  vector: Float32Array;
  tags: { tag: string; p: number }[];
}

export interface FragmentRow {
  id: number;
  trackId: number;
  startSec: number;
  endSec: number;
  vector: Float32Array;
  tags: { tag: string; p: number }[];
}


/** WHERE clause: the track has a current analysis (done or failed) for this version and file. */
const CURRENT = `a.model_sha = @modelSha AND a.feature_version = @featureVersion AND a.step_sec = @stepSec
  AND a.source_size = t.size AND a.source_mtime_ms = t.mtime_ms`;

export class AnalysisQueries {
  private readonly pendingStmt;
  private readonly deleteFragmentsStmt;
  private readonly insertFragmentStmt;
  private readonly upsertAnalysisStmt;
  private readonly coverageStmt;
  private readonly countsStmt;
  private readonly statusOfStmt;
  private readonly statusOfOneStmt;
  private readonly failuresStmt;
  private readonly fragmentsOfTrackStmt;
  private readonly fragmentByIdStmt;
  private readonly fragmentsByIdsStmt;
  private readonly allFragmentsStmt;
  private readonly deleteStaleStmt;
  private readonly setDecodedStmt;

  constructor(private readonly db: Sqlite) {
    this.pendingStmt = db.prepare(`
      SELECT t.id AS trackId, t.path, t.size, t.mtime_ms AS mtimeMs, t.duration_sec AS durationSec,
        CASE WHEN a.transient = 1 THEN a.attempts ELSE 0 END AS attempts
      FROM tracks t JOIN folders f ON f.id = t.folder_id
      LEFT JOIN analyses a ON a.track_id = t.id AND ${CURRENT}
      -- A failure that may pass (a killed decoder) stays pending for a bounded number of runs.
      WHERE (a.track_id IS NULL OR (a.status = 'failed' AND a.transient = 1 AND a.attempts < @maxAttempts)) AND f.status = 'ok'
      -- The songs the listener cares about first (liked, then most played), so that a first analysis of a
      -- big library, or the re-analysis a new model brings, makes their radios useful hours sooner.
      ORDER BY EXISTS (SELECT 1 FROM likes l WHERE l.track_id = t.id) DESC,
               (SELECT COUNT(*) FROM plays p WHERE p.track_id = t.id) DESC,
               t.id`);
    this.deleteFragmentsStmt = db.prepare<[number]>(`DELETE FROM fragments WHERE track_id = ?`);
    this.insertFragmentStmt = db.prepare<[number, number, number, Buffer, string]>(
      `INSERT INTO fragments(track_id, start_sec, end_sec, vector, tags) VALUES (?, ?, ?, ?, ?)`);
    this.upsertAnalysisStmt = db.prepare(`
      INSERT INTO analyses(track_id, model_sha, feature_version, step_sec, source_size, source_mtime_ms, status, error,
        fragment_count, audio_sec, analysed_at, transient, attempts)
      VALUES (@trackId, @modelSha, @featureVersion, @stepSec, @size, @mtimeMs, @status, @error, @fragmentCount, @audioSec, @at,
        @transient, @attempts)
      ON CONFLICT(track_id) DO UPDATE SET model_sha = excluded.model_sha, feature_version = excluded.feature_version,
        step_sec = excluded.step_sec, source_size = excluded.source_size, source_mtime_ms = excluded.source_mtime_ms,
        status = excluded.status, error = excluded.error, fragment_count = excluded.fragment_count,
        audio_sec = excluded.audio_sec, analysed_at = excluded.analysed_at, transient = excluded.transient,
        attempts = excluded.attempts`);
    // The decoded length belongs to the file (not to a model version): kept on the track, for "damaged".
    this.setDecodedStmt = db.prepare<[number | null, number, number, number]>(
      `UPDATE tracks SET decoded_sec = ? WHERE id = ? AND size = ? AND mtime_ms = ?`);
    this.coverageStmt = db.prepare(`
      SELECT COUNT(*) AS total, SUM(CASE WHEN a.status = 'done' THEN 1 ELSE 0 END) AS done
      FROM tracks t LEFT JOIN analyses a ON a.track_id = t.id AND ${CURRENT}`);
    this.countsStmt = db.prepare(`
      SELECT COUNT(*) AS total,
        SUM(CASE WHEN a.status = 'done' THEN 1 ELSE 0 END) AS done,
        SUM(CASE WHEN a.status = 'failed' THEN 1 ELSE 0 END) AS failed,
        (SELECT COUNT(*) FROM fragments) AS fragments,
        (SELECT COUNT(*) FROM analyses o WHERE o.model_sha <> @modelSha OR o.feature_version <> @featureVersion
          OR o.step_sec <> @stepSec) AS outdated
      FROM tracks t LEFT JOIN analyses a ON a.track_id = t.id AND ${CURRENT}`);
    this.statusOfStmt = db.prepare(`
      SELECT t.id AS trackId, a.status AS status, a.error AS error
      FROM tracks t LEFT JOIN analyses a ON a.track_id = t.id AND ${CURRENT}`);
    this.statusOfOneStmt = db.prepare(`
      SELECT t.id AS trackId, a.status AS status, a.error AS error
      FROM tracks t LEFT JOIN analyses a ON a.track_id = t.id AND ${CURRENT} WHERE t.id = @trackId`);
    this.failuresStmt = db.prepare(`
      SELECT t.id AS trackId, t.path, a.error AS reason, a.analysed_at AS at
      FROM analyses a JOIN tracks t ON t.id = a.track_id WHERE a.status = 'failed' AND ${CURRENT} ORDER BY t.path`);
    this.fragmentsOfTrackStmt = db.prepare<[number], { id: number; track_id: number; start_sec: number; end_sec: number; vector: Buffer; tags: string }>(
      `SELECT id, track_id, start_sec, end_sec, vector, tags FROM fragments WHERE track_id = ? ORDER BY start_sec`);
    this.fragmentByIdStmt = db.prepare<[number], { id: number; track_id: number; start_sec: number; end_sec: number; vector: Buffer; tags: string }>(
      `SELECT id, track_id, start_sec, end_sec, vector, tags FROM fragments WHERE id = ?`);
    this.fragmentsByIdsStmt = db.prepare<[string], { id: number; track_id: number; start_sec: number; end_sec: number; vector: Buffer; tags: string }>(
      `SELECT id, track_id, start_sec, end_sec, vector, tags FROM fragments WHERE id IN (SELECT value FROM json_each(?))`);
    this.allFragmentsStmt = db.prepare<[AnalysisVersion], { id: number; track_id: number; vector: Buffer }>(`
      SELECT f.id, f.track_id, f.vector FROM fragments f
      JOIN analyses a ON a.track_id = f.track_id JOIN tracks t ON t.id = f.track_id
      WHERE a.status = 'done' AND ${CURRENT} ORDER BY f.id`);
    this.deleteStaleStmt = db.prepare(`
      DELETE FROM fragments WHERE track_id IN (
        SELECT a.track_id FROM analyses a JOIN tracks t ON t.id = a.track_id WHERE NOT (${CURRENT}))`);
  }

  /**
   * Tracks with no current analysis (new, changed, or analysed by another model), and those whose decoder
   * was killed fewer than `maxAttempts` runs, in library order.
   */
  pending(version: AnalysisVersion, maxAttempts: number = ANALYSIS_TUNABLES.transientAttempts): PendingTrack[] {
    return this.pendingStmt.all({ ...version, maxAttempts }) as PendingTrack[];
  }

  /**
   * Replaces a track's fragments and marks it done, atomically, recording how much audio the decode
   * produced (on the track, unless its file changed meanwhile).
   */
  storeDone(track: PendingTrack, version: AnalysisVersion, fragments: StoredFragment[], audioSec: number): void {
    this.db.transaction(() => {
      this.deleteFragmentsStmt.run(track.trackId);
      for (const f of fragments) {
        this.insertFragmentStmt.run(track.trackId, f.startSec, f.endSec, toBlob(f.vector), JSON.stringify(f.tags));
      }
      this.upsertAnalysisStmt.run({
        trackId: track.trackId, ...version, size: track.size, mtimeMs: track.mtimeMs, status: 'done', error: null,
        fragmentCount: fragments.length, audioSec, at: Date.now(), transient: 0, attempts: 1,
      });
      this.setDecodedStmt.run(audioSec, track.trackId, track.size, track.mtimeMs);
    })();
  }

  /**
   * Records why a track could not be analysed. It is not retried until the file or model changes, unless
   * the failure is `transient` (then `attempts` runs have tried it; see pending()).
   */
  storeFailed(track: PendingTrack, version: AnalysisVersion, error: string, retry: { transient: boolean; attempts: number } = { transient: false, attempts: 1 }): void {
    this.db.transaction(() => {
      this.deleteFragmentsStmt.run(track.trackId);
      this.upsertAnalysisStmt.run({
        trackId: track.trackId, ...version, size: track.size, mtimeMs: track.mtimeMs, status: 'failed', error,
        fragmentCount: 0, audioSec: null, at: Date.now(), transient: retry.transient ? 1 : 0, attempts: retry.attempts,
      });
    })();
  }

  /** Songs analysed with this version, of all songs (cheap: no fragment count, for every radio). */
  coverage(version: AnalysisVersion): { analysed: number; total: number } {
    const row = this.coverageStmt.get(version) as { total: number; done: number | null };
    return { analysed: row.done ?? 0, total: row.total };
  }

  counts(version: AnalysisVersion): AnalysisCounts {
    const row = this.countsStmt.get(version) as { total: number; done: number | null; failed: number | null; fragments: number; outdated: number };
    const done = row.done ?? 0;
    const failed = row.failed ?? 0;
    return { total: row.total, done, failed, pending: row.total - done - failed, fragments: row.fragments, outdated: row.outdated };
  }

  /** Per-track status for badges: done, failed (with why) or pending. */
  statuses(version: AnalysisVersion): { trackId: number; status: 'done' | 'failed' | 'pending'; error: string | null }[] {
    return (this.statusOfStmt.all(version) as { trackId: number; status: 'done' | 'failed' | null; error: string | null }[])
      .map((r) => ({ trackId: r.trackId, status: r.status ?? 'pending', error: r.error }));
  }

  /** The state of one track (null when it is not in the library). */
  statusOf(trackId: number, version: AnalysisVersion): { trackId: number; status: 'done' | 'failed' | 'pending'; error: string | null } | null {
    const r = this.statusOfOneStmt.get({ ...version, trackId }) as { trackId: number; status: 'done' | 'failed' | null; error: string | null } | undefined;
    return r ? { trackId: r.trackId, status: r.status ?? 'pending', error: r.error } : null;
  }

  failures(version: AnalysisVersion): { trackId: number; path: string; reason: string; at: number }[] {
    return this.failuresStmt.all(version) as { trackId: number; path: string; reason: string; at: number }[];
  }

  fragmentsOfTrack(trackId: number): FragmentRow[] {
    return this.fragmentsOfTrackStmt.all(trackId).map((r) => ({
      id: r.id, trackId: r.track_id, startSec: r.start_sec, endSec: r.end_sec, vector: toVector(r.vector), tags: JSON.parse(r.tags) as FragmentRow['tags'],
    }));
  }

  fragment(id: number): FragmentRow | null {
    const r = this.fragmentByIdStmt.get(id);
    return r ? { id: r.id, trackId: r.track_id, startSec: r.start_sec, endSec: r.end_sec, vector: toVector(r.vector), tags: JSON.parse(r.tags) as FragmentRow['tags'] } : null;
  }
  /** Several fragments in one query (a radio's explanations), by id; unknown ids are absent. */
  fragmentsByIds(ids: readonly number[]): Map<number, FragmentRow> {
    const out = new Map<number, FragmentRow>();
    if (ids.length === 0) return out;
    for (const r of this.fragmentsByIdsStmt.all(JSON.stringify(ids))) {
      out.set(r.id, { id: r.id, trackId: r.track_id, startSec: r.start_sec, endSec: r.end_sec, vector: toVector(r.vector), tags: JSON.parse(r.tags) as FragmentRow['tags'] });
    }
    return out;
  }

  /** Every current fragment vector in id order (for building the vector index), streamed. */
  *iterateVectors(version: AnalysisVersion): Generator<{ id: number; trackId: number; vector: Float32Array }> {
    for (const r of this.allFragmentsStmt.iterate(version)) yield { id: r.id, trackId: r.track_id, vector: toVector(r.vector) };
  }

  /** Drops fragments that no longer match the current model or file (they are re-made on analysis). */
  deleteStale(version: AnalysisVersion): number {
    return this.deleteStaleStmt.run(version).changes;
  }
}
