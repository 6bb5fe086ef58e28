/**
 * The playing radio outlives a restart (real model, real index worker, real SQLite, generated audio): the
 * services are closed and opened again on the same data folder, and the radio comes back with its seed,
 * banner and steering, and refills its queue with that steering applied. A stopped radio, one whose queue
 * the user replaced, and one whose seed song left the library do not come back.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueItem, QueueState } from '../../src/shared/domain';
import type { Services } from '../../src/main/services';
import { analysedLibrary, dot, readFragments, settledQueue, type AnalysedLibrary, type StoredFragmentRow } from '../helpers/analysis-db';
import { ensureBuilt, hasTestModel, openModelServices, testModelPath } from '../helpers/model';

function directed(from: StoredFragmentRow[], to: StoredFragmentRow[]): number {
  return from.reduce((sum, f) => sum + Math.max(...to.map((t) => dot(f.vector, t.vector))), 0) / from.length;
}
const chamfer = (a: StoredFragmentRow[], b: StoredFragmentRow[]) => 0.5 * (directed(a, b) + directed(b, a));
const upcoming = (q: QueueState): QueueItem[] => q.items.slice(q.currentIndex + 1);
const similarityOf = (item: QueueItem): number => (item.origin.kind === 'radio' ? item.origin.explanation?.songSimilarity ?? NaN : NaN);

describe.skipIf(!hasTestModel())(`the playing radio after a restart (skipped when the sound model is missing: ${testModelPath()})`, () => {
  let lib: AnalysedLibrary;
  let fragments: StoredFragmentRow[];
  const fragmentsOf = (trackId: number) => fragments.filter((f) => f.trackId === trackId);

  /** Closes the services and opens them again on the same data folder, as a restart does. */
  async function restart(live = false): Promise<Services> {
    await lib.services.dispose();
    lib.services = await openModelServices(lib.data, testModelPath(), live);
    return lib.services;
  }

  beforeAll(async () => {
    await ensureBuilt();
    lib = await analysedLibrary();
    fragments = readFragments(lib.services.paths.database);
  });

  afterAll(async () => {
    // lib.dispose() closes the services it opened: these are the ones opened last.
    await lib?.services.dispose();
    lib?.tmp.cleanup();
  });

  it('comes back with its seed, banner and steering, and its refills keep the steering', async () => {
    const seed = lib.tracks['drone-a'];
    let { radio, playback } = lib.services.api;
    const started = await radio.playSimilar({ kind: 'track', trackId: seed.id }, { count: 5, artistGap: 0 });
    expect(started.options.adventure).toBe(0.2); // the default: steered below
    await settledQueue(lib);
    await playback.setCurrentIndex(1); // the seed and the first pick are heard
    await radio.setRadioOptions({ adventure: 0 });
    const target = upcoming(await settledQueue(lib))[0].trackId;
    await radio.radioFeedback(target, 'less');
    const queueBefore = await settledQueue(lib);
    const before = await radio.getActiveRadio();
    expect(before?.options.adventure).toBe(0);
    expect(before?.picks.map((p) => p.trackId)).not.toContain(target);

    ({ radio, playback } = (await restart()).api);
    const queueAfter = await playback.getQueue();
    expect(queueAfter.items).toEqual(queueBefore.items);
    expect(queueAfter.currentIndex).toBe(1);
    const restored = await radio.getActiveRadio();
    expect(restored).toEqual(before);
    expect(restored).toMatchObject({ radioId: started.radioId, seed: { kind: 'track', trackId: seed.id }, seedTrackIds: [seed.id], options: { count: 5, adventure: 0, artistGap: 0 } });
    expect(restored?.coverage).toEqual({ analysed: 6, total: 6 });

    // The queue runs low: the restored radio refills it by itself, still "less like" the song said so to.
    const keep = upcoming(queueAfter)[0];
    const refilled = new Promise<void>((resolve) => {
      const stop = playback.onDidEditQueue((edit) => {
        if (edit.length > 3) {
          stop();
          resolve();
        }
      });
    });
    await playback.removeFromQueue(upcoming(queueAfter).slice(1).map((i) => i.id));
    await refilled;
    const after = await settledQueue(lib);
    const added = after.items.slice(3);
    const queuedBefore = new Set([...after.items.slice(0, 2), keep].map((i) => i.trackId));
    expect(added.map((i) => i.trackId).sort()).toEqual(Object.values(lib.tracks).map((t) => t.id).filter((id) => id !== target && !queuedBefore.has(id)).sort());
    for (const item of added) {
      expect(item.origin).toMatchObject({ kind: 'radio', radioId: started.radioId });
      // The steering holds: each pick scores its likeness to the seed less half its likeness to the song said "less" to.
      const expected = chamfer(fragmentsOf(seed.id), fragmentsOf(item.trackId)) - 0.5 * directed(fragmentsOf(target), fragmentsOf(item.trackId));
      expect(Math.abs(similarityOf(item) - expected)).toBeLessThan(1e-3);
    }
    const s = added.map(similarityOf);
    expect(s).toEqual([...s].sort((a, b) => b - a)); // adventure 0: closest first
    // The banner's picks: the one heard, the one kept, the refill.
    expect((await radio.getActiveRadio())?.picks.map((p) => p.trackId)).toEqual(after.items.slice(1).map((i) => i.trackId));
  });

  it('a stopped radio, or one whose queue was replaced, does not come back (the queue does)', async () => {
    let { radio, playback } = lib.services.api;
    await radio.playSimilar({ kind: 'track', trackId: lib.tracks['noise-a'].id }, { count: 3, artistGap: 0 });
    await settledQueue(lib);
    await radio.stopRadio();
    const stoppedQueue = await playback.getQueue();
    ({ radio, playback } = (await restart()).api);
    expect(await radio.getActiveRadio()).toBeNull();
    expect((await playback.getQueue()).items).toEqual(stoppedQueue.items);

    // A queue of other songs (the radio was not stopped first): the radio has nothing of its own to go on with.
    await radio.playSimilar({ kind: 'track', trackId: lib.tracks['noise-b'].id }, { count: 3, artistGap: 0 });
    await settledQueue(lib);
    await playback.replaceQueue([lib.tracks['melody-b'].id, lib.tracks['drone-b'].id], 0);
    ({ radio } = (await restart()).api);
    expect(await radio.getActiveRadio()).toBeNull();
  });

  it('a radio whose seed song left the library while it was closed does not come back', async () => {
    const seed = lib.tracks['melody-a'];
    let { radio } = lib.services.api;
    const started = await radio.playSimilar({ kind: 'track', trackId: seed.id }, { count: 3, artistGap: 0 });
    await settledQueue(lib);
    await lib.services.dispose();
    rmSync(seed.path);
    // Opened as the app opens it: the folders are rescanned, the seed's file is found gone.
    lib.services = await openModelServices(lib.data, testModelPath(), true);
    ({ radio } = lib.services.api);
    await expect.poll(async () => (await lib.services.api.library.listTracks()).some((t) => t.id === seed.id), { timeout: 20_000 }).toBe(false);
    await expect.poll(() => radio.getActiveRadio(), { timeout: 5_000 }).toBeNull();
    // Its picks are still queued (the queue is the user's), and the radio stays gone after another start.
    expect((await lib.services.api.playback.getQueue()).items.some((i) => i.origin.kind === 'radio' && i.origin.radioId === started.radioId)).toBe(true);
    ({ radio } = (await restart()).api);
    expect(await radio.getActiveRadio()).toBeNull();
  });
});
