import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { QueuePosition, QueueState } from '../../../shared/domain';
import { SoundlikeError } from '../../../shared/errors';

const playback = {
  getQueue: vi.fn<() => Promise<QueueState>>(),
  setCurrentIndex: vi.fn<(index: number) => Promise<QueuePosition>>(),
};
vi.mock('../api', () => ({ api: { playback }, asSoundlikeError: (e: unknown) => SoundlikeError.from(e) }));

const { applyQueue, applyQueueChange, applyQueuePosition, setCurrentIndex, useQueueStore } = await import('./queue-store');

const ENTRIES = 200_000;
const big = (version: number, currentIndex = 0): QueueState => ({
  items: Array.from({ length: ENTRIES }, (_, i) => ({ id: i + 1, trackId: (i % 7) + 1, origin: { kind: 'user' as const } })),
  currentIndex,
  version,
});
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  vi.clearAllMocks();
  useQueueStore.setState({ items: [], currentIndex: -1, version: -1 }, true);
});

describe('queue store: track changes', () => {
  it('applies a position event onto a 200k-entry queue without touching its items', () => {
    const queue = big(3);
    applyQueue(queue);
    applyQueuePosition({ currentIndex: ENTRIES - 1, itemId: ENTRIES, version: 4 });
    const state = useQueueStore.getState();
    expect(state.currentIndex).toBe(ENTRIES - 1);
    expect(state.version).toBe(4);
    expect(state.items).toBe(queue.items);
    // An older position (an answer overtaken by a newer event) changes nothing.
    applyQueuePosition({ currentIndex: 5, itemId: 6, version: 2 });
    expect(useQueueStore.getState().currentIndex).toBe(ENTRIES - 1);
  });

  it('refetches the queue when a position names an entry it does not hold', async () => {
    applyQueue(big(3));
    playback.getQueue.mockResolvedValue(big(9, 7));
    applyQueuePosition({ currentIndex: 7, itemId: 424242, version: 9 });
    await flush();
    expect(playback.getQueue).toHaveBeenCalledTimes(1);
    expect(useQueueStore.getState()).toMatchObject({ currentIndex: 7, version: 9 });
  });

  it("setCurrentIndex moves at once, then takes main's answer; a refusal restores main's queue", async () => {
    applyQueue(big(3));
    playback.setCurrentIndex.mockResolvedValue({ currentIndex: 2, itemId: 3, version: 4 });
    const moving = setCurrentIndex(2, false);
    expect(useQueueStore.getState().currentIndex).toBe(2);
    await moving;
    expect(useQueueStore.getState()).toMatchObject({ currentIndex: 2, version: 4 });

    playback.setCurrentIndex.mockRejectedValue(new SoundlikeError('INVALID_ARGUMENT', 'Queue position 5 does not exist.'));
    playback.getQueue.mockResolvedValue(big(5, 2));
    await setCurrentIndex(5, false);
    expect(useQueueStore.getState()).toMatchObject({ currentIndex: 2, version: 5 });
  });
});

describe('queue store: edits', () => {
  it('applies an edit onto a 200k-entry queue once, whether the answer or the event comes first', () => {
    applyQueue(big(3));
    const added = { id: ENTRIES + 1, trackId: 2, origin: { kind: 'user' as const } };
    const edit = { baseVersion: 3, version: 4, ops: [{ kind: 'insert' as const, index: ENTRIES, items: [added] }, { kind: 'remove' as const, index: 0, count: 1 }], currentIndex: 0, length: ENTRIES };
    applyQueueChange(edit);
    applyQueueChange(edit); // the same edit again (its answer after its event): nothing changes
    const state = useQueueStore.getState();
    expect(state.items).toHaveLength(ENTRIES);
    expect(state.items[0].id).toBe(2);
    expect(state.items.at(-1)).toEqual(added);
    expect(state).toMatchObject({ currentIndex: 0, version: 4 });
    expect(playback.getQueue).not.toHaveBeenCalled();
  });

  it('refetches the queue after a version gap (a missed edit) instead of applying onto the wrong copy', async () => {
    applyQueue(big(3));
    playback.getQueue.mockResolvedValue(big(6, 1));
    applyQueueChange({ baseVersion: 5, version: 6, ops: [{ kind: 'remove', index: 0, count: 1 }], currentIndex: 0, length: ENTRIES - 1 });
    expect(useQueueStore.getState().version).toBe(3);
    await flush();
    expect(playback.getQueue).toHaveBeenCalledTimes(1);
    expect(useQueueStore.getState()).toMatchObject({ currentIndex: 1, version: 6 });
    expect(useQueueStore.getState().items).toHaveLength(ENTRIES);
  });
});
