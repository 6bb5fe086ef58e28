/**
 * The persisted vector index (<data>/vectors) is a cache of SQLite: missing or damaged (even by bytes
 * that leave every file the same size), it is rebuilt, the radio is unchanged and the user is told once;
 * songs removed from the library leave it (faiss's Flat removeIds renumbers its labels, and the label ->
 * fragment mapping must follow), new analysed songs join it, and a new song never inherits the fragment
 * ids, and so the place in the index, of the last song removed before it.
 */
import { closeSync, openSync, rmSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RadioSession } from '../../src/shared/domain';
import { place, pseudoRandomBytes } from '../helpers/audio';
import { analysedLibrary, dot, indexFiles, readFragments, type AnalysedLibrary } from '../helpers/analysis-db';
import { ensureBuilt, hasTestModel, openModelServices, testModelPath } from '../helpers/model';
import { EXTRA_CLIP, styleClip, type StyleClip } from '../helpers/styles';

const MODEL = testModelPath();
const round3 = (x: number) => Math.round(x * 1000) / 1000;
/** Another late song, analysed after the last-analysed one was removed: a drone, unlike that melody. */
const LATE_CLIP: StyleClip = {
  name: 'drone-late', style: 'drone', format: 'flac', seconds: 9, title: 'Late Hum', artist: 'Later Comer',
  source: `aevalsrc='0.22*sin(2*PI*196*t)+0.22*sin(2*PI*246.94*t)+0.22*sin(2*PI*293.66*t)':s=44100`,
};

/** Overwrites bytes in the middle of a file with random ones: its size stays, its contents do not. */
function damageMiddle(path: string, seed: number): void {
  const size = statSync(path).size;
  const bytes = pseudoRandomBytes(Math.min(64, Math.floor(size / 4)), seed);
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, bytes, 0, bytes.length, Math.floor(size / 2));
  } finally {
    closeSync(fd);
  }
}

/** A session without its one-off notice, to compare picks. */
function picksOf(session: RadioSession): Omit<RadioSession, 'notice'> {
  const { notice: _notice, ...rest } = session;
  return rest;
}

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

  it('is rebuilt from SQLite when its .faiss file is deleted, with the same picks, and says so', async () => {
    await lib.services.dispose();
    const faissFile = indexFiles(lib.services.paths.vectors).find((f) => f.endsWith('.faiss')) as string;
    unlinkSync(faissFile);
    lib.services = await openModelServices(lib.data);
    const session = await lib.services.api.radio.previewRadio(seed());
    expect(picksOf(session)).toEqual(first);
    expect(session.notice).toMatch(/index\.faiss is missing.*rebuilt from the library database/);
    expect((await lib.services.api.radio.indexStats())?.origin).toMatch(/rebuilt/);
    expect(indexFiles(lib.services.paths.vectors).some((f) => f === faissFile)).toBe(true);
  });

  for (const [n, file] of ['index.faiss', 'index.vectors', 'index.ids', 'index.json'].entries()) {
    it(`is rebuilt when random bytes land in the middle of ${file}: the same picks, and the user is told once`, async () => {
      await lib.services.dispose();
      damageMiddle(indexFiles(lib.services.paths.vectors).find((f) => f.endsWith(`/${file}`)) as string, 0xfa155 + n);
      lib.services = await openModelServices(lib.data);
      const { radio } = lib.services.api;
      const session = await radio.previewRadio(seed());
      expect(picksOf(session)).toEqual(first);
      checkAgainstDatabase(session);
      const stats = await radio.indexStats();
      expect(stats?.origin).toMatch(/rebuilt from SQLite/);
      expect(stats?.damage).toMatch(new RegExp(file.replace('.', '\\.')));
      expect(session.notice).toMatch(/saved index was damaged .*rebuilt from the library database/);
      expect((await radio.previewRadio(seed())).notice).toBeUndefined();
    });
  }

  it('a saved index read back whole reports no damage', async () => {
    await reopen();
    const session = await lib.services.api.radio.previewRadio(seed());
    expect(session).toEqual(first);
    expect(await lib.services.api.radio.indexStats()).toMatchObject({ origin: 'read from disk', damage: null });
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

  it('a song analysed after the last-analysed song was removed takes none of its ids: it is picked, the old vectors are gone', async () => {
    const { library, analysis, radio } = lib.services.api;
    await radio.previewRadio(seed()); // the index is open and up to date
    const before = readFragments(lib.services.paths.database);
    const newest = before.reduce((a, b) => (b.id > a.id ? b : a));
    expect(newest.trackId).not.toBe(seed().trackId);
    const removedPath = (await library.getTrack(newest.trackId)).path;
    // Both changes land before the radio looks again: one refresh sees the removal and the new song.
    rmSync(removedPath);
    expect((await library.rescan()).removed).toBe(1);
    const path = place(await styleClip(LATE_CLIP), lib.tmp.at('music', `${LATE_CLIP.name}.${LATE_CLIP.format}`));
    await library.rescan();
    await analysis.startAnalysis();
    await analysis.idle();
    const added = (await library.listTracks()).find((t) => t.path === path);
    expect(added).toBeDefined();
    const after = readFragments(lib.services.paths.database);
    const addedIds = after.filter((f) => f.trackId === added!.id).map((f) => f.id);
    expect(addedIds.length).toBeGreaterThan(0);
    expect(Math.min(...addedIds)).toBeGreaterThan(newest.id);

    // Track ids may come back (the new song can take the removed one's); what it is made of may not.
    const session = await radio.previewRadio(seed(), { count: 20 });
    const library_ = await library.listTracks();
    expect(library_.some((t) => t.path === removedPath)).toBe(false);
    expect(session.picks.map((p) => p.trackId)).toContain(added!.id);
    for (const p of session.picks) expect(library_.some((t) => t.id === p.trackId)).toBe(true);
    checkAgainstDatabase(session);
    expect((await radio.indexStats())?.count).toBe(after.length);
    // The refreshed index holds the new song's own vectors (its scores and ranks): what a rebuild from
    // SQLite gives, and what the index read back from disk gives.
    await lib.services.dispose();
    rmSync(lib.services.paths.vectors, { recursive: true, force: true });
    lib.services = await openModelServices(lib.data);
    expect(await lib.services.api.radio.previewRadio(seed(), { count: 20 })).toEqual(session);
    expect((await lib.services.api.radio.indexStats())?.origin).toBe('rebuilt from SQLite: no index on disk');
    await reopen();
    expect(await lib.services.api.radio.previewRadio(seed(), { count: 20 })).toEqual(session);
    expect((await lib.services.api.radio.indexStats())?.count).toBe(after.length);
  });
});
