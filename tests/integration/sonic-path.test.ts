/**
 * The sonic path over the demo library, really analysed (real model, real index worker, real SQLite):
 * the walk between the two least alike songs gets nearer the end song step by step (checked by hand from
 * the stored fragment vectors, with a stated tolerance), never repeats a song or its ends, explains each
 * step against the song before it, queues start -> steps -> end, and refuses bad requests clearly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SonicPath } from '../../src/shared/domain';
import { dot, readFragments, type StoredFragmentRow } from '../helpers/analysis-db';
import { makeTempDir, type TempDir } from '../helpers/audio';
import { ensureBuilt, hasTestModel, openModelServices, testModelPath } from '../helpers/model';
import { expectCode } from '../helpers/services';
import type { Services } from '../../src/main/services';
import { DEMO_LIBRARY, demoAudioFiles } from '../e2e/support/demo-library';

const MODEL = testModelPath();

/**
 * How far a step may fall back from the one before in likeness to the end song (hand-computed symmetric
 * Chamfer similarity over every stored moment, 1 = the same). The walk orders its songs by the same
 * likeness on an even spread of at most 32 moments a song, so only that sampling can make it dip: 0.02.
 */
const TOLERANCE = 0.02;

function chamfer(a: StoredFragmentRow[], b: StoredFragmentRow[]): number {
  const best = (from: StoredFragmentRow[], to: StoredFragmentRow[]) => from.reduce((sum, f) => sum + Math.max(...to.map((t) => dot(f.vector, t.vector))), 0) / from.length;
  return 0.5 * (best(a, b) + best(b, a));
}

describe.skipIf(!hasTestModel())(`the sonic path over the analysed demo library (skipped when the sound model is missing: ${MODEL})`, () => {
  let tmp: TempDir;
  let services: Services;
  let byTrack: Map<number, StoredFragmentRow[]>;
  let from = 0;
  let to = 0;
  let path: SonicPath;

  beforeAll(async () => {
    await ensureBuilt();
    tmp = makeTempDir('soundlike-sonic-path-');
    services = await openModelServices(tmp.at('data'));
    await services.api.library.addFolderAndScan(DEMO_LIBRARY);
    await services.api.analysis.startAnalysis();
    await services.api.analysis.idle();
    const tracks = await services.api.library.listTracks();
    expect(tracks).toHaveLength(demoAudioFiles().length);
    byTrack = new Map();
    for (const f of readFragments(services.paths.database)) byTrack.set(f.trackId, [...(byTrack.get(f.trackId) ?? []), f]);
    expect(byTrack.size).toBe(tracks.length);
    // The two least alike songs: the longest walk the library has.
    let lowest = Infinity;
    const ids = [...byTrack.keys()];
    for (const a of ids) for (const b of ids) {
      if (a >= b) continue;
      const s = chamfer(byTrack.get(a) as StoredFragmentRow[], byTrack.get(b) as StoredFragmentRow[]);
      if (s < lowest) [lowest, from, to] = [s, a, b];
    }
    path = await services.api.radio.playSonicPath(from, to, { play: false });
  }, 600_000);

  afterAll(async () => {
    await services?.dispose();
    tmp?.cleanup();
  });

  it('walks through 10 songs by default, none twice and neither end', () => {
    expect(path.options).toEqual({ count: 10, play: false });
    expect(path.radioId).toBe(0);
    const ids = path.steps.map((s) => s.trackId);
    expect(ids).toHaveLength(10);
    expect(new Set(ids).size).toBe(10);
    expect(ids).not.toContain(from);
    expect(ids).not.toContain(to);
  });

  it('gets nearer the end song step by step (within the stated tolerance) and leaves the start behind', () => {
    const end = byTrack.get(to) as StoredFragmentRow[];
    const start = byTrack.get(from) as StoredFragmentRow[];
    const toEnd = path.steps.map((s) => chamfer(byTrack.get(s.trackId) as StoredFragmentRow[], end));
    const toStart = path.steps.map((s) => chamfer(byTrack.get(s.trackId) as StoredFragmentRow[], start));
    for (let k = 1; k < toEnd.length; k++) expect(toEnd[k], `step ${k + 1} vs step ${k}: ${toEnd.map((x) => x.toFixed(3)).join(' ')}`).toBeGreaterThanOrEqual(toEnd[k - 1] - TOLERANCE);
    // Overall it really moves: the last step is clearly nearer the end, and the first nearer the start.
    expect(toEnd[toEnd.length - 1]).toBeGreaterThan(toEnd[0] + 0.1);
    expect(toStart[0]).toBeGreaterThan(toStart[toStart.length - 1] + 0.1);
    // What the walk reports (on its spread moments) never turns back at all.
    for (let k = 1; k < path.steps.length; k++) expect(path.steps[k].toEnd).toBeGreaterThanOrEqual(path.steps[k - 1].toEnd);
    for (const [k, s] of path.steps.entries()) expect(Math.abs(s.toEnd - toEnd[k])).toBeLessThanOrEqual(TOLERANCE);
  });

  it('explains each step against the song before it, and the arrival against the last step', () => {
    let previous = from;
    for (const step of path.steps) {
      const e = step.explanation;
      expect(e.pick.trackId).toBe(step.trackId);
      expect(e.seeds.length).toBeGreaterThan(0);
      expect(e.seeds.every((s) => s.trackId === previous)).toBe(true);
      const matches = e.matches ?? [];
      expect(matches.length).toBeGreaterThanOrEqual(1);
      expect(matches.every((m) => m.seed.trackId === previous && m.pick.trackId === step.trackId)).toBe(true);
      expect(matches.map((m) => m.distance)).toEqual([...matches.map((m) => m.distance)].sort((a, b) => a - b));
      expect(typeof e.songSimilarity).toBe('number');
      previous = step.trackId;
    }
    expect(path.arrival?.pick.trackId).toBe(to);
    expect(path.arrival?.seeds.every((s) => s.trackId === previous)).toBe(true);
  });

  it('queues start, steps and end, each step with its explanation, and is the same walk each time', async () => {
    const played = await services.api.radio.playSonicPath(from, to, { count: 4 });
    expect(played.radioId).toBeGreaterThan(0);
    expect(played.steps).toHaveLength(4);
    const queue = await services.api.playback.getQueue();
    expect(queue.items.map((i) => i.trackId)).toEqual([from, ...played.steps.map((s) => s.trackId), to]);
    expect(queue.items[0].origin).toEqual({ kind: 'user' });
    for (const [k, item] of queue.items.slice(1, -1).entries()) expect(item.origin).toEqual({ kind: 'radio', radioId: played.radioId, explanation: played.steps[k].explanation });
    expect(queue.items[queue.items.length - 1].origin).toMatchObject({ kind: 'radio', radioId: played.radioId });
    // A path is not a radio: nothing extends it.
    expect(await services.api.radio.getActiveRadio()).toBeNull();
    const again = await services.api.radio.playSonicPath(from, to, { count: 4, play: false });
    expect(again.steps.map((s) => s.trackId)).toEqual(played.steps.map((s) => s.trackId));
  });

  it('refuses bad requests with clear errors', async () => {
    const radio = services.api.radio;
    expect((await expectCode(radio.playSonicPath(from, from), 'INVALID_ARGUMENT')).message).toMatch(/two different songs/);
    expect((await expectCode(radio.playSonicPath(from, 987654), 'UNKNOWN_TRACK')).message).toMatch(/987654/);
    await expectCode(radio.playSonicPath('1' as unknown as number, to), 'INVALID_ARGUMENT');
    for (const count of [0, 51, 2.5, Number.NaN]) expect((await expectCode(radio.playSonicPath(from, to, { count }), 'INVALID_ARGUMENT')).message).toMatch(/count must be/);
    await expectCode(radio.playSonicPath(from, to, { play: 'yes' as unknown as boolean }), 'INVALID_ARGUMENT');
  });
});
