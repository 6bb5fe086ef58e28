import { afterEach, describe, expect, it, vi } from 'vitest';
import { contractMembers } from '../../../shared/contract';
import { SoundlikeError } from '../../../shared/errors';
import { createWebClient } from './web-client';

/** A stand-in EventSource recording what the hub does with it. */
class FakeEventSource {
  static readonly CLOSED = 2;
  static instances: FakeEventSource[] = [];
  readyState = 1;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  readonly listeners = new Map<string, Array<(e: { data: string }) => void>>();
  constructor(readonly url: string) {
    FakeEventSource.instances.push(this);
  }
  addEventListener(channel: string, fn: (e: { data: string }) => void): void {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), fn]);
  }
  emit(channel: string, payload: unknown): void {
    for (const fn of this.listeners.get(channel) ?? []) fn({ data: JSON.stringify(payload) });
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
  FakeEventSource.instances = [];
});

describe('createWebClient', () => {
  it('has every contract member, commands and events alike', () => {
    const { client } = createWebClient();
    for (const m of contractMembers()) {
      const service = client[m.service] as unknown as Record<string, unknown>;
      expect(typeof service[m.member], m.channel).toBe('function');
    }
    expect(client.transport).toBe('web');
    expect(client.media.trackUrl(7)).toBe('/media/track/7');
    expect(client.media.coverUrl('a/b')).toBe('/media/cover/a%2Fb');
  });

  it('POSTs the arguments as a JSON array and unwraps the value', async () => {
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ ok: true, value: { items: [], currentIndex: 2, version: 5 } })));
    vi.stubGlobal('fetch', fetchMock);
    const { client } = createWebClient();
    const queue = await client.playback.replaceQueue([1, 2, 3], 2);
    expect(queue.currentIndex).toBe(2);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [path, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(path).toBe('/api/playback/replaceQueue');
    expect(init.method).toBe('POST');
    expect(init.credentials).toBe('same-origin');
    expect(JSON.parse(String(init.body))).toEqual([[1, 2, 3], 2]);
  });

  it('throws an error envelope as a SoundlikeError with code and hint', async () => {
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify({
      ok: false, error: { code: 'FOLDER_NOT_FOUND', message: 'There is no folder at /x.', hint: 'Check the spelling.' },
    })));
    const { client } = createWebClient();
    const err = await client.library.addFolder('/x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SoundlikeError);
    expect((err as SoundlikeError).code).toBe('FOLDER_NOT_FOUND');
    expect((err as SoundlikeError).hint).toBe('Check the spelling.');
  });

  it('explains a response that is not an envelope (e.g. a missing token)', async () => {
    vi.stubGlobal('fetch', async () => new Response('Forbidden', { status: 401, statusText: 'Unauthorized' }));
    const { client } = createWebClient();
    const err = (await client.library.listTracks().catch((e: unknown) => e)) as SoundlikeError;
    expect(err.message).toContain('401');
    expect(err.hint).toContain('token');
  });

  it('shares one EventSource across subscriptions and stops delivering after unsubscribe', () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    const { client } = createWebClient();
    const progress: unknown[] = [];
    const queues: unknown[] = [];
    const stopProgress = client.library.onDidScanProgress((p) => progress.push(p));
    client.playback.onDidChangeQueue((q) => queues.push(q));
    expect(FakeEventSource.instances).toHaveLength(1);
    const source = FakeEventSource.instances[0];
    expect(source.url).toBe('/api/events');
    source.emit('library:onDidScanProgress', { done: 1 });
    source.emit('playback:onDidChangeQueue', { version: 3 });
    stopProgress();
    source.emit('library:onDidScanProgress', { done: 2 });
    expect(progress).toEqual([{ done: 1 }]);
    expect(queues).toEqual([{ version: 3 }]);
  });

  it('announces reconnects but not the first connect', () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    const { onReconnect } = createWebClient();
    const calls: number[] = [];
    onReconnect(() => calls.push(1));
    const source = FakeEventSource.instances[0];
    source.onopen?.();
    expect(calls).toHaveLength(0);
    source.onerror?.();
    source.onopen?.();
    expect(calls).toHaveLength(1);
  });
});
