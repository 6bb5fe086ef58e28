/**
 * Another local page in the user's own browser cannot drive Soundlike: Debian's Chromium opens the web
 * host (so it holds the token cookie), then a page served from a second local origin (127.0.0.1 on
 * another port: same site, so the cookie goes along) tries fetch, no-cors text/plain, a text/plain form,
 * the event stream, an audio element and a WebSocket. Every request that reaches the host is answered
 * 403 and nothing changes, while the Soundlike page itself still runs commands.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Response } from '@playwright/test';
import { startHost, type RunningHost } from '../support/web-host';

let host: RunningHost;
let attacker: Server;
let attackerOrigin: string;

/** The other page: each attempt records how it ended in `window.outcomes`; `window.done` when all ran. */
function attackPage(target: string): string {
  const api = (path: string) => `${target}/api/${path}`;
  return `<!doctype html><meta charset="utf-8"><title>another local app</title>
<iframe name="sink" id="sink"></iframe>
<form id="form" method="POST" enctype="text/plain" target="sink" action="${api('playlists/createPlaylist')}">
  <input type="hidden" name='["Made by a form' value='"]'>
</form>
<audio id="audio" preload="auto"></audio>
<script>
const outcomes = {};
window.outcomes = outcomes;
const settle = (name, promise) => promise.then((v) => { outcomes[name] = String(v); }, (e) => { outcomes[name] = 'failed: ' + e; });
async function run() {
  await settle('no-cors text/plain createPlaylist', fetch(${JSON.stringify(api('playlists/createPlaylist'))}, {
    method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'text/plain' }, body: '["Made by no-cors"]' }).then((r) => r.type));
  await settle('no-cors updateSettings', fetch(${JSON.stringify(api('settings/updateSettings'))}, {
    method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'text/plain' }, body: '[{"volume":0.01}]' }).then((r) => r.type));
  await settle('cors JSON createPlaylist', fetch(${JSON.stringify(api('playlists/createPlaylist'))}, {
    method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body: '["Made by cors"]' }).then((r) => r.status));
  await settle('event stream', new Promise((resolve) => {
    const source = new EventSource(${JSON.stringify(api('events'))}, { withCredentials: true });
    source.onopen = () => { source.close(); resolve('opened'); };
    source.onerror = () => { source.close(); resolve('error'); };
  }));
  await settle('websocket', new Promise((resolve) => {
    const socket = new WebSocket(${JSON.stringify(`${target.replace(/^http/, 'ws')}/api/events`)});
    socket.onopen = () => { socket.close(); resolve('opened'); };
    socket.onerror = () => resolve('error');
  }));
  await settle('audio', new Promise((resolve) => {
    const audio = document.getElementById('audio');
    audio.onloadedmetadata = () => resolve('loaded');
    audio.onerror = () => resolve('error');
    audio.src = ${JSON.stringify(`${target}/media/track/1`)};
  }));
  await settle('text/plain form', new Promise((resolve) => {
    document.getElementById('sink').onload = () => resolve('submitted');
    document.getElementById('form').submit();
  }));
  window.done = true;
}
run();
</script>`;
}

test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  host = await startHost();
  attacker = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(attackPage(host.origin));
  });
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  attackerOrigin = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  await new Promise<void>((resolve) => (attacker ? attacker.close(() => resolve()) : resolve()));
  await host?.stop();
});

/** A command as a same-origin script sends it (request-guard.ts), to check what the host holds. */
async function hostCommand<T>(path: string, args: unknown[] = []): Promise<T> {
  const res = await fetch(`${host.origin}/api/${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${host.token}`, origin: host.origin, 'content-type': 'application/json' },
    body: JSON.stringify(args),
  });
  const envelope = (await res.json()) as { ok: boolean; value: T };
  expect(envelope.ok).toBe(true);
  return envelope.value;
}

test('a page on another local port cannot run commands, read events or media, or open a socket', async ({ page }) => {
  // The user has Soundlike open: the browser holds its token cookie.
  await page.goto(host.url);
  await expect(page.getByTestId('empty-library').or(page.getByTestId('track-row').first())).toBeVisible();
  const volumeBefore = (await hostCommand<{ volume: number }>('settings/getSettings')).volume;

  const reached: Response[] = [];
  page.on('response', (response) => {
    if (response.url().startsWith(host.origin)) reached.push(response);
  });
  await page.goto(attackerOrigin);
  await page.waitForFunction(() => (window as unknown as { done?: boolean }).done === true, undefined, { timeout: 30_000 });
  const outcomes = await page.evaluate(() => (window as unknown as { outcomes: Record<string, string> }).outcomes);

  // What the other page could see: opaque answers, failures, errors; never an open stream or socket.
  expect(outcomes['cors JSON createPlaylist']).toMatch(/^failed/);
  expect(outcomes['event stream']).toBe('error');
  expect(outcomes.websocket).toBe('error');
  expect(outcomes.audio).toBe('error');
  expect(outcomes['text/plain form']).toBe('submitted');

  // What reached the host (with the cookie: same site) was refused, every time.
  const commands = reached.filter((r) => r.request().method() === 'POST');
  expect(commands.length).toBeGreaterThanOrEqual(3);
  for (const response of reached) {
    expect(response.status(), `${response.request().method()} ${response.url()}`).toBe(403);
  }
  // The form's request shows the cookie went along (Playwright sees a fetch's headers only in part):
  // SameSite does not separate ports, so only the host's own check stood in the way.
  const cookies = await Promise.all(commands.map(async (r) => (await r.request().allHeaders()).cookie ?? ''));
  expect(cookies.some((cookie) => /soundlike_token_\d+=/.test(cookie))).toBe(true);

  // And nothing changed.
  const names = (await hostCommand<Array<{ name: string }>>('playlists/listPlaylists')).map((p) => p.name);
  expect(names.filter((name) => name.startsWith('Made by'))).toEqual([]);
  expect((await hostCommand<{ volume: number }>('settings/getSettings')).volume).toBe(volumeBefore);
});

test('the Soundlike page itself still runs commands (same-origin JSON)', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('empty-library').or(page.getByTestId('track-row').first())).toBeVisible();
  const status = await page.evaluate(async () => {
    const res = await fetch('/api/playlists/createPlaylist', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '["Made here"]' });
    return res.status;
  });
  expect(status).toBe(200);
  const names = (await hostCommand<Array<{ name: string }>>('playlists/listPlaylists')).map((p) => p.name);
  expect(names).toContain('Made here');
});
