/**
 * The play queue on real SQLite: the current entry stays the current entry through every edit, the
 * queue survives a restart, and bad arguments are refused with INVALID_ARGUMENT.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../src/main/services';
import type { QueueEdit, QueueState } from '../../src/shared/domain';
import { applyQueueEdit } from '../../src/shared/queue-edit';
import { makeClip, makeTempDir, type TempDir } from '../helpers/audio';
import { expectCode, openServices, record, waitFor } from '../helpers/services';

const current = (q: QueueState) => q.items[q.currentIndex];

describe('playback queue', () => {
  let tmp: TempDir;
  let services: Services;
  /** Track ids by name: a..f. */
  const id: Record<string, number> = {};

  beforeAll(async () => {
    tmp = makeTempDir();
    const names = ['a', 'b', 'c', 'd', 'e', 'f'];
    for (let i = 0; i < names.length; i += 2) {
      await Promise.all(names.slice(i, i + 2).map((n, j) => makeClip(tmp.at('music', `${n}.wav`), { format: 'wav', seconds: 1, frequency: 200 + 50 * (i + j) })));
    }
    services = await openServices(tmp.at('data'));
    await services.api.library.addFolderAndScan(tmp.at('music'));
    for (const track of await services.api.library.listTracks()) id[track.title] = track.id;
  });

  afterAll(async () => {
    await services?.dispose();
    tmp?.cleanup();
  });

  /** Runs an edit and checks its answer, applied onto the queue before it, is the queue after it; returns that. */
  async function edited(call: () => Promise<QueueEdit>): Promise<QueueState> {
    const before = await services.api.playback.getQueue();
    const edit = await call();
    const after = await services.api.playback.getQueue();
    expect(applyQueueEdit(before, edit)).toEqual(after);
    return after;
  }

  const trackIds = (q: QueueState) => q.items.map((item) => Object.keys(id).find((k) => id[k] === item.trackId));

  it('starts empty', async () => {
    expect(await services.api.playback.getQueue()).toMatchObject({ items: [], currentIndex: -1 });
  });

  it('replaceQueue sets the items and the start index, and announces the new state', async () => {
    const announced = waitFor(services.api.playback.onDidChangeQueue);
    const q = await services.api.playback.replaceQueue([id.a, id.b, id.c, id.d], 1);
    expect(trackIds(q)).toEqual(['a', 'b', 'c', 'd']);
    expect(q.currentIndex).toBe(1);
    expect(await announced).toEqual(q);
    expect(new Set(q.items.map((i) => i.id)).size).toBe(4);
  });

  it('enqueue next puts tracks right after the current one; current stays', async () => {
    const q = await edited(() => services.api.playback.enqueue([id.e, id.f], 'next'));
    expect(trackIds(q)).toEqual(['a', 'b', 'e', 'f', 'c', 'd']);
    expect(trackIds({ ...q, items: [current(q)] })).toEqual(['b']);
  });

  it('enqueue end appends (the same track may be queued twice, as a distinct entry)', async () => {
    const before = await services.api.playback.getQueue();
    const q = await edited(() => services.api.playback.enqueue([id.a], 'end'));
    expect(trackIds(q)).toEqual(['a', 'b', 'e', 'f', 'c', 'd', 'a']);
    expect(q.items[6].id).not.toBe(q.items[0].id);
    expect(current(q)).toEqual(current(before));
  });

  it('removing an entry before the current one keeps the same entry current', async () => {
    const before = await services.api.playback.getQueue();
    const q = await edited(() => services.api.playback.removeFromQueue([before.items[0].id]));
    expect(trackIds(q)).toEqual(['b', 'e', 'f', 'c', 'd', 'a']);
    expect(q.currentIndex).toBe(0);
    expect(current(q)).toEqual(current(before));
  });

  it('removing the current entry makes the one that followed it current', async () => {
    const before = await services.api.playback.getQueue();
    const q = await edited(() => services.api.playback.removeFromQueue([current(before).id]));
    expect(trackIds(q)).toEqual(['e', 'f', 'c', 'd', 'a']);
    expect(current(q)).toEqual(before.items[before.currentIndex + 1]);
  });

  it('moving the current entry moves the current index with it', async () => {
    const before = await services.api.playback.getQueue();
    const playing = current(before);
    const q = await edited(() => services.api.playback.moveInQueue(playing.id, 3));
    expect(q.currentIndex).toBe(3);
    expect(current(q)).toEqual(playing);
    expect(trackIds(q)).toEqual(['f', 'c', 'd', 'e', 'a']);
  });

  it('moving another entry across the current one keeps the same entry current', async () => {
    const before = await services.api.playback.getQueue();
    const q = await edited(() => services.api.playback.moveInQueue(before.items[4].id, 0));
    expect(trackIds(q)).toEqual(['a', 'f', 'c', 'd', 'e']);
    expect(current(q)).toEqual(current(before));
    expect(q.currentIndex).toBe(4);
  });

  it('setCurrentIndex moves playback; removing the last current entry leaves a valid index', async () => {
    const position = await services.api.playback.setCurrentIndex(4);
    const q = await edited(() => services.api.playback.removeFromQueue([position.itemId as number]));
    expect(q.items).toHaveLength(4);
    expect(q.currentIndex).toBe(3);
  });

  it('a track change answers and announces only the position, not the queue', async () => {
    const p = services.api.playback;
    const before = await p.getQueue();
    const queues = record(p.onDidChangeQueue);
    const positions = record(p.onDidChangeQueuePosition);
    const answer = await p.setCurrentIndex(1);
    queues.stop();
    positions.stop();
    expect(answer).toEqual({ currentIndex: 1, itemId: before.items[1].id, version: answer.version });
    expect(answer.version).toBeGreaterThan(before.version);
    expect(positions.payloads).toEqual([answer]);
    expect(queues.payloads).toEqual([]);
    const after = await p.getQueue();
    expect(after.items).toEqual(before.items);
    expect(after.currentIndex).toBe(1);
    // Nothing current: null entry.
    expect(await p.setCurrentIndex(-1)).toMatchObject({ currentIndex: -1, itemId: null });
    expect((await p.getQueue()).currentIndex).toBe(-1);
    await p.setCurrentIndex(3);
  });

  it('persists the queue and its current entry across a restart on the same data folder', async () => {
    const before = await services.api.playback.getQueue();
    await services.dispose();
    services = await openServices(tmp.at('data'));
    const after = await services.api.playback.getQueue();
    expect(after.items).toEqual(before.items);
    expect(after.currentIndex).toBe(before.currentIndex);
  });

  it('rejects invalid arguments with INVALID_ARGUMENT', async () => {
    const p = services.api.playback;
    const loose = p as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
    await expectCode(loose.replaceQueue(['x'], 0), 'INVALID_ARGUMENT');
    await expectCode(loose.replaceQueue('nope', 0), 'INVALID_ARGUMENT');
    await expectCode(loose.enqueue([1.5], 'end'), 'INVALID_ARGUMENT');
    await expectCode(loose.removeFromQueue(null), 'INVALID_ARGUMENT');
    await expectCode(p.setCurrentIndex(99), 'INVALID_ARGUMENT');
    await expectCode(p.setCurrentIndex(-2), 'INVALID_ARGUMENT');
    await expectCode(p.setCurrentIndex(0.5), 'INVALID_ARGUMENT');
    await expectCode(p.moveInQueue(424242, 0), 'INVALID_ARGUMENT');
    await expectCode(loose.recordPlay({ trackId: 'x', listenedSec: 1, completed: true }), 'INVALID_ARGUMENT');
    await expectCode(loose.recordPlay({ trackId: id.a, listenedSec: -1, completed: true }), 'INVALID_ARGUMENT');
    await expectCode(p.replaceQueue([987654], 0), 'UNKNOWN_TRACK');
  });

  it('rejects an unknown enqueue position and a non-numeric target index instead of guessing', async () => {
    const loose = services.api.playback as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
    const before = await services.api.playback.getQueue();
    await expectCode(loose.enqueue([id.a], 'middle'), 'INVALID_ARGUMENT');
    await expectCode(loose.moveInQueue(before.items[0].id, 'last'), 'INVALID_ARGUMENT');
    expect((await services.api.playback.getQueue()).items).toEqual(before.items);
  });

  it('clearQueue empties it', async () => {
    expect(await services.api.playback.clearQueue()).toMatchObject({ items: [], currentIndex: -1 });
  });

  it('keeps the playing entry current when a track before it leaves the library', async () => {
    let q = await services.api.playback.replaceQueue([id.a, id.b, id.c], 1);
    expect(trackIds({ ...q, items: [current(q)] })).toEqual(['b']);
    rmSync(tmp.at('music', 'a.wav'));
    const summary = await services.api.library.rescan();
    expect(summary.removed).toBe(1);
    q = await services.api.playback.getQueue();
    expect(trackIds(q)).toEqual(['b', 'c']);
    expect(trackIds({ ...q, items: [current(q)] })).toEqual(['b']);
  });

  it('when the playing entry\'s own track leaves the library, the entry after it becomes current', async () => {
    await makeClip(tmp.at('music', 'g.wav'), { format: 'wav', seconds: 1, frequency: 900 });
    await makeClip(tmp.at('music', 'h.wav'), { format: 'wav', seconds: 1, frequency: 950 });
    await services.api.library.rescan();
    for (const track of await services.api.library.listTracks()) id[track.title] = track.id;
    let q = await services.api.playback.replaceQueue([id.c, id.g, id.h], 1);
    rmSync(tmp.at('music', 'g.wav'));
    await services.api.library.rescan();
    q = await services.api.playback.getQueue();
    expect(trackIds(q)).toEqual(['c', 'h']);
    expect(trackIds({ ...q, items: [current(q)] })).toEqual(['h']);
  });

  it('announces what left the queue when tracks in it leave the library', async () => {
    const before = await services.api.playback.replaceQueue([id.c, id.h], 0);
    const announced = waitFor(services.api.playback.onDidEditQueue, (e) => e.length === 1, 5000, 'onDidEditQueue after a queued track was removed');
    rmSync(tmp.at('music', 'h.wav'));
    await services.api.library.rescan();
    const edit = await announced;
    expect(edit.ops).toEqual([{ kind: 'remove', index: 1, count: 1 }]);
    const q = await services.api.playback.getQueue();
    expect(applyQueueEdit(before, edit)).toEqual(q);
    expect(trackIds(q)).toEqual(['c']);
  });

  it('never reuses an entry id, even for a new queue (players key the playing entry by id)', async () => {
    const [x] = (await services.api.library.listTracks()).map((t) => t.id);
    const first = await services.api.playback.replaceQueue([x, x], 0);
    const second = await services.api.playback.replaceQueue([x, x], 0);
    const firstIds = new Set(first.items.map((i) => i.id));
    expect(second.items.some((i) => firstIds.has(i.id))).toBe(false);
    const third = await edited(() => services.api.playback.enqueue([x], 'end'));
    expect(new Set(third.items.map((i) => i.id)).size).toBe(third.items.length);
  });
});
