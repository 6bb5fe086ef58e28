/**
 * The analysis pipeline end to end: real audio (ffmpeg), the real analysis worker bundle, the sound
 * model through onnxruntime, real SQLite. Every track ends analysed or with a recorded failure, its
 * fragments cover it at the configured step with unit vectors and the model's tags (the top few, or one
 * per group the manifest shows), progress ends with a final tick, runs are idempotent, a step change
 * re-analyses, priorities and analyseNow are honoured.
 */
import { openSync, readSync, closeSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analysisSha256 } from '../../src/engine/manifest';
import { ANALYSIS_TUNABLES } from '../../src/shared/defaults';
import type { AnalysisProgress, Track, TrackAnalysisState } from '../../src/shared/domain';
import type { Services } from '../../src/main/services';
import { makeTempDir, place, pseudoRandomBytes, type TempDir } from '../helpers/audio';
import { dot, readAnalyses, readFragments, type StoredFragmentRow } from '../helpers/analysis-db';
import { ensureBuilt, hasTestModel, openModelServices, readTestManifest, testModelPath, type TestManifest } from '../helpers/model';
import { expectCode, record } from '../helpers/services';
import { EXTRA_CLIP, makeStyleLibrary, STYLE_CLIPS, styleClip } from '../helpers/styles';

const MODEL = testModelPath();

/**
 * Overwrites a scanned file with noise of the same size and puts its mtime back, so the scanner sees no
 * change. Keeping `keepHead` bytes leaves a valid-looking header (ffmpeg then decodes no audio and exits
 * 0); without it ffmpeg refuses the file outright (exit 1).
 */
function corruptInPlace(path: string, keepHead: number): void {
  const { size, atime, mtime } = statSync(path);
  const head = Buffer.alloc(keepHead);
  const fd = openSync(path, 'r');
  readSync(fd, head, 0, keepHead, 0);
  closeSync(fd);
  writeFileSync(path, Buffer.concat([head, pseudoRandomBytes(size - keepHead, 0xbad)]));
  utimesSync(path, atime, mtime);
}

/**
 * The windows the design cuts from a track of `length` s: every `step` s while a whole fragment fits,
 * plus one aligned to the end when more than half a fragment is left over.
 */
function expectedSpans(length: number, fragment: number, step: number): [number, number][] {
  const out: [number, number][] = [];
  for (let start = 0; start + fragment <= length; start += step) out.push([start, start + fragment]);
  if (length - out[out.length - 1][1] > fragment / 2) out.push([length - fragment, length]);
  return out;
}

function spans(fragments: StoredFragmentRow[]): [number, number][] {
  return fragments.map((f) => [Math.round(f.startSec * 1000) / 1000, Math.round(f.endSec * 1000) / 1000]);
}

describe.skipIf(!hasTestModel())(`analysis pipeline (skipped when the sound model is missing: ${MODEL})`, () => {
  let tmp: TempDir;
  let data: string;
  let services: Services;
  let manifest: TestManifest;
  let tracks: Track[];
  /** Two damaged files: one ffmpeg decodes to nothing, one it refuses (placed mid-library, between good ones). */
  let broken: Track[];
  let brokenIds: Set<number>;
  let firstFailures: [number, number][];

  const byName = (name: string) => tracks.find((t) => t.path.endsWith(`/${name}.${STYLE_CLIPS.find((c) => c.name === name)?.format}`)) as Track;

  beforeAll(async () => {
    await ensureBuilt();
    manifest = readTestManifest();
    tmp = makeTempDir('soundlike-analysis-');
    data = tmp.at('data');
    const music = tmp.at('music');
    await makeStyleLibrary(music);
    const silent = place(await styleClip(STYLE_CLIPS[3]), tmp.at('music', 'zz-broken.flac'));
    const refused = place(await styleClip(STYLE_CLIPS[2]), tmp.at('music', 'drone-c-broken.mp3'));
    services = await openModelServices(data);
    await services.api.library.addFolderAndScan(music);
    corruptInPlace(silent, 64);
    corruptInPlace(refused, 0);
    tracks = await services.api.library.listTracks();
    broken = [silent, refused].map((path) => tracks.find((t) => t.path === path) as Track);
    brokenIds = new Set(broken.map((t) => t.id));
    expect(tracks).toHaveLength(STYLE_CLIPS.length + 2);
    expect(broken.every(Boolean)).toBe(true);
  });

  afterAll(async () => {
    await services?.dispose();
    tmp?.cleanup();
  });

  it('analyses every track once, records the broken one, and ends progress with a final tick', async () => {
    const { analysis } = services.api;
    const progress = record(analysis.onDidAnalysisProgress);
    const analysed = record(analysis.onDidAnalyseTrack);
    await analysis.startAnalysis();
    await analysis.idle();
    progress.stop();
    analysed.stop();

    const good = tracks.filter((t) => !brokenIds.has(t.id));
    expect(analysed.payloads.map((s) => s.trackId).sort((a, b) => a - b)).toEqual(tracks.map((t) => t.id).sort((a, b) => a - b));
    // One bad file never takes a good one down with it.
    for (const t of good) expect(analysed.payloads.find((s) => s.trackId === t.id)).toEqual({ trackId: t.id, status: 'done', error: null });
    for (const t of broken) {
      const state = analysed.payloads.find((s) => s.trackId === t.id) as TrackAnalysisState;
      expect(state.status).toBe('failed');
      expect(state.error).toMatch(/ffmpeg|decod|audio/i);
    }

    const last = progress.payloads.at(-1) as AnalysisProgress;
    expect(last).toMatchObject({ phase: 'done', final: true, done: tracks.length, total: tracks.length, failed: 2, currentTrackId: null });
    expect(last.tracksPerSec).toBeGreaterThan(0);
    expect(progress.payloads.slice(0, -1).every((p) => !p.final)).toBe(true);
    expect(progress.payloads.some((p) => p.phase === 'analysing')).toBe(true);

    const status = await analysis.getAnalysisStatus();
    expect(status.counts).toMatchObject({ total: tracks.length, done: good.length, failed: 2, pending: 0, outdated: 0 });
    expect(status.model?.id).toBe(manifest.id);
    // As a model update would see it: every track waits again, and the note counts them.
    const nextModel = { modelSha: 'a-newer-model', featureVersion: manifest.feature_version, stepSec: 5 };
    expect(services.db.analysis.counts(nextModel)).toMatchObject({ total: tracks.length, done: 0, failed: 0, pending: tracks.length, outdated: tracks.length });
    const failures = await analysis.listAnalysisFailures();
    expect(failures.map((f) => [f.trackId, f.path]).sort()).toEqual(broken.map((t) => [t.id, t.path]).sort());
    for (const f of failures) expect(f.reason.length).toBeGreaterThan(10);
    firstFailures = failures.map((f) => [f.trackId, f.at]);
  });

  it('stores fragments covering each track at the step, with unit vectors of the model size and its tags', () => {
    const analyses = readAnalyses(services.paths.database);
    for (const t of broken) {
      expect(analyses.find((a) => a.trackId === t.id)).toMatchObject({ status: 'failed', fragmentCount: 0 });
      expect(readFragments(services.paths.database, t.id)).toEqual([]);
    }
    const vocabulary = new Set(manifest.tags);
    for (const track of tracks.filter((t) => !brokenIds.has(t.id))) {
      const fragments = readFragments(services.paths.database, track.id);
      const row = analyses.find((a) => a.trackId === track.id);
      expect(row).toMatchObject({ status: 'done', fragmentCount: fragments.length, stepSec: 5, modelSha: analysisSha256(manifest) });
      const length = track.durationSec as number;
      expect(fragments.length).toBeGreaterThanOrEqual(2);
      expect(fragments[0].startSec).toBe(0);
      // Every window is one fragment long; consecutive starts are one step apart except an end-aligned last one.
      for (const [i, f] of fragments.entries()) {
        expect(f.endSec - f.startSec).toBeCloseTo(manifest.fragment_seconds, 3);
        if (i > 0) expect(f.startSec - fragments[i - 1].startSec).toBeLessThanOrEqual(5 + 1e-6);
        if (i > 0 && i < fragments.length - 1) expect(f.startSec - fragments[i - 1].startSec).toBeCloseTo(5, 6);
      }
      // The windows cover the song up to its end (a tail shorter than half a fragment may be left).
      expect(Math.abs(fragments.at(-1)!.endSec - length)).toBeLessThan(manifest.fragment_seconds / 2);
      for (const f of fragments) {
        expect(f.vector.length).toBe(manifest.embedding_size);
        expect(f.vector.every(Number.isFinite)).toBe(true);
        if (manifest.embedding_normalized) expect(Math.sqrt(dot(f.vector, f.vector))).toBeCloseTo(1, 3);
        for (const t of f.tags) {
          expect(vocabulary.has(t.tag)).toBe(true);
          expect(t.p).toBeGreaterThanOrEqual(0);
          expect(t.p).toBeLessThanOrEqual(1);
        }
        if (manifest.display) {
          // One tag per shown group, in display order (display-groups.test.ts checks this in depth).
          expect(f.tags.map((t) => t.tag.split(':')[0])).toEqual(manifest.display.groups);
        } else {
          expect(f.tags).toHaveLength(Math.min(ANALYSIS_TUNABLES.topTags, manifest.tags.length));
          expect(f.tags.map((t) => t.p)).toEqual([...f.tags.map((t) => t.p)].sort((a, b) => b - a));
        }
      }
    }
    // A 9-second FLAC (sample-exact length): one window at 0 and one aligned to the end ([0-5], [4-9]).
    expect(spans(readFragments(services.paths.database, byName('drone-a').id))).toEqual(expectedSpans(9, manifest.fragment_seconds, 5));
  });

  it('a second run analyses nothing and does not retry the recorded failure', async () => {
    const { analysis } = services.api;
    const progress = record(analysis.onDidAnalysisProgress);
    const analysed = record(analysis.onDidAnalyseTrack);
    await analysis.startAnalysis();
    await analysis.idle();
    progress.stop();
    analysed.stop();
    expect(analysed.payloads).toEqual([]);
    expect(progress.payloads.at(-1)).toMatchObject({ phase: 'done', final: true, done: 0, total: 0 });
    const failures = await analysis.listAnalysisFailures();
    expect(failures.map((f) => [f.trackId, f.at])).toEqual(firstFailures);
  });

  it('after a restart, analysis states and failures are reported before any new analysis runs', async () => {
    await services.dispose();
    services = await openModelServices(data);
    const { analysis } = services.api;
    const failures = await analysis.listAnalysisFailures();
    expect(failures.map((f) => [f.trackId, f.at])).toEqual(firstFailures);
    const states = await analysis.listTrackAnalysis();
    expect(states.filter((s) => s.status === 'done')).toHaveLength(tracks.length - 2);
    expect((await analysis.getAnalysisStatus()).counts).toMatchObject({ total: tracks.length, done: tracks.length - 2, failed: 2, pending: 0 });
  });

  it('analyseNow resolves once the track asked for is analysed, and rejects naming a failure', async () => {
    const { analysis, library } = services.api;
    const added = place(await styleClip(EXTRA_CLIP), tmp.at('music', `${EXTRA_CLIP.name}.${EXTRA_CLIP.format}`));
    await library.rescan();
    const track = (await library.listTracks()).find((t) => t.path === added) as Track;
    expect(track).toBeDefined();
    expect((await analysis.listTrackAnalysis()).find((s) => s.trackId === track.id)?.status).toBe('pending');
    await analysis.analyseNow([track.id]);
    expect((await analysis.listTrackAnalysis()).find((s) => s.trackId === track.id)).toEqual({ trackId: track.id, status: 'done', error: null });
    expect(readFragments(services.paths.database, track.id).length).toBeGreaterThanOrEqual(2);
    const error = await expectCode(analysis.analyseNow([broken[0].id]), 'NOT_ANALYSED');
    expect(error.message).toMatch(/could not be analysed/);
    tracks = await library.listTracks();
    await analysis.idle();
  });

  it('changing the fragment step re-analyses every track, a prioritised one first', async () => {
    await services.dispose();
    // The app (live services) restarts analysis when the step changes.
    services = await openModelServices(data, MODEL, true);
    const { analysis, settings } = services.api;
    await analysis.idle();
    const last = [...tracks].filter((t) => !brokenIds.has(t.id)).sort((a, b) => b.id - a.id)[0];
    const analysed = record(analysis.onDidAnalyseTrack);
    await settings.updateSettings({ fragmentStepSec: 2 });
    await analysis.prioritizeAnalysis([last.id]);
    // The restart is asynchronous: wait until every track has been seen again.
    for (let i = 0; i < 600 && analysed.payloads.length < tracks.length; i++) await new Promise((r) => setTimeout(r, 100));
    await analysis.idle();
    analysed.stop();
    expect(analysed.payloads[0]?.trackId).toBe(last.id);
    expect(analysed.payloads.map((s) => s.trackId).sort((a, b) => a - b)).toEqual(tracks.map((t) => t.id).sort((a, b) => a - b));
    const analyses = readAnalyses(services.paths.database);
    expect(analyses.every((a) => a.stepSec === 2)).toBe(true);
    expect(spans(readFragments(services.paths.database, byName('drone-a').id))).toEqual(expectedSpans(9, manifest.fragment_seconds, 2));
    // No fragment of the old step is left behind.
    const total = analyses.reduce((sum, a) => sum + a.fragmentCount, 0);
    expect(readFragments(services.paths.database).length).toBe(total);
    expect((await analysis.getAnalysisStatus()).counts).toMatchObject({ done: tracks.length - 2, failed: 2, pending: 0, fragments: total });
  });

  it('a step changed while the engine is loaded (no live settings follower) is still honoured', async () => {
    await services.dispose();
    services = await openModelServices(data);
    const { analysis, settings } = services.api;
    await analysis.startAnalysis(); // loads the engine at the current step (2); nothing is pending
    await analysis.idle();
    await settings.updateSettings({ fragmentStepSec: 5 });
    await analysis.startAnalysis();
    await analysis.idle();
    // Fragments labelled step 5 must have been cut at step 5, never at the engine's old step.
    expect(readAnalyses(services.paths.database).every((a) => a.stepSec === 5)).toBe(true);
    expect(spans(readFragments(services.paths.database, byName('drone-a').id))).toEqual(expectedSpans(9, manifest.fragment_seconds, 5));
  });
});
