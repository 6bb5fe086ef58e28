/**
 * Closeness relative to this library, over a really analysed library (real model, real index worker,
 * real SQLite): each pick's percentile is recomputed by hand from the stored vectors (every ordered pair of
 * different songs in a small library, scored by the symmetric Chamfer similarity the radio ranks with),
 * the picks of one radio get different percentiles and words, and the CLI's text and JSON carry them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RadioSession } from '../../src/shared/domain';
import { analysedLibrary, dot, readFragments, type AnalysedLibrary, type StoredFragmentRow } from '../helpers/analysis-db';
import { ensureBuilt, hasTestModel, runCli, testModelPath } from '../helpers/model';
import { EXTRA_CLIP, STYLE_CLIPS } from '../helpers/styles';

const MODEL = testModelPath();
const CLIPS = [...STYLE_CLIPS, EXTRA_CLIP];

/** The ranking's score by hand (a small library: the model's own space, every moment compared). */
function chamfer(a: StoredFragmentRow[], b: StoredFragmentRow[]): number {
  const best = (from: StoredFragmentRow[], to: StoredFragmentRow[]) => from.reduce((sum, f) => sum + Math.max(...to.map((t) => dot(f.vector, t.vector))), 0) / from.length;
  return 0.5 * (best(a, b) + best(b, a));
}

describe.skipIf(!hasTestModel())(`closeness relative to the library (skipped when the sound model is missing: ${MODEL})`, () => {
  let lib: AnalysedLibrary;
  let session: RadioSession;
  let scale: number[];
  let servicesOpen = true;

  beforeAll(async () => {
    await ensureBuilt();
    lib = await analysedLibrary({ clips: CLIPS });
    const fragments = readFragments(lib.services.paths.database);
    const ids = Object.values(lib.tracks).map((t) => t.id);
    const of = (id: number) => fragments.filter((f) => f.trackId === id);
    scale = ids.flatMap((a) => ids.filter((b) => b !== a).map((b) => chamfer(of(a), of(b)))).sort((x, y) => x - y);
    session = await lib.services.api.radio.previewRadio({ kind: 'track', trackId: lib.tracks['drone-a'].id }, { count: CLIPS.length - 1, artistGap: 0 });
  }, 240_000);

  afterAll(async () => {
    if (servicesOpen) await lib?.dispose();
    else lib?.tmp.cleanup();
  });

  it('places each pick on the library own scale of song pairs, as computed by hand', () => {
    expect(session.picks.length).toBeGreaterThanOrEqual(4);
    for (const { explanation: e } of session.picks) {
      const c = e.closeness;
      expect(c).toBeDefined();
      if (!c) continue;
      expect(c.pairs).toBe(CLIPS.length * (CLIPS.length - 1));
      const score = e.songSimilarity as number;
      const below = scale.filter((s) => s < score - 1e-4).length;
      const upTo = scale.filter((s) => s <= score + 1e-4).length;
      // Ties (within float rounding) count half: the percentile lies between the strict and the inclusive share.
      expect(c.percentile).toBeGreaterThanOrEqual(Math.floor((below / scale.length) * 1000) / 10);
      expect(c.percentile).toBeLessThanOrEqual(Math.ceil((upTo / scale.length) * 1000) / 10);
      const words = c.percentile >= 95 ? 'very close' : c.percentile >= 80 ? 'close' : c.percentile >= 50 ? 'related' : 'far';
      expect(c.words).toBe(words);
    }
  });

  it('tells the picks of one radio apart: closer picks rank higher, and not every pick reads the same', () => {
    const bySimilarity = [...session.picks].sort((a, b) => (b.explanation.songSimilarity as number) - (a.explanation.songSimilarity as number));
    const percentiles = bySimilarity.map((p) => p.explanation.closeness?.percentile as number);
    expect(percentiles).toEqual([...percentiles].sort((a, b) => b - a));
    expect(new Set(percentiles).size).toBeGreaterThanOrEqual(session.picks.length - 1);
    expect(new Set(session.picks.map((p) => p.explanation.closeness?.words)).size).toBeGreaterThanOrEqual(2);
  });

  it('the CLI radio says it in text and carries it in JSON', async () => {
    const seed = lib.tracks['drone-a'];
    const expected = new Map(session.picks.map((p) => [p.trackId, p.explanation.closeness]));
    // The CLI opens the data folder itself: the services must let go of it first.
    servicesOpen = false;
    await lib.services.dispose();
    const json = await runCli(['radio', String(seed.id), '--data', lib.data, '--model', MODEL, '--json', '--count', String(CLIPS.length - 1), '--artist-gap', '0']);
    expect(json.code, json.stderr).toBe(0);
    const out = JSON.parse(json.stdout) as { picks: { trackId: number; explanation: RadioSession['picks'][number]['explanation'] }[] };
    expect(out.picks.length).toBe(session.picks.length);
    for (const p of out.picks) expect(p.explanation.closeness).toEqual(expected.get(p.trackId));
    const text = await runCli(['radio', String(seed.id), '--data', lib.data, '--model', MODEL, '--count', '3']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/(very close|close|related|far): closer than \d+(\.\d)?% of song pairs in your library/);
  }, 120_000);
});
