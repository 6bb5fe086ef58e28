/**
 * What the analysis learns by decoding whole files, and how its runs end (issue 11, items 11, 12, 17),
 * with the real worker, model and ffmpeg:
 * - a truncated mp3 or flac is listed as damaged, with the part that plays, in the services and the CLI;
 * - a decoder killed by a signal is retried at once (bounded), then in later runs (bounded), with the
 *   reason recorded, never an empty one;
 * - tracks that arrive while a run is finishing are analysed by that run, and jobs stopped by a pause
 *   are not counted as failed.
 * The killed decoder is a wrapper around the real ffmpeg that SIGKILLs itself while a counter lasts.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, closeSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisProgress, Track } from '../../src/shared/domain';
import type { Services } from '../../src/main/services';
import { makeClip, makeTempDir, type TempDir } from '../helpers/audio';
import { withDb } from '../helpers/analysis-db';
import { ensureBuilt, hasTestModel, openModelServices, runCli, testModelPath } from '../helpers/model';
import { record } from '../helpers/services';

const MODEL = testModelPath();

/** Keeps the first `share` of a file: what an interrupted copy or download leaves. */
function truncateCopy(src: string, dest: string, share: number): string {
  const size = readFileSync(src).length;
  const head = Buffer.alloc(Math.floor(size * share));
  const fd = openSync(src, 'r');
  readSync(fd, head, 0, head.length, 0);
  closeSync(fd);
  writeFileSync(dest, head);
  return dest;
}

describe.skipIf(!hasTestModel())(`analysis of damaged files and killed decoders (skipped when the sound model is missing: ${MODEL})`, () => {
  let tmp: TempDir;
  let services: Services;
  let music: string;
  let folderId: number;
  let kills: string;
  const savedFfmpeg = process.env.SOUNDLIKE_FFMPEG;

  const byPath = async (path: string) => (await services.api.library.listTracks()).find((t) => t.path === path) as Track;
  const stateOf = async (id: number) => (await services.api.analysis.listTrackAnalysis()).find((s) => s.trackId === id);
  const analyseAll = async () => {
    await services.api.analysis.startAnalysis();
    await services.api.analysis.idle();
  };
  const addClip = async (name: string, frequency: number) => {
    const path = await makeClip(join(music, name), { format: 'mp3', seconds: 6, frequency });
    await services.api.library.rescan(folderId);
    return byPath(path);
  };

  beforeAll(async () => {
    await ensureBuilt();
    tmp = makeTempDir();
    music = tmp.at('music');
    const full = await makeClip(join(music, 'whole.mp3'), { format: 'mp3', seconds: 12, frequency: 440 });
    const flac = await makeClip(tmp.at('src', 'long.flac'), { format: 'flac', seconds: 12, frequency: 550 });
    truncateCopy(full, join(music, 'cut.mp3'), 0.4);
    truncateCopy(flac, join(music, 'cut.flac'), 0.4);
    // The decoder the analysis runs: the real ffmpeg, unless ./kills holds a count above 0 (then it
    // takes one off and dies by SIGKILL, as the out-of-memory killer would do it). -version always answers.
    kills = tmp.at('kills');
    writeFileSync(kills, '0');
    const real = execFileSync('sh', ['-c', 'command -v ffmpeg']).toString().trim();
    const wrapper = tmp.at('ffmpeg-wrapper.sh');
    writeFileSync(wrapper, `#!/bin/sh
case "$*" in *-version*) exec "${real}" "$@";; esac
n=$(cat "${kills}")
if [ "$n" -gt 0 ]; then echo $((n - 1)) > "${kills}"; kill -9 $$; fi
exec "${real}" "$@"
`);
    chmodSync(wrapper, 0o755);
    process.env.SOUNDLIKE_FFMPEG = wrapper;
    services = await openModelServices(tmp.at('data'));
    ({ folder: { id: folderId } } = await services.api.library.addFolderAndScan(music));
  }, 240_000);

  afterAll(async () => {
    await services?.dispose();
    if (savedFfmpeg === undefined) delete process.env.SOUNDLIKE_FFMPEG;
    else process.env.SOUNDLIKE_FFMPEG = savedFfmpeg;
    tmp?.cleanup();
  });

  it('lists a truncated mp3 and flac as damaged, with the part that plays', async () => {
    const cutMp3 = await byPath(join(music, 'cut.mp3'));
    expect(cutMp3.durationSec).toBeGreaterThan(11); // the header's claim, until the audio is decoded
    await analyseAll();
    const whole = await byPath(join(music, 'whole.mp3'));
    expect(whole).toMatchObject({ damaged: false });
    expect(whole.decodedSec).toBeCloseTo(whole.durationSec as number, 0);
    for (const name of ['cut.mp3', 'cut.flac']) {
      const track = await byPath(join(music, name));
      expect(track.damaged, name).toBe(true);
      expect(track.decodedSec, name).toBeGreaterThan(3.5);
      expect(track.decodedSec, name).toBeLessThan(6);
      expect(track.durationSec, name).toBeGreaterThan(11);
    }
  }, 120_000);

  it('retries a decoder killed by a signal at once, and the track is analysed', async () => {
    const track = await addClip('killed-once.mp3', 660);
    writeFileSync(kills, '1');
    await analyseAll();
    expect(readFileSync(kills, 'utf8').trim()).toBe('0'); // it was killed once
    expect(await stateOf(track.id)).toMatchObject({ status: 'done', error: null });
  }, 120_000);

  it('records a decoder killed every time as a transient failure, tried again by a bounded number of runs', async () => {
    const track = await addClip('always-killed.mp3', 770);
    writeFileSync(kills, '1000');
    const attempts = () => withDb(services.paths.database, (db) =>
      db.prepare('SELECT transient, attempts, error FROM analyses WHERE track_id = ?').get(track.id) as { transient: number; attempts: number; error: string });
    await analyseAll();
    expect(attempts()).toMatchObject({ transient: 1, attempts: 1 });
    const state = await stateOf(track.id);
    expect(state?.status).toBe('failed');
    expect(state?.error).toMatch(/^ffmpeg was stopped by signal SIGKILL while decoding \(3 tries\)\. .*tried again at the next analysis run \(1 of 3/);
    await analyseAll();
    expect(attempts().attempts).toBe(2);
    await analyseAll();
    expect(attempts()).toMatchObject({ attempts: 3, error: expect.stringMatching(/not tried again until the file changes/) });
    await analyseAll(); // the bound is reached: no run takes it again
    expect(attempts().attempts).toBe(3);
    writeFileSync(kills, '0');
  }, 120_000);

  it('analyses tracks that arrive while a run is finishing in that same run', async () => {
    const last = await addClip('last-of-run.mp3', 880);
    const lateName = join(music, 'arrives-late.mp3');
    const engine = services.engine;
    const analyse = engine.analyse.bind(engine);
    // The run's last job: before it ends, a new song lands in the library (the run has nothing else queued).
    engine.analyse = async (path: string) => {
      if (path === last.path) {
        await makeClip(lateName, { format: 'mp3', seconds: 6, frequency: 990 });
        await services.api.library.rescan(folderId);
      }
      return analyse(path);
    };
    try {
      await analyseAll();
    } finally {
      engine.analyse = analyse;
    }
    const late = await byPath(lateName);
    expect(await stateOf(late.id)).toMatchObject({ status: 'done' });
  }, 120_000);

  it('does not count jobs stopped by a pause (a settings change) as failed', async () => {
    const a = await addClip('paused-a.mp3', 1100);
    const b = await addClip('paused-b.mp3', 1200);
    const progress = record(services.api.analysis.onDidAnalysisProgress);
    await services.api.analysis.startAnalysis();
    await expect.poll(() => services.engine.inFlight, { interval: 5, timeout: 30_000 }).toBeGreaterThan(0);
    await services.api.analysis.restart(false);
    progress.stop();
    const last = progress.payloads[progress.payloads.length - 1] as AnalysisProgress;
    expect(last).toMatchObject({ phase: 'paused', final: true, failed: 0 });
    const states = await Promise.all([stateOf(a.id), stateOf(b.id)]);
    expect(states.filter((s) => s?.status === 'failed')).toEqual([]);
    await analyseAll(); // resumed, both are analysed
    expect(await stateOf(a.id)).toMatchObject({ status: 'done' });
    expect(await stateOf(b.id)).toMatchObject({ status: 'done' });
  }, 120_000);

  it('shows a damaged track as damaged in `soundlike tracks`', async () => {
    const cut = await byPath(join(music, 'cut.mp3'));
    const { code, stdout } = await runCli(['tracks', '--data', tmp.at('data')]);
    expect(code).toBe(0);
    // The row of the cut file, told apart by its id: its time column says how much of it plays.
    expect(stdout).toMatch(new RegExp(`^${cut.id}\\s.*\\s0:0[4-6] of 0:12, damaged`, 'm'));
    const json = await runCli(['tracks', '--data', tmp.at('data'), '--json']);
    const listed = JSON.parse(json.stdout) as Track[];
    expect(listed.find((t) => t.id === cut.id)).toMatchObject({ damaged: true });
    expect(listed.find((t) => t.path === join(music, 'whole.mp3'))).toMatchObject({ damaged: false });
  }, 120_000);
});
