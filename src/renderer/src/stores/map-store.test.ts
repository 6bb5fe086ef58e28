import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SonicMap } from '../../../shared/domain';
import { SoundlikeError } from '../../../shared/errors';

const radio = { getSonicMap: vi.fn<() => Promise<SonicMap>>() };
vi.mock('../api', () => ({ api: { radio }, asSoundlikeError: (e: unknown) => SoundlikeError.from(e) }));

const { loadMap, scheduleMapRefresh, useMapStore } = await import('./map-store');

const map = (n: number): SonicMap => ({
  points: Array.from({ length: n }, (_, i) => ({ trackId: i + 1, x: i / n, y: -i / n, tag: i % 2 ? 'family:rock' : null })),
  method: 'pca', explainedVariance: 0.5, colourGroup: 'family', colourClasses: ['family:jazz', 'family:rock'],
});

beforeEach(() => {
  vi.clearAllMocks();
  useMapStore.setState({ status: { kind: 'idle' } });
});

describe('map store', () => {
  it('is ready with the colours, grid and index worked out', async () => {
    radio.getSonicMap.mockResolvedValue(map(4));
    await loadMap();
    const { status } = useMapStore.getState();
    if (status.kind !== 'ready') throw new Error(status.kind);
    expect(status.model.indexOf.get(3)).toBe(2);
    expect(status.model.grid.xs).toHaveLength(4);
    expect(status.model.colouring.legend.map((l) => l.label)).toEqual(['rock', 'no tag']);
  });

  it('says what is needed: the model, or analysed songs', async () => {
    radio.getSonicMap.mockRejectedValueOnce(new SoundlikeError('MODEL_UNAVAILABLE', 'The sound model is missing.', 'Reinstall.'));
    await loadMap();
    expect(useMapStore.getState().status).toEqual({ kind: 'unavailable', needs: 'model', message: 'The sound model is missing.', hint: 'Reinstall.' });
    radio.getSonicMap.mockResolvedValueOnce(map(0));
    await loadMap();
    expect(useMapStore.getState().status).toMatchObject({ kind: 'unavailable', needs: 'analysis' });
    radio.getSonicMap.mockRejectedValueOnce(new Error('boom'));
    await loadMap();
    expect(useMapStore.getState().status).toMatchObject({ kind: 'error', message: 'boom' });
  });

  it('refetches once after a burst of finished analysis runs, and only once looked at', async () => {
    vi.useFakeTimers();
    try {
      scheduleMapRefresh();
      await vi.advanceTimersByTimeAsync(5000);
      expect(radio.getSonicMap).not.toHaveBeenCalled();
      radio.getSonicMap.mockResolvedValue(map(2));
      await loadMap();
      scheduleMapRefresh();
      scheduleMapRefresh();
      scheduleMapRefresh();
      await vi.advanceTimersByTimeAsync(5000);
      expect(radio.getSonicMap).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
