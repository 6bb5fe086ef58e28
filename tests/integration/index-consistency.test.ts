/**
 * The persisted vector index (<data>/vectors) is a cache of SQLite: missing or damaged, it is rebuilt and
 * the radio is unchanged; songs removed from the library leave it (faiss's Flat removeIds renumbers its
 * labels, and the label -> fragment mapping must follow), new analysed songs join it.
 */
import { rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RadioSession } from '../../src/shared/domain';
import { place, pseudoRandomBytes } from '../helpers/audio';
import { analysedLibrary, dot, indexFiles, readFragments, type AnalysedLibrary } from '../helpers/analysis-db';
import { ensureBuilt, hasTestModel, openModelServices, testModelPath } from '../helpers/model';
import { EXTRA_CLIP, styleClip } from '../helpers/styles';

const MODEL = testModelPath();
const round3 = (x: number) => Math.round(x * 1000) / 1000;

describe.skipIf(!hasTestModel())(`persisted vector index (skipped when the sound model is missing: ${MODEL})`, () => {
  let lib: AnalysedLibrary;
  let first: RadioSession;
  const seed = () => ({ kind: 'track' as const, trackId: lib.tracks['drone-a'].id });

  /** Every pick's explanation matches the stored vectors of the pick's own track and of the seed. */
  function checkAgainstDatabase(session: RadioSession): void {
    const all = readFragments(lib.services.paths.database);
    const seedFragments = all.filter((f) => session.seedTrackIds.includes(f.trackId));
    for (const { trackId, explanation: e } of session.picks) {
      expect(e.pick.trackId).toBe(trackId);
      const chosen = all.find((f) => f.trackId === trackId && round3(f.startSec) === e.pick.startSec);
      expect(chosen, `pick ${trackId} at ${e.pick.startSec}s is a stored fragment of that track`).toBeDefined();
      const d = seedFragments.reduce((sum, s) => sum + (1 - dot(chosen!.vector, s.vector)), 0);
      expect(Math.abs(d - e.distanceSum)).toBeLessThan(1e-3);
    }
  }

  async function reopen(): Promise<void> {
    await lib.services.dispose();
    lib.services = await openModelServices(lib.data);
  }

  beforeAll(async () => {
    await ensureBuilt();
    lib = await analysedLibrary();
  });

  afterAll(async () => {
    await lib?.dispose();
  });

  it('is written under <data>/vectors by the first radio', async () => {
    expect(indexFiles(lib.services.paths.vectors)).toEqual([]);
    first = await lib.services.api.radio.previewRadio(seed());
    expect(first.picks.length).toBeGreaterThan(0);
    checkAgainstDatabase(first);
    const files = indexFiles(lib.services.paths.vectors).map((f) => f.slice(f.lastIndexOf('/') + 1));
    expect(files.filter((f) => /^index\.(faiss|ids|json)$/.test(f))).toHaveLength(3);
    const stats = await lib.services.api.radio.indexStats();
    expect(stats).toMatchObject({ kind: 'flat', tombstones: 0, count: readFragments(lib.services.paths.database).length });
    expect(stats?.bytesOnDisk).toBeGreaterThan(0);
  });

  it('is read back from disk by the next services, with the same picks, and the encoder is never loaded for it', async () => {
    await reopen();
    expect(await lib.services.api.radio.previewRadio(seed())).toEqual(first);
    expect((await lib.services.api.radio.indexStats())?.origin).toBe('read from disk');
    // A radio over analysed songs needs the manifest, not onnxruntime (soundlike radio answers in well under 1 s).
    expect((await lib.services.api.analysis.getAnalysisStatus()).model).toBeNull();
  });

  it('is rebuilt from SQLite when its .faiss file is deleted, with the same picks', async () => {
    await lib.services.dispose();
    const faissFile = indexFiles(lib.services.paths.vectors).find((f) => f.endsWith('.faiss')) as string;
    unlinkSync(faissFile);
    lib.services = await openModelServices(lib.data);
    expect(await lib.services.api.radio.previewRadio(seed())).toEqual(first);
    expect((await lib.services.api.radio.indexStats())?.origin).toMatch(/rebuilt/);
    expect(indexFiles(lib.services.paths.vectors).some((f) => f === faissFile)).toBe(true);
  });

  it('is rebuilt when its .faiss file holds garbage, with the same picks', async () => {
    await lib.services.dispose();
    const faissFile = indexFiles(lib.services.paths.vectors).find((f) => f.endsWith('.faiss')) as string;
    writeFileSync(faissFile, pseudoRandomBytes(4096, 0xfa155));
    lib.services = await openModelServices(lib.data);
    expect(await lib.services.api.radio.previewRadio(seed())).toEqual(first);
    expect((await lib.services.api.radio.indexStats())?.origin).toMatch(/rebuilt/);
  });

  it('drops a song whose file was deleted (same services, after a rescan): never picked, the rest explained right', async () => {
    // The pick with the lowest id: its fragments hold the lowest labels, so removing them renumbers the rest.
    const gone = [...first.picks].sort((a, b) => a.trackId - b.trackId)[0].trackId;
    const path = (await lib.services.api.library.getTrack(gone)).path;
    rmSync(path);
    const summary = await lib.services.api.library.rescan();
    expect(summary.removed).toBe(1);
    for (const options of [{}, { artistGap: 1, adventure: 0 }, { adventure: 1 }]) {
      const session = await lib.services.api.radio.previewRadio(seed(), options);
      expect(session.picks.map((p) => p.trackId)).not.toContain(gone);
      expect(session.picks.length).toBeGreaterThan(0);
      checkAgainstDatabase(session);
    }
  });

  it('after the removal, the index read back and brought up to date equals a fresh rebuild', async () => {
    await reopen();
    const refreshed = await lib.services.api.radio.previewRadio(seed(), { adventure: 0 });
    expect((await lib.services.api.radio.indexStats())?.origin).toMatch(/read from disk/);
    checkAgainstDatabase(refreshed);
    await lib.services.dispose();
    rmSync(lib.services.paths.vectors, { recursive: true, force: true });
    lib.services = await openModelServices(lib.data);
    const rebuilt = await lib.services.api.radio.previewRadio(seed(), { adventure: 0 });
    expect((await lib.services.api.radio.indexStats())?.origin).toMatch(/rebuilt/);
    expect(rebuilt).toEqual(refreshed);
  });

  it('takes in a newly added and analysed song: it can be picked', async () => {
    const { library, analysis, radio } = lib.services.api;
    const before = await radio.previewRadio(seed());
    const path = place(await styleClip(EXTRA_CLIP), lib.tmp.at('music', `${EXTRA_CLIP.name}.${EXTRA_CLIP.format}`));
    await library.rescan();
    await analysis.startAnalysis();
    await analysis.idle();
    const added = (await library.listTracks()).find((t) => t.path === path);
    expect(added).toBeDefined();
    const after = await radio.previewRadio(seed());
    expect(before.picks.map((p) => p.trackId)).not.toContain(added!.id);
    expect(after.picks.map((p) => p.trackId)).toContain(added!.id);
    checkAgainstDatabase(after);
    expect((await radio.indexStats())?.count).toBe(readFragments(lib.services.paths.database).length);
  });
});
