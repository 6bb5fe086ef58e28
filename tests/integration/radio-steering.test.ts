/**
 * Steering a playing radio (real model, real index worker, real SQLite): the adventure setting and
 * "less like this" choose the unplayed picks again at once (the ones heard stay), and a block of an
 * artist can be undone with its picks put back where they stood. Scores are checked by hand against the
 * stored fragment vectors (a small library is compared in the model's own space).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueItem, QueueState } from '../../src/shared/domain';
import { changedPicks } from '../../src/main/radio/steer';
import { analysedLibrary, dot, readFragments, settledQueue, type AnalysedLibrary, type StoredFragmentRow } from '../helpers/analysis-db';
import { ensureBuilt, hasTestModel, testModelPath } from '../helpers/model';
import { expectCode } from '../helpers/services';
import { STYLE_CLIPS } from '../helpers/styles';

/** Mean over `from`'s moments of the best match among `to`'s: how much of `from` is found in `to`. */
function directed(from: StoredFragmentRow[], to: StoredFragmentRow[]): number {
  return from.reduce((sum, f) => sum + Math.max(...to.map((t) => dot(f.vector, t.vector))), 0) / from.length;
}
const chamfer = (a: StoredFragmentRow[], b: StoredFragmentRow[]) => 0.5 * (directed(a, b) + directed(b, a));

const upcoming = (q: QueueState): QueueItem[] => q.items.slice(q.currentIndex + 1);
const similarityOf = (item: QueueItem): number => (item.origin.kind === 'radio' ? item.origin.explanation?.songSimilarity ?? NaN : NaN);

describe.skipIf(!hasTestModel())(`steering a playing radio (skipped when the sound model is missing: ${testModelPath()})`, () => {
  let lib: AnalysedLibrary;
  let fragments: StoredFragmentRow[];
  const fragmentsOf = (trackId: number) => fragments.filter((f) => f.trackId === trackId);

  beforeAll(async () => {
    await ensureBuilt();
    lib = await analysedLibrary();
    fragments = readFragments(lib.services.paths.database);
  });

  afterAll(async () => {
    await lib?.dispose();
  });

  it('the adventure setting re-ranks only the unplayed picks, at once, and says how many changed', async () => {
    const { radio, playback } = lib.services.api;
    const seed = lib.tracks['drone-a'];
    const session = await radio.playSimilar({ kind: 'track', trackId: seed.id }, { count: 5, artistGap: 0, adventure: 1 });
    await settledQueue(lib);
    await playback.setCurrentIndex(1); // the seed and the first pick are heard
    const before = await settledQueue(lib);
    const heard = before.items.slice(0, 2);

    const steer = await radio.setRadioOptions({ adventure: 0 });
    const after = await settledQueue(lib);
    expect(steer.session?.options).toEqual({ ...session.options, adventure: 0 });
    expect(after.items.slice(0, 2)).toEqual(heard);
    expect(after.currentIndex).toBe(1);
    // Every other song, once, chosen again closest first (adventure 0, no artist gap).
    const next = upcoming(after);
    expect(next.map((i) => i.trackId).sort()).toEqual(Object.values(lib.tracks).map((t) => t.id).filter((id) => !heard.some((h) => h.trackId === id)).sort());
    const s = next.map(similarityOf);
    expect(s).toEqual([...s].sort((a, b) => b - a));
    for (const item of next) {
      expect(item.origin).toMatchObject({ kind: 'radio', radioId: session.radioId });
      expect(Math.abs(similarityOf(item) - chamfer(fragmentsOf(seed.id), fragmentsOf(item.trackId)))).toBeLessThan(1e-3);
    }
    expect(steer.upcoming).toBe(next.length);
    expect(steer.changed).toBe(changedPicks(upcoming(before).map((i) => i.trackId), next.map((i) => i.trackId)));
    expect((await radio.getActiveRadio())?.options.adventure).toBe(0);

    // The same setting again changes nothing.
    expect((await radio.setRadioOptions({ adventure: 0 })).changed).toBe(0);
    expect(upcoming(await settledQueue(lib)).map((i) => i.trackId)).toEqual(next.map((i) => i.trackId));
  });

  it('refuses options that are not options, and steering when no radio plays', async () => {
    const { radio } = lib.services.api;
    await radio.playSimilar({ kind: 'track', trackId: lib.tracks['melody-a'].id }, { count: 3, artistGap: 0 });
    await settledQueue(lib);
    for (const bad of [null, 'varied', [0.5], { adventure: 2 }, { adventure: '0.5' }, { count: 0 }]) {
      await expectCode(radio.setRadioOptions(bad as never), 'INVALID_ARGUMENT');
    }
    expect((await radio.getActiveRadio())?.options.adventure).toBe(0.2);
    await radio.stopRadio();
    await expectCode(radio.setRadioOptions({ adventure: 0 }), 'INVALID_ARGUMENT');
  });

  it("'less like this' chooses the unplayed picks again, away from that song, and says how many changed", async () => {
    const { radio, playback } = lib.services.api;
    const seed = lib.tracks['drone-a'];
    await radio.playSimilar({ kind: 'track', trackId: seed.id }, { count: 5, artistGap: 0, adventure: 0 });
    const before = await settledQueue(lib);
    const beforeIds = upcoming(before).map((i) => i.trackId);
    expect(beforeIds).toHaveLength(STYLE_CLIPS.length - 1);
    const target = beforeIds[0];
    const penalty = (id: number) => directed(fragmentsOf(target), fragmentsOf(id));

    const steer = await radio.radioFeedback(target, 'less');
    const after = await settledQueue(lib);
    const afterIds = upcoming(after).map((i) => i.trackId);
    expect(after.items[0].trackId).toBe(seed.id);
    expect(afterIds).not.toContain(target);
    expect(afterIds.sort()).toEqual(beforeIds.filter((id) => id !== target).sort());
    // Each pick now scores its likeness to the seed less half its likeness to the song said "less" to.
    const next = upcoming(after);
    for (const item of next) {
      const expected = chamfer(fragmentsOf(seed.id), fragmentsOf(item.trackId)) - 0.5 * penalty(item.trackId);
      expect(Math.abs(similarityOf(item) - expected)).toBeLessThan(1e-3);
    }
    const s = next.map(similarityOf);
    expect(s).toEqual([...s].sort((a, b) => b - a));
    // The song most like it can only have moved back (every other song lost less).
    const mostAlike = [...afterIds].sort((a, b) => penalty(b) - penalty(a))[0];
    const remaining = beforeIds.filter((id) => id !== target);
    expect(next.findIndex((i) => i.trackId === mostAlike)).toBeGreaterThanOrEqual(remaining.indexOf(mostAlike));
    expect(steer.changed).toBe(changedPicks(beforeIds, next.map((i) => i.trackId), new Set([target])));
    expect(steer.upcoming).toBe(next.length);
    expect(steer.session?.picks.map((p) => p.trackId)).not.toContain(target);
    await expectCode(radio.radioFeedback(-1, 'less'), 'UNKNOWN_TRACK');
    // A skip is only noted: nothing is chosen again.
    const skip = await radio.radioFeedback(next[0].trackId, 'skip');
    expect(skip.changed).toBe(0);
    expect(upcoming(await playback.getQueue()).map((i) => i.trackId)).toEqual(next.map((i) => i.trackId));
  });

  it('undoing a block lets the artist back in and puts its picks back where they stood', async () => {
    const { radio, playback } = lib.services.api;
    const seed = lib.tracks['drone-a'];
    await radio.playSimilar({ kind: 'track', trackId: seed.id }, { count: 5, artistGap: 0 });
    const before = await settledQueue(lib);
    const artist = lib.tracks['noise-a'].artist as string; // two songs: noise-a and noise-b
    const theirs = before.items.filter((i) => lib.clipOf.get(i.trackId)?.artist === artist);
    expect(theirs).toHaveLength(2);

    await radio.setArtistBlocked(artist, true);
    const blocked = await settledQueue(lib);
    expect(blocked.items.map((i) => i.trackId)).toEqual(before.items.map((i) => i.trackId).filter((id) => !theirs.some((t) => t.trackId === id)));

    const undone = await radio.undoBlockArtist(artist.toLowerCase());
    expect(undone).toEqual({ blocked: [], restored: 2 });
    const after = await settledQueue(lib);
    // The same songs in the same order, with the same explanations (the entries are new ones).
    expect(after.items.map((i) => ({ trackId: i.trackId, origin: i.origin }))).toEqual(before.items.map((i) => ({ trackId: i.trackId, origin: i.origin })));
    expect(after.currentIndex).toBe(before.currentIndex);

    // Undo again, or after the radio stopped: the artist is let back in, nothing is put back.
    expect(await radio.undoBlockArtist(artist)).toEqual({ blocked: [], restored: 0 });
    await radio.setArtistBlocked(artist, true);
    await radio.stopRadio();
    expect(await radio.undoBlockArtist(artist)).toEqual({ blocked: [], restored: 0 });
    expect((await playback.getQueue()).items.filter((i) => lib.clipOf.get(i.trackId)?.artist === artist)).toEqual([]);
    await expectCode(radio.undoBlockArtist(42 as never), 'INVALID_ARGUMENT');
    await expectCode(radio.undoBlockArtist('  '), 'INVALID_ARGUMENT');
  });
});
