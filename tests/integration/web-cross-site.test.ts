/**
 * The web host against crafted requests, with the right token, as another local page (another port)
 * or a script would send them: cross-site commands, form and text/plain bodies, foreign reads and
 * upgrades are refused with 403 and change nothing; no path is read or written and no program is set
 * through the API; malformed credentials are 401, never 500.
 */
import { request } from 'node:http';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../src/main/web/web-host';
import type { Envelope } from '../../src/shared/errors';
import { commandPath, EVENTS_PATH, tokenCookie } from '../../src/shared/web-protocol';
import { httpRequest } from '../helpers/http';
import { freshServices } from '../helpers/services';

const TOKEN = 'cross-site-token-0123456789';

describe('web host: cross-site requests and file access', () => {
  const ctx = freshServices();
  let host: WebHost;
  /** This host's cookie (named per port), set once the host has its port. */
  let cookie = '';
  /** Another local app's page, e.g. a dev server: same host, another port. */
  const evil = () => `http://127.0.0.1:${host.port + 1}`;

  const post = (member: string, headers: Record<string, string>, body = '[]') =>
    httpRequest(`${host.origin}${commandPath('playlists', member)}`, { method: 'POST', headers: { cookie, ...headers }, body, fresh: true });
  const command = async <T>(service: 'playlists' | 'settings' | 'desktop', member: string, args: unknown[]) => {
    const res = await httpRequest(`${host.origin}${commandPath(service, member)}`, {
      method: 'POST', headers: { cookie, origin: host.origin, 'content-type': 'application/json' }, body: JSON.stringify(args),
    });
    expect(res.status).toBe(200);
    return res.json<Envelope<T>>();
  };
  const playlistCount = async () => (await ctx.services.api.playlists.listPlaylists()).length;

  beforeAll(async () => {
    host = await startWebHost({ services: ctx.services, rendererDir: null, port: 0, token: TOKEN });
    cookie = `${tokenCookie(host.port)}=${TOKEN}`;
  });

  afterAll(async () => {
    await host?.close();
  });

  it('runs a command from our own page (Sec-Fetch-Site same-origin, Origin null under no-referrer) or a same-origin script', async () => {
    const page = await post('listPlaylists', { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin', origin: 'null' });
    expect(page.status).toBe(200);
    const script = await post('listPlaylists', { 'content-type': 'application/json; charset=utf-8', origin: host.origin });
    expect(script.status).toBe(200);
  });

  it('refuses with 403 what another local page can send, and nothing changes', async () => {
    const create = JSON.stringify(['Made by another page']);
    const attempts: Array<[string, Record<string, string>, string]> = [
      ['fetch from another port', { 'content-type': 'application/json', origin: evil(), 'sec-fetch-site': 'same-site' }, create],
      ['no-cors text/plain fetch', { 'content-type': 'text/plain;charset=UTF-8', origin: evil(), 'sec-fetch-site': 'same-site' }, create],
      ['text/plain form POST', { 'content-type': 'text/plain', origin: evil(), 'sec-fetch-site': 'same-site' }, `${create}=`],
      ['urlencoded form POST', { 'content-type': 'application/x-www-form-urlencoded', origin: evil() }, 'a=1'],
      ['multipart form POST', { 'content-type': 'multipart/form-data; boundary=x', origin: evil() }, '--x--'],
      ['Origin only, from another port', { 'content-type': 'application/json', origin: evil() }, create],
      ['sandboxed frame (Origin null, no fetch metadata)', { 'content-type': 'application/json', origin: 'null' }, create],
      ['no Origin and no fetch metadata', { 'content-type': 'application/json' }, create],
      ['same-site fetch metadata without Origin', { 'content-type': 'application/json', 'sec-fetch-site': 'same-site' }, create],
      ['a user-typed address (Sec-Fetch-Site none)', { 'content-type': 'application/json', 'sec-fetch-site': 'none' }, create],
      ['same-origin but not JSON', { 'content-type': 'text/plain', 'sec-fetch-site': 'same-origin' }, create],
      ['same-origin without a content type', { 'sec-fetch-site': 'same-origin' }, create],
      ['foreign Origin claiming same-origin', { 'content-type': 'application/json', origin: evil(), 'sec-fetch-site': 'same-origin' }, create],
    ];
    const before = await playlistCount();
    for (const [what, headers, body] of attempts) {
      const res = await post('createPlaylist', headers, body);
      expect(res.status, what).toBe(403);
      const envelope = res.json<Envelope<never>>();
      expect(envelope.ok, what).toBe(false);
      if (!envelope.ok) {
        expect(envelope.error.message, what).toMatch(/refused/);
        expect(envelope.error.hint, what).toMatch(/soundlike serve/);
      }
    }
    expect(await playlistCount()).toBe(before);
  });

  it('refuses a CORS preflight and other methods from another page', async () => {
    for (const method of ['OPTIONS', 'PUT', 'DELETE']) {
      const res = await httpRequest(`${host.origin}${commandPath('playlists', 'createPlaylist')}`, {
        method, headers: { cookie, origin: evil(), 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
      expect(res.status, method).toBe(403);
      expect(res.headers['access-control-allow-origin'], method).toBeUndefined();
    }
  });

  it('refuses the event stream and media to another page, and a WebSocket upgrade from it', async () => {
    const events = await httpRequest(`${host.origin}${EVENTS_PATH}`, { headers: { cookie, origin: evil(), 'sec-fetch-site': 'same-site' } });
    expect(events.status).toBe(403);
    const media = await httpRequest(`${host.origin}/media/track/1`, { headers: { cookie, 'sec-fetch-site': 'same-site', 'sec-fetch-dest': 'audio' } });
    expect(media.status).toBe(403);
    const upgrade = await new Promise<number>((resolve, reject) => {
      const req = request(`${host.origin}/api/events`, {
        headers: { cookie, connection: 'Upgrade', upgrade: 'websocket', origin: evil(), 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==' },
      });
      req.on('response', (res) => { res.resume(); resolve(res.statusCode ?? 0); });
      req.on('upgrade', () => reject(new Error('the upgrade was accepted')));
      req.on('error', reject);
      req.end();
    });
    expect(upgrade).toBe(403);
  });

  it('reads no file a page names: importM3u takes a picked file\'s name and text only', async () => {
    const before = await playlistCount();
    const byPath = await command('playlists', 'importM3u', ['/etc/passwd']);
    expect(byPath.ok).toBe(false);
    expect(JSON.stringify(byPath)).not.toMatch(/root:/);
    const renamed = await command('playlists', 'importM3u', [{ name: '/etc/passwd', text: '' }]);
    expect(renamed).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(/not a playlist file/) } });
    const binary = await command('playlists', 'importM3u', [{ name: 'x.m3u', text: '\u007fELF\u0002\u0001\u0001\u0000' }]);
    expect(binary).toMatchObject({ ok: false, error: { message: expect.stringMatching(/binary/) } });
    expect(await playlistCount()).toBe(before);
    const picked = await command<{ playlist: { name: string }; missing: string[] }>('playlists', 'importM3u', [{ name: 'Picked.m3u8', text: '#EXTM3U\n/nowhere/a.mp3\n' }]);
    expect(picked).toMatchObject({ ok: true, value: { playlist: { name: 'Picked' }, missing: ['/nowhere/a.mp3'] } });
  });

  it('writes no file a page names: exportM3u answers text only, whatever path comes with it', async () => {
    const list = await ctx.services.api.playlists.createPlaylist('Export me');
    const target = ctx.tmp.at('owned-by-a-page.sh');
    const exported = await command<string>('playlists', 'exportM3u', [list.id, target]);
    expect(exported).toEqual({ ok: true, value: '#EXTM3U\n' });
    expect(existsSync(target)).toBe(false);
  });

  it('sets no program through the API: ffmpegPath is refused, and the desktop dialogs are not served', async () => {
    const settings = await command('settings', 'updateSettings', [{ ffmpegPath: '/bin/sh' }]);
    expect(settings).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', hint: expect.stringMatching(/soundlike ffmpeg/) } });
    expect((await ctx.services.api.settings.getSettings()).ffmpegPath).toBeNull();
    for (const [member, args] of [['importM3uWithDialog', []], ['exportM3uWithDialog', [1]], ['chooseFfmpegWithDialog', []]] as const) {
      const res = await command('desktop', member, [...args]);
      expect(res, member).toMatchObject({ ok: false, error: { message: expect.stringMatching(/only in the desktop app/), hint: expect.stringMatching(/soundlike import/) } });
    }
  });

  it('answers malformed credentials with 401, never 500', async () => {
    for (const bad of ['%E0%A4%A', '%', '%ZZ', '%C0%80', 'x'.repeat(5000)]) {
      const res = await post('listPlaylists', { cookie: `${tokenCookie(host.port)}=${bad}`, 'content-type': 'application/json', origin: host.origin });
      expect(res.status, bad).toBe(401);
      const page = await httpRequest(`${host.origin}/`, { headers: { cookie: `${tokenCookie(host.port)}=${bad}` } });
      expect(page.status, bad).toBe(401);
    }
    for (const authorization of ['Bearer %E0%A4%A', 'Bearer', 'Bearer ' + '\u00e9'.repeat(10), 'Basic Og==']) {
      const res = await httpRequest(`${host.origin}${EVENTS_PATH}`, { headers: { authorization } });
      expect(res.status, authorization).toBe(401);
    }
    expect((await httpRequest(`${host.origin}/media/track/1?token=%E0%A4%A`)).status).toBe(401);
  });
});
