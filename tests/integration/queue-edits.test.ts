/**
 * Queue edits as deltas, end to end on real SQLite: a window's copy of the queue, fed only what crosses a
 * process boundary (answers and contract events, through JSON) and kept by the renderer store's rules
 * (shared/queue-edit.ts, lib/queue-math.ts), holds exactly the service's queue after every step of a long
 * random run of edits on a big queue, without refetching it; a missed event (a version gap) makes it
 * refetch once and come out right. The in-process whole-state event the radio listens to still comes
 * with every change.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlaybackService } from '../../src/shared/contract';
import type { QueueEdit, QueueItemOrigin, QueuePosition, QueueState } from '../../src/shared/domain';
import { applyQueueEdit } from '../../src/shared/queue-edit';
import type { Services } from '../../src/main/services';
import { applyPosition } from '../../src/renderer/src/lib/queue-math';
import { makeTempDir, type TempDir } from '../helpers/audio';
import { openClipLibrary, record } from '../helpers/services';

const ENTRIES = 30_000;
const STEPS = 160;

/** What a transport does to every answer and event: a window never shares objects with main. */
const wire = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** A window's copy of the queue, by the store's rules (queue-store.ts): a gap or a misfit refetches. */
class WindowCopy {
  state: QueueState = { items: [], currentIndex: -1, version: -1 };
  refetches = 0;
  private pending: Promise<void> = Promise.resolve();

  constructor(private readonly playback: PlaybackService) {}

  edit(edit: QueueEdit): void {
    this.take(applyQueueEdit(this.state, wire(edit)));
  }

  whole(state: QueueState): void {
    if (state.version >= this.state.version) this.state = wire(state);
  }

  position(position: QueuePosition): void {
    this.take(applyPosition(this.state, wire(position)));
  }

  /** Resolves once a refetch in flight has landed. */
  settled(): Promise<void> {
    return this.pending;
  }

  private take(next: QueueState | 'stale' | 'reload'): void {
    if (next === 'reload') {
      this.refetches++;
      this.pending = this.playback.getQueue().then((state) => { this.state = wire(state); });
    } else if (next !== 'stale') {
      this.state = next;
    }
  }
}

/** A small deterministic generator, so a failing step can be replayed from its seed. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('queue edits reach a window as deltas', () => {
  let tmp: TempDir;
  let services: Services;
  let trackIds: number[];
  let copy: WindowCopy;
  /** Drops the next edit event on the floor when set (a lost message). */
  let dropNextEdit = false;
  /** Events held back while set, so a command's answer can arrive before its event. */
  let late: (() => void)[] | null = null;
  const deliver = (apply: () => void) => (late ? late.push(apply) : apply());
  const editBytes: number[] = [];
  let stopEvents = (): void => {};

  beforeAll(async () => {
    tmp = makeTempDir();
    ({ services, trackIds } = await openClipLibrary(tmp));
    const p = services.api.playback;
    copy = new WindowCopy(p);
    const stops = [
      p.onDidChangeQueue((state) => deliver(() => copy.whole(state))),
      p.onDidEditQueue((edit) => {
        editBytes.push(JSON.stringify(edit).length);
        if (dropNextEdit) dropNextEdit = false;
        else deliver(() => copy.edit(edit));
      }),
      p.onDidChangeQueuePosition((position) => deliver(() => copy.position(position))),
    ];
    stopEvents = () => stops.forEach((stop) => stop());
  }, 60_000);

  afterAll(async () => {
    stopEvents();
    await services?.dispose();
    tmp?.cleanup();
  });

  it(`holds the service's queue after each of ${STEPS} random edits of a ${ENTRIES}-entry queue`, async () => {
    const p = services.api.playback;
    await p.replaceQueue(Array.from({ length: ENTRIES }, (_, i) => trackIds[i % trackIds.length]), 0);
    expect(copy.state.items).toHaveLength(ENTRIES);
    const wholeStates = record(services.playback.onDidChangeQueue);
    const radio: QueueItemOrigin = { kind: 'radio', radioId: 1, explanation: null };
    const random = prng(2024);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
    const someEntries = (n: number) => Array.from({ length: n }, () => pick(copy.state.items).id);
    const done: string[] = [];
    let editsMade = 0;
    for (let step = 0; step < STEPS; step++) {
      const { items, currentIndex } = copy.state;
      const length = items.length;
      const roll = random();
      let what: string;
      // Events are synchronous in process: on half the steps, hold them back until the answer is in.
      late = random() < 0.5 ? [] : null;
      // The window's own commands: the answer and the event both arrive (either first); each applies once ...
      if (roll < 0.15) {
        what = 'enqueue next';
        copy.edit(await p.enqueue([pick(trackIds), pick(trackIds)], 'next'));
      } else if (roll < 0.3) {
        what = 'enqueue end';
        copy.edit(await p.enqueue([pick(trackIds)], 'end'));
      } else if (roll < 0.45 && length > 0) {
        what = 'remove some';
        copy.edit(await p.removeFromQueue(someEntries(1 + Math.floor(random() * 5))));
      } else if (roll < 0.5 && length > 0) {
        what = 'remove the playing one';
        copy.edit(await p.removeFromQueue([items[Math.max(0, currentIndex)].id]));
      } else if (roll < 0.65 && length > 1) {
        what = 'move';
        copy.edit(await p.moveInQueue(pick(items).id, Math.floor(random() * length)));
      } else if (roll < 0.72 && length > 0) {
        what = 'track change';
        copy.position(await p.setCurrentIndex(Math.floor(random() * length)));
        editsMade--; // a position, not an edit
      } else if (roll < 0.74) {
        what = 'clear';
        copy.whole(await p.clearQueue());
      // ... and main-side edits a window only hears of: a radio adding picks, dropping them, undoing a block.
      } else if (roll < 0.84) {
        what = 'radio adds picks';
        await services.playback.enqueueWith(Array.from({ length: 1 + Math.floor(random() * 20) }, () => ({ trackId: pick(trackIds), origin: radio })));
      } else if (roll < 0.92 && length > 0) {
        what = 'radio drops picks';
        const at = Math.floor(random() * length);
        await services.playback.removeFromQueue(items.slice(at, at + 1 + Math.floor(random() * 30)).map((i) => i.id));
      } else if (length > 0) {
        what = 'undo a block puts picks back';
        const after = pick(items).id;
        await services.playback.placeBackWith([{ itemId: -1, trackId: pick(trackIds), origin: radio, afterItemId: after }, { itemId: -2, trackId: pick(trackIds), origin: radio, afterItemId: -1 }]);
      } else {
        what = 'enqueue end (empty queue)';
        copy.edit(await p.enqueue(trackIds, 'end'));
      }
      const heldBack = late ?? [];
      late = null;
      heldBack.forEach((apply) => apply());
      editsMade++;
      done.push(what);
      const truth = await p.getQueue();
      const mine = copy.state;
      // Cheap checks first, so a failure names the step instead of diffing 30k entries.
      expect({ step, what, length: mine.items.length, currentIndex: mine.currentIndex, version: mine.version })
        .toEqual({ step, what, length: truth.items.length, currentIndex: truth.currentIndex, version: truth.version });
      expect(mine.items).toEqual(truth.items);
    }
    wholeStates.stop();
    expect(copy.refetches).toBe(0);
    expect(new Set(done).size).toBeGreaterThanOrEqual(9);
    // The radio's in-process listener still gets the whole state with every edit.
    expect(wholeStates.payloads).toHaveLength(editsMade);
    expect(wholeStates.payloads.at(-1)?.items).toEqual(copy.state.items);
    // Edits stay small: the whole queue here is ~1.5 MB of JSON.
    expect(Math.max(...editBytes)).toBeLessThan(20_000);
  }, 300_000);

  it('refetches once after a missed edit (a version gap), then follows edits again', async () => {
    const p = services.api.playback;
    copy.edit(await p.enqueue([trackIds[0]], 'end')); // a non-empty queue whatever the random run left
    dropNextEdit = true;
    await services.playback.enqueueWith([{ trackId: trackIds[1], origin: { kind: 'user' } }]);
    expect(copy.state.items.length).toBe((await p.getQueue()).items.length - 1); // missed it: one entry short
    await services.playback.removeFromQueue([copy.state.items[0].id]); // names a version the copy lacks
    expect(copy.refetches).toBe(1);
    await copy.settled();
    expect(copy.state).toEqual(await p.getQueue());
    copy.edit(await p.moveInQueue(copy.state.items[0].id, copy.state.items.length - 1));
    expect(copy.refetches).toBe(1); // no further refetch: the move applied as an edit
    expect(copy.state).toEqual(await p.getQueue());
  });

  it('a folder removal dropping queued songs arrives as an edit', async () => {
    const p = services.api.playback;
    await p.replaceQueue(Array.from({ length: 3000 }, (_, i) => trackIds[i % trackIds.length]), 0);
    const edits = record(p.onDidEditQueue);
    rmSync(tmp.at('music', 'b.wav'));
    await services.api.library.rescan();
    edits.stop();
    const truth = await p.getQueue();
    expect(truth.items).toHaveLength(2000);
    expect(edits.payloads.at(-1)).toMatchObject({ length: 2000, ops: [{ kind: 'removeEntries' }] });
    expect(copy.state).toEqual(truth);
    expect(copy.refetches).toBe(1);
  });
});
