/**
 * The play queue at the size of a whole library (200k entries) on real SQLite: a track change writes
 * O(1) rows and announces a message of a few dozen bytes, and every edit of such a queue still works
 * (no argument spread of the queue, which overflowed near 125k entries).
 */
import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../src/main/services';
import type { QueueEdit, QueueState } from '../../src/shared/domain';
import { applyQueueEdit } from '../../src/shared/queue-edit';
import { makeTempDir, type TempDir } from '../helpers/audio';
import { openClipLibrary, openServices, record } from '../helpers/services';

const ENTRIES = 200_000;

/** Counts the rows any connection writes to queue_items, with triggers in the database itself. */
function countQueueWrites(file: string): { rows: () => number; close: () => void } {
  const db = new Database(file);
  db.exec(`
    CREATE TABLE test_queue_writes(n INTEGER NOT NULL);
    INSERT INTO test_queue_writes VALUES (0);
    CREATE TRIGGER test_queue_ins AFTER INSERT ON queue_items BEGIN UPDATE test_queue_writes SET n = n + 1; END;
    CREATE TRIGGER test_queue_upd AFTER UPDATE ON queue_items BEGIN UPDATE test_queue_writes SET n = n + 1; END;
    CREATE TRIGGER test_queue_del AFTER DELETE ON queue_items BEGIN UPDATE test_queue_writes SET n = n + 1; END;
  `);
  return {
    rows: () => (db.prepare('SELECT n FROM test_queue_writes').get() as { n: number }).n,
    close: () => {
      db.exec('DROP TRIGGER test_queue_ins; DROP TRIGGER test_queue_upd; DROP TRIGGER test_queue_del; DROP TABLE test_queue_writes;');
      db.close();
    },
  };
}

describe(`a queue of ${ENTRIES} entries`, () => {
  let tmp: TempDir;
  let services: Services;
  let trackIds: number[];

  beforeAll(async () => {
    tmp = makeTempDir();
    ({ services, trackIds } = await openClipLibrary(tmp));
  }, 60_000);

  afterAll(async () => {
    await services?.dispose();
    tmp?.cleanup();
  });

  it('is written once, then every track change writes O(1) rows and announces a small position', async () => {
    const p = services.api.playback;
    const ids = Array.from({ length: ENTRIES }, (_, i) => trackIds[i % trackIds.length]);
    const q = await p.replaceQueue(ids, 0);
    expect(q.items).toHaveLength(ENTRIES);
    expect(q.currentIndex).toBe(0);

    const writes = countQueueWrites(services.db.file);
    const queues = record(p.onDidChangeQueue);
    const positions = record(p.onDidChangeQueuePosition);
    const times: number[] = [];
    try {
      for (const index of [1, 2, ENTRIES - 1, ENTRIES / 2, 0, ENTRIES - 2]) {
        const started = performance.now();
        const position = await p.setCurrentIndex(index);
        times.push(performance.now() - started);
        expect(position).toMatchObject({ currentIndex: index, itemId: q.items[index].id });
      }
      expect(writes.rows()).toBe(0); // the current entry lives in kv: not one queue row is touched
    } finally {
      writes.close();
      queues.stop();
      positions.stop();
    }
    expect(queues.payloads).toEqual([]);
    expect(positions.payloads).toHaveLength(6);
    for (const payload of positions.payloads) expect(JSON.stringify(payload).length).toBeLessThan(100);
    // Generous for a loaded machine; the whole-queue rewrite this replaced took 0.6-0.9 s at 50k.
    expect(times.sort((x, y) => x - y)[3]).toBeLessThan(50);
    const after = await p.getQueue();
    expect(after.currentIndex).toBe(ENTRIES - 2);
    expect(after.items[ENTRIES - 2].id).toBe(q.items[ENTRIES - 2].id);
  }, 120_000);

  it('takes appends, inserts, moves and removals, and keeps the playing entry', async () => {
    const p = services.api.playback;
    const playing = (await p.getQueue()).items[ENTRIES - 2];
    /** The edit's answer, applied onto the queue before it, is the queue after it (and stays small). */
    const edited = async (call: () => Promise<QueueEdit>, maxBytes: number): Promise<QueueState> => {
      const before = await p.getQueue();
      const edit = await call();
      expect(JSON.stringify(edit).length).toBeLessThan(maxBytes);
      const after = await p.getQueue();
      expect(applyQueueEdit(before, edit)).toEqual(after);
      return after;
    };
    const writes = countQueueWrites(services.db.file);
    let q: QueueState;
    try {
      q = await edited(() => p.enqueue([trackIds[0], trackIds[1]], 'end'), 300);
      expect(writes.rows()).toBe(2); // appending writes only the new rows
    } finally {
      writes.close();
    }
    expect(q.items).toHaveLength(ENTRIES + 2);
    expect(new Set(q.items.map((i) => i.id)).size).toBe(ENTRIES + 2);
    q = await edited(() => p.enqueue([trackIds[2]], 'next'), 300);
    expect(q.items[ENTRIES - 1].trackId).toBe(trackIds[2]);
    expect(q.items[q.currentIndex]).toEqual(playing);
    q = await edited(() => p.moveInQueue(playing.id, 0), 300);
    expect(q.currentIndex).toBe(0);
    q = await edited(() => p.removeFromQueue(q.items.slice(1, 1001).map((i) => i.id)), 300); // one range
    expect(q.items).toHaveLength(ENTRIES + 3 - 1000);
    expect(q.items[q.currentIndex]).toEqual(playing);
  }, 120_000);

  it('survives a restart, and a track leaving the library takes its entries out of the queue', async () => {
    const before = await services.api.playback.getQueue();
    await services.dispose();
    services = await openServices(tmp.at('data'));
    const reopened = await services.api.playback.getQueue();
    expect(reopened.items).toEqual(before.items);
    expect(reopened.currentIndex).toBe(before.currentIndex);

    const gone = trackIds[1];
    rmSync(tmp.at('music', 'b.wav'));
    const announced = record(services.api.playback.onDidEditQueue);
    await services.api.library.rescan();
    announced.stop();
    const q = await services.api.playback.getQueue();
    expect(q.items.some((i) => i.trackId === gone)).toBe(false);
    expect(q.items.length).toBe(before.items.filter((i) => i.trackId !== gone).length);
    // Announced as the entries taken out (~67k ranges of one), not the remaining 133k entries.
    expect(announced.payloads.at(-1)?.length).toBe(q.items.length);
    expect(applyQueueEdit(reopened, announced.payloads[0])).toEqual(q);
    expect(JSON.stringify(announced.payloads[0]).length).toBeLessThan(JSON.stringify(q).length / 5);
    // A track change after the cascade left gaps in the stored positions still lands on the right entry.
    const last = q.items.length - 1;
    expect(await services.api.playback.setCurrentIndex(last)).toMatchObject({ currentIndex: last, itemId: q.items[last].id });
  }, 120_000);
});
