import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SoundlikeError } from '../../../shared/errors';

vi.mock('../api', () => ({ asSoundlikeError: (e: unknown) => SoundlikeError.from(e) }));
const { attempt, notifyLasting, useNotifyStore } = await import('./notify-store');

const stopped = () => new SoundlikeError('SERVICES_STOPPED', 'The library service stopped.', 'It is being restarted.');
const texts = () => useNotifyStore.getState().toasts.map((t) => t.message);

beforeEach(() => useNotifyStore.setState({ toasts: [] }));

describe('toasts while the services restart', () => {
  it('shows one toast for the calls that fail because the services stopped, not one per call', async () => {
    await attempt(() => Promise.reject(stopped()), 'Loading settings failed');
    await attempt(() => Promise.reject(stopped()), 'Loading folders failed');
    await attempt(() => Promise.reject(stopped()), 'Loading the queue failed');
    expect(texts()).toEqual(['Loading settings failed: The library service stopped.']);
  });

  it('lets the restart notice replace them, and keeps other errors', async () => {
    await attempt(() => Promise.reject(new SoundlikeError('UNKNOWN_TRACK', 'No such track.')), 'Playing failed');
    await attempt(() => Promise.reject(stopped()), 'Loading folders failed');
    notifyLasting('info', 'The library service was restarted; nothing was lost.', undefined, 'SERVICES_STOPPED');
    expect(texts()).toEqual(['Playing failed: No such track.', 'The library service was restarted; nothing was lost.']);
    // A late failure from before the restart does not cover the notice.
    await attempt(() => Promise.reject(stopped()), 'Loading the queue failed');
    expect(texts()).toEqual(['Playing failed: No such track.', 'The library service was restarted; nothing was lost.']);
  });
});
