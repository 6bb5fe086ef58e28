/**
 * Analysis survives a hard kill: `soundlike analyze` (the built CLI, a real process) is SIGKILLed as
 * soon as the database shows a finished track. What it stored must be whole (no track with fragments
 * but no 'done' record, no 'done' record without its fragments, no duplicates), and a second run must
 * finish the rest without analysing anything twice.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, type TempDir } from '../helpers/audio';
import { readAnalyses, withDb, type AnalysisRow } from '../helpers/analysis-db';
import { CLI_BIN, ensureBuilt, hasTestModel, openModelServices, ROOT, runCli, testModelPath } from '../helpers/model';
import { record, waitFor } from '../helpers/services';
import { makeStyleLibrary, STYLE_CLIPS } from '../helpers/styles';

const MODEL = testModelPath();

interface Integrity {
  /** Tracks with fragments but no 'done' analysis. */
  orphanTracks: number[];
  /** 'done' analyses whose fragment rows do not match fragment_count (or have none). */
  badCounts: { trackId: number; stored: number; counted: number }[];
  /** (track, start) pairs stored more than once. */
  duplicates: number;
}

function integrity(dbPath: string): Integrity {
  return withDb(dbPath, (db) => ({
    orphanTracks: (db.prepare(`SELECT DISTINCT f.track_id AS id FROM fragments f LEFT JOIN analyses a ON a.track_id = f.track_id AND a.status = 'done'
      WHERE a.track_id IS NULL`).all() as { id: number }[]).map((r) => r.id),
    badCounts: db.prepare(`SELECT a.track_id AS trackId, a.fragment_count AS stored, (SELECT COUNT(*) FROM fragments f WHERE f.track_id = a.track_id) AS counted
      FROM analyses a WHERE a.status = 'done' AND (a.fragment_count = 0 OR a.fragment_count != (SELECT COUNT(*) FROM fragments f WHERE f.track_id = a.track_id))`).all() as Integrity['badCounts'],
    duplicates: (db.prepare(`SELECT COUNT(*) AS n FROM (SELECT track_id, start_sec FROM fragments GROUP BY track_id, start_sec HAVING COUNT(*) > 1)`).get() as { n: number }).n,
  }));
}

function doneRows(dbPath: string): number {
  if (!existsSync(dbPath)) return 0;
  try {
    return withDb(dbPath, (db) => (db.prepare(`SELECT COUNT(*) AS n FROM analyses WHERE status = 'done'`).get() as { n: number }).n);
  } catch {
    return 0; // the table does not exist yet, or the database is being created
  }
}

describe.skipIf(!hasTestModel())(`analysis resumes after a kill (skipped when the sound model is missing: ${MODEL})`, () => {
  let tmp: TempDir;
  let data: string;
  let dbPath: string;
  let trackCount: number;
  let atKill: AnalysisRow[];

  beforeAll(async () => {
    await ensureBuilt();
    tmp = makeTempDir('soundlike-resume-');
    data = tmp.at('data');
    await makeStyleLibrary(tmp.at('music'));
    const services = await openModelServices(data);
    await services.api.library.addFolderAndScan(tmp.at('music'));
    trackCount = (await services.api.library.listTracks()).length;
    dbPath = services.paths.database;
    await services.dispose();
    expect(trackCount).toBe(STYLE_CLIPS.length);
  });

  afterAll(() => tmp?.cleanup());

  it('a SIGKILLed analyze leaves only whole tracks behind', async () => {
    const child = spawn(process.execPath, [CLI_BIN, 'analyze', '--data', data, '--model', MODEL], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (t: string) => {
      stderr += t;
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    let running = true;
    void exited.then(() => {
      running = false;
    });
    // Poll the database (as another process would) and kill the moment one track is stored.
    const deadline = Date.now() + 90_000;
    while (running && Date.now() < deadline && doneRows(dbPath) < 1) await new Promise((r) => setTimeout(r, 5));
    expect(running, `analyze ended before it could be killed: ${stderr}`).toBe(true);
    child.kill('SIGKILL');
    expect(await exited).toEqual({ code: null, signal: 'SIGKILL' });

    atKill = readAnalyses(dbPath);
    const done = atKill.filter((a) => a.status === 'done');
    expect(done.length).toBeGreaterThanOrEqual(1);
    expect(done.length, 'killed too late to test resuming').toBeLessThan(trackCount);
    expect(integrity(dbPath)).toEqual({ orphanTracks: [], badCounts: [], duplicates: 0 });
  });

  it('the next analyze finishes the rest, analysing each track exactly once', async () => {
    const run = await runCli(['analyze', '--data', data, '--model', MODEL]);
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.code).toBe(0);
    const doneBefore = atKill.filter((a) => a.status === 'done');
    expect(run.stdout).toContain(`Analysed ${trackCount - doneBefore.length} tracks (0 failed)`);
    expect(run.stdout).toContain(`Library: ${trackCount} of ${trackCount} tracks analysed`);
    const after = readAnalyses(dbPath);
    expect(after).toHaveLength(trackCount);
    expect(after.every((a) => a.status === 'done')).toBe(true);
    // What was stored before the kill was kept as it was, not analysed again.
    for (const before of doneBefore) expect(after.find((a) => a.trackId === before.trackId)).toEqual(before);
    expect(integrity(dbPath)).toEqual({ orphanTracks: [], badCounts: [], duplicates: 0 });
    const again = await runCli(['analyze', '--data', data, '--model', MODEL]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Analysed 0 tracks (0 failed)');
    expect(readAnalyses(dbPath)).toEqual(after);
  });

  it('pausing mid-run keeps what was done; starting again analyses only the rest', async () => {
    const services = await openModelServices(tmp.at('data-paused'));
    try {
      const { analysis, library } = services.api;
      await library.addFolderAndScan(tmp.at('music'));
      const seen = record(analysis.onDidAnalyseTrack);
      const first = waitFor(analysis.onDidAnalyseTrack, () => true, 60_000, 'a first analysed track');
      await analysis.startAnalysis();
      await first;
      const paused = await analysis.pauseAnalysis();
      expect(paused.progress).toMatchObject({ phase: 'paused', final: true });
      expect(paused.counts.done).toBeGreaterThanOrEqual(1);
      expect(paused.counts.pending).toBeGreaterThanOrEqual(1);
      expect(paused.counts.done + paused.counts.pending).toBe(trackCount);
      await analysis.startAnalysis();
      await analysis.idle();
      seen.stop();
      expect((await analysis.getAnalysisStatus()).counts).toMatchObject({ done: trackCount, pending: 0, failed: 0 });
      const ids = seen.payloads.map((p) => p.trackId);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toHaveLength(trackCount);
    } finally {
      await services.dispose();
    }
  });
});
