/**
 * `soundlike path A B` as a user runs it (the built CLI over a library scanned and analysed by the CLI):
 * JSON of a fixed shape, --count, songs by path or id, the text output, and exit 2 with a clear message
 * for a bad request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PickExplanation } from '../../src/shared/domain';
import { makeTempDir, type TempDir } from '../helpers/audio';
import { ensureBuilt, hasTestModel, runCli, testModelPath } from '../helpers/model';
import { makeStyleLibrary, STYLE_CLIPS } from '../helpers/styles';

const MODEL = testModelPath();

interface Brief { trackId: number; path: string; title: string; artist: string | null }
interface PathJson {
  from: Brief;
  to: Brief;
  count: number;
  steps: (Brief & { toStart: number; toEnd: number; explanation: PickExplanation })[];
  arrival: PickExplanation | null;
}

describe.skipIf(!hasTestModel())(`soundlike path (skipped when the sound model is missing: ${MODEL})`, () => {
  let tmp: TempDir;
  let data: string;
  let paths: Record<string, string>;

  beforeAll(async () => {
    await ensureBuilt();
    tmp = makeTempDir('soundlike-path-cli-');
    data = tmp.at('data');
    paths = await makeStyleLibrary(tmp.at('music'));
    expect((await runCli(['scan', tmp.at('music'), '--data', data])).code).toBe(0);
    const analyze = await runCli(['analyze', '--data', data, '--model', MODEL]);
    expect(analyze.code, analyze.stderr).toBe(0);
  }, 300_000);

  afterAll(() => tmp?.cleanup());

  it('--json --count 3 prints both ends and three explained steps that get nearer the end', async () => {
    const run = await runCli(['path', paths['drone-a'], paths['melody-a'], '--data', data, '--model', MODEL, '--json', '--count', '3']);
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as PathJson;
    expect(out.from).toMatchObject({ path: paths['drone-a'], title: 'Low Hum' });
    expect(out.to).toMatchObject({ path: paths['melody-a'], title: 'Saw Tune' });
    expect(out.count).toBe(3);
    expect(out.steps).toHaveLength(3);
    const ids = out.steps.map((s) => s.trackId);
    expect(new Set([out.from.trackId, out.to.trackId, ...ids]).size).toBe(5);
    const known = new Set(STYLE_CLIPS.map((c) => paths[c.name]));
    let previous = out.from.trackId;
    for (const step of out.steps) {
      expect(known.has(step.path)).toBe(true);
      expect(step.explanation.pick.trackId).toBe(step.trackId);
      expect(step.explanation.seeds.every((s) => s.trackId === previous)).toBe(true);
      expect(step.explanation.matches?.length).toBeGreaterThanOrEqual(1);
      previous = step.trackId;
    }
    for (let k = 1; k < out.steps.length; k++) expect(out.steps[k].toEnd).toBeGreaterThanOrEqual(out.steps[k - 1].toEnd);
    expect(out.arrival?.pick.trackId).toBe(out.to.trackId);

    // The same walk named by ids, and as text: every step's title and why it follows the one before.
    const byId = await runCli(['path', String(out.from.trackId), String(out.to.trackId), '--data', data, '--model', MODEL, '--json', '--count', '3']);
    expect(JSON.parse(byId.stdout)).toEqual(out);
    const text = await runCli(['path', paths['drone-a'], paths['melody-a'], '--data', data, '--model', MODEL, '--count', '3']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('Sonic path from "Low Hum - Aurora Drones" to "Saw Tune - Saw Tooth"');
    for (const step of out.steps) expect(text.stdout).toContain(step.title);
    expect(text.stdout).toMatch(/its \d+:\d\d-\d+:\d\d <-> the previous song's \d+:\d\d-\d+:\d\d/);
  });

  it('asks for more steps than the library has: as many as there are, and says so', async () => {
    const run = await runCli(['path', paths['drone-a'], paths['melody-a'], '--data', data, '--model', MODEL]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`${STYLE_CLIPS.length - 2} of 10 steps: the library has no more analysed songs to walk through.`);
  });

  it('a missing song, the same song twice, or a bad --count exits 2 with a clear message', async () => {
    const cases: [string[], RegExp][] = [
      [['path', paths['drone-a']], /path needs two tracks/],
      [['path', paths['drone-a'], tmp.at('music', 'not-there.mp3')], /No track in the library is .*not-there\.mp3/],
      [['path', paths['drone-a'], paths['drone-a']], /two different songs/],
      [['path', paths['drone-a'], paths['melody-a'], '--count', '0'], /count must be a whole number from 1 to 50/],
      [['path', paths['drone-a'], paths['melody-a'], '--count', 'many'], /count must be/],
    ];
    for (const [args, message] of cases) {
      const run = await runCli([...args, '--data', data, '--model', MODEL]);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stdout).toBe('');
    }
  });
});
