/**
 * Media keys, the system "now playing" panel and (in the desktop app on Linux) MPRIS all read the page's
 * MediaSession. In Debian's Chromium through the web host: the metadata (title, artist, album, the cover
 * with its size) and playback state follow the player, and every action handler the page registers
 * really drives it. The handlers are captured by wrapping setActionHandler before the app loads, and
 * called as the browser would call them for a media key.
 */
import { expect, test, type Page } from '@playwright/test';
import { demoAudioFiles, DEMO_LIBRARY } from '../support/demo-library';
import { startHost, type RunningHost } from '../support/web-host';

let host: RunningHost;

test.beforeAll(async () => {
  host = await startHost();
});
test.afterAll(async () => {
  await host?.stop();
});

interface SessionView {
  title: string | null;
  artist: string | null;
  album: string | null;
  artwork: { src: string; sizes: string; type: string }[];
  playbackState: string;
}

declare global {
  interface Window {
    capturedMediaHandlers?: Record<string, ((details: MediaSessionActionDetails) => void) | null>;
  }
}

function readSession(page: Page): Promise<SessionView> {
  return page.evaluate(() => {
    const m = navigator.mediaSession.metadata;
    return {
      title: m?.title ?? null,
      artist: m?.artist ?? null,
      album: m?.album ?? null,
      artwork: m ? m.artwork.map((a) => ({ src: a.src, sizes: a.sizes ?? '', type: a.type ?? '' })) : [],
      playbackState: navigator.mediaSession.playbackState,
    };
  });
}

/** Calls a captured handler the way Chromium does for a media key or the system panel. */
async function act(page: Page, action: string, details: Record<string, number> = {}): Promise<void> {
  await page.evaluate(({ action, details }) => {
    const handler = window.capturedMediaHandlers?.[action];
    if (!handler) throw new Error(`no handler registered for ${action}`);
    handler({ action: action as MediaSessionAction, ...details });
  }, { action, details });
}

function audioState(page: Page): Promise<{ paused: boolean; time: number }> {
  return page.getByTestId('audio-player').evaluate((el: HTMLAudioElement) => ({ paused: el.paused, time: el.currentTime }));
}

test('MediaSession carries the song, its cover and the playback state, and its actions drive the player', async ({ page }) => {
  await page.addInitScript(() => {
    window.capturedMediaHandlers = {};
    const session = navigator.mediaSession;
    const original = session.setActionHandler.bind(session);
    session.setActionHandler = (action, handler) => {
      (window.capturedMediaHandlers as Record<string, unknown>)[action] = handler;
      original(action, handler);
    };
  });
  await page.goto(host.url);
  expect((await readSession(page)).playbackState).toBe('none');
  // The native folder dialog is the desktop app's; a browser keeps the typed path only.
  await expect(page.getByTestId('folder-path-input')).toBeVisible();
  await expect(page.getByTestId('choose-folder-button')).toHaveCount(0);
  await page.getByTestId('folder-path-input').fill(DEMO_LIBRARY);
  await page.getByTestId('add-folder-button').click();
  await expect(page.getByTestId('nav-library')).toContainText(String(demoAudioFiles().length), { timeout: 60_000 });

  // An Ogg track of an album with a folder cover (a 200x200 JPEG); the library's order follows it in the queue.
  const row = page.getByTestId('track-row').filter({ hasText: 'Skank Street' });
  const artist = (await row.locator('.cell-artist').innerText()).trim();
  await row.locator('.cell-title').dblclick();
  await expect(page.getByTestId('now-playing-title')).toHaveText('Skank Street');

  await expect.poll(async () => (await readSession(page)).playbackState).toBe('playing');
  await expect.poll(async () => (await readSession(page)).artwork[0]?.sizes ?? '').toBe('200x200');
  const session = await readSession(page);
  expect(session).toMatchObject({ title: 'Skank Street', artist, album: 'Street Parade' });
  expect(artist.length).toBeGreaterThan(0);
  expect(session.artwork).toHaveLength(1);
  expect(session.artwork[0].type).toBe('image/jpeg');
  expect(session.artwork[0].src.startsWith(host.origin)).toBe(true);
  // The artwork URL is one the system panel can fetch: it serves the cover picture.
  const cover = await page.evaluate(async (src) => {
    const response = await fetch(src);
    return { status: response.status, type: response.headers.get('content-type') };
  }, session.artwork[0].src);
  expect(cover).toEqual({ status: 200, type: 'image/jpeg' });

  const registered = await page.evaluate(() => Object.entries(window.capturedMediaHandlers ?? {}).filter(([, h]) => h).map(([a]) => a).sort());
  expect(registered).toEqual(['nexttrack', 'pause', 'play', 'previoustrack', 'seekbackward', 'seekforward', 'seekto', 'stop']);

  await act(page, 'pause');
  await expect.poll(async () => (await audioState(page)).paused).toBe(true);
  await expect.poll(async () => (await readSession(page)).playbackState).toBe('paused');
  await act(page, 'play');
  await expect.poll(async () => (await audioState(page)).paused).toBe(false);
  await expect.poll(async () => (await readSession(page)).playbackState).toBe('playing');

  await act(page, 'seekto', { seekTime: 6 });
  await expect.poll(async () => (await audioState(page)).time).toBeGreaterThanOrEqual(6);
  await act(page, 'pause');
  await expect.poll(async () => (await audioState(page)).paused).toBe(true);
  const before = (await audioState(page)).time;
  await act(page, 'seekforward', { seekOffset: 3 });
  expect((await audioState(page)).time).toBeCloseTo(before + 3, 0);
  await act(page, 'seekbackward', { seekOffset: 2 });
  expect((await audioState(page)).time).toBeCloseTo(before + 1, 0);
  await act(page, 'seekbackward'); // no offset: the default skip, not below the start
  expect((await audioState(page)).time).toBeCloseTo(Math.max(0, before + 1 - 10), 0);
  await act(page, 'play');

  await act(page, 'nexttrack');
  await expect(page.getByTestId('now-playing-title')).not.toHaveText('Skank Street');
  const nextTitle = (await page.getByTestId('now-playing-title').innerText()).trim();
  await expect.poll(async () => (await readSession(page)).title).toBe(nextTitle);
  await expect.poll(async () => (await readSession(page)).playbackState).toBe('playing');
  await act(page, 'previoustrack');
  await expect(page.getByTestId('now-playing-title')).toHaveText('Skank Street');
  await expect.poll(async () => (await readSession(page)).title).toBe('Skank Street');

  await act(page, 'seekto', { seekTime: 4 });
  await expect.poll(async () => (await audioState(page)).time).toBeGreaterThanOrEqual(4);
  await act(page, 'stop');
  await expect.poll(async () => audioState(page)).toEqual({ paused: true, time: 0 });
  await expect.poll(async () => (await readSession(page)).playbackState).toBe('paused');
});
