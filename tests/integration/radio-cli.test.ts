/**
 * `soundlike radio` as a user runs it (the built CLI over a library scanned and analysed by the CLI):
 * JSON output of a fixed shape, --count, seeds by path or id, clear exit-2 errors, and a word on stderr
 * when the saved index was found damaged and rebuilt.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PickExplanation } from '../../src/shared/domain';
import { indexFiles } from '../helpers/analysis-db';
import { makeTempDir, pseudoRandomBytes, type TempDir } from '../helpers/audio';
import { ensureBuilt, hasTestModel, runCli, testModelPath } from '../helpers/model';
import { makeStyleLibrary, STYLE_CLIPS } from '../helpers/styles';

const MODEL = testModelPath();

interface RadioJson {
  seed: { id: number; path: string; title: string; artist: string | null };
  options: { count: number; adventure: number; artistGap: number };
  picks: { trackId: number; path: string; title: string; artist: string | null; distance: number; explanation: PickExplanation }[];
}

describe.skipIf(!hasTestModel())(`soundlike radio (skipped when the sound model is missing: ${MODEL})`, () => {
  let tmp: TempDir;
  let data: string;
  let paths: Record<string, string>;

  beforeAll(async () => {
    await ensureBuilt();
    tmp = makeTempDir('soundlike-radio-cli-');
    data = tmp.at('data');
    paths = await makeStyleLibrary(tmp.at('music'));
    const scan = await runCli(['scan', tmp.at('music'), '--data', data]);
    expect(scan.code, scan.stderr).toBe(0);
    const analyze = await runCli(['analyze', '--data', data, '--model', MODEL]);
    expect(analyze.code, analyze.stderr).toBe(0);
    expect(analyze.stdout).toContain(`Analysed ${STYLE_CLIPS.length} tracks (0 failed)`);
  });

  afterAll(() => tmp?.cleanup());

  it('--json prints the seed and each pick with its path, title, artist, distance and explanation', async () => {
    const run = await runCli(['radio', paths['drone-a'], '--data', data, '--model', MODEL, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as RadioJson;
    expect(out.seed).toMatchObject({ path: paths['drone-a'], title: 'Low Hum', artist: 'Aurora Drones' });
    expect(out.picks.length).toBeGreaterThanOrEqual(3);
    const known = new Map(STYLE_CLIPS.map((c) => [paths[c.name], c]));
    for (const pick of out.picks) {
      expect(pick.path).not.toBe(paths['drone-a']);
      const clip = known.get(pick.path);
      expect(clip, pick.path).toBeDefined();
      expect(pick).toMatchObject({ title: clip?.title, artist: clip?.artist });
      expect(typeof pick.distance).toBe('number');
      expect(pick.distance).toBe(pick.explanation.distance);
      expect(pick.explanation.pick.trackId).toBe(pick.trackId);
      expect(pick.explanation.seeds.every((s) => s.trackId === out.seed.id)).toBe(true);
      expect(pick.explanation.pick.startSec).toBeLessThan(pick.explanation.pick.endSec);
      expect(Array.isArray(pick.explanation.tagsInCommon)).toBe(true);
      // The pairs of moments the songs were matched by, strongest first: seed moment <-> pick moment.
      const matches = pick.explanation.matches ?? [];
      expect(matches.length).toBeGreaterThanOrEqual(1);
      expect(matches.length).toBeLessThanOrEqual(3);
      expect(matches.every((m) => m.seed.trackId === out.seed.id && m.pick.trackId === pick.trackId)).toBe(true);
      expect(matches.map((m) => m.distance)).toEqual([...matches.map((m) => m.distance)].sort((a, b) => a - b));
      expect(typeof pick.explanation.songSimilarity).toBe('number');
    }
  });

  it('--count 2 gives two picks; a seed can be named by id; the text output names the picks', async () => {
    const two = await runCli(['radio', paths['melody-a'], '--data', data, '--model', MODEL, '--json', '--count', '2']);
    expect(two.code, two.stderr).toBe(0);
    const out = JSON.parse(two.stdout) as RadioJson;
    expect(out.picks).toHaveLength(2);
    expect(out.options.count).toBe(2);
    const byId = await runCli(['radio', String(out.seed.id), '--data', data, '--model', MODEL, '--json', '--count', '2']);
    expect(byId.code, byId.stderr).toBe(0);
    expect(JSON.parse(byId.stdout)).toEqual(out);
    const text = await runCli(['radio', paths['melody-a'], '--data', data, '--model', MODEL, '--count', '2']);
    expect(text.code, text.stderr).toBe(0);
    for (const pick of out.picks) expect(text.stdout).toContain(pick.title);
    // Each pick's matched pairs, as in the why-panel: "its 0:05-0:10 <-> the seed's 0:00-0:05".
    expect(text.stdout).toMatch(/its \d+:\d\d-\d+:\d\d <-> the seed's \d+:\d\d-\d+:\d\d/);
  });

  it('a saved index damaged on disk is rebuilt: the same picks, and stderr says what happened, once', async () => {
    const args = ['radio', paths['drone-b'], '--data', data, '--model', MODEL, '--json'];
    const before = await runCli(args);
    expect(before.code, before.stderr).toBe(0);
    const vectors = indexFiles(join(data, 'vectors')).find((f) => f.endsWith('/index.vectors')) as string;
    const bytes = readFileSync(vectors);
    pseudoRandomBytes(Math.min(64, bytes.length >> 2), 0x5eed).copy(bytes, bytes.length >> 1);
    writeFileSync(vectors, bytes);
    const after = await runCli(args);
    expect(after.code, after.stderr).toBe(0);
    expect(JSON.parse(after.stdout)).toEqual(JSON.parse(before.stdout));
    expect(after.stderr).toMatch(/saved index was damaged \(index\.vectors does not match its checksum\).*rebuilt from the library database/);
    const again = await runCli(args);
    expect(again.stderr).not.toMatch(/damaged/);
  });

  it('an unknown track, or a bad --count, exits 2 with a clear message', async () => {
    const unknown = await runCli(['radio', tmp.at('music', 'not-there.mp3'), '--data', data, '--model', MODEL, '--json']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/No track in the library is .*not-there\.mp3/);
    expect(unknown.stderr).toMatch(/soundlike scan/);
    expect(unknown.stdout).toBe('');
    const unknownId = await runCli(['radio', '99999', '--data', data, '--model', MODEL]);
    expect(unknownId.code).toBe(2);
    expect(unknownId.stderr).toMatch(/id 99999/);
    const badCount = await runCli(['radio', paths['drone-a'], '--data', data, '--model', MODEL, '--count', '0']);
    expect(badCount.code).toBe(2);
    expect(badCount.stderr).toMatch(/count must be/);
    const noSeed = await runCli(['radio', '--data', data]);
    expect(noSeed.code).toBe(2);
    expect(noSeed.stderr).toMatch(/radio needs a seed/);
  });
});
