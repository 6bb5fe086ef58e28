/**
 * The web host over real HTTP on a free port, with real services, real files and a real token:
 * auth (bearer, cookie, Host check), command envelopes, media with Range, covers, SSE events.
 */
import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../src/main/services';
import { startWebHost, type WebHost } from '../../src/main/web/web-host';
import type { Envelope } from '../../src/shared/errors';
import type { MusicFolder, Track } from '../../src/shared/domain';
import { commandPath, coverMediaPath, EVENTS_PATH, trackMediaPath, tokenCookie } from '../../src/shared/web-protocol';
import { generateClipCache, makeTempDir, place, type ClipCache, type TempDir } from '../helpers/audio';
import { httpRequest, openSse } from '../helpers/http';
import { openServices } from '../helpers/services';

const TOKEN = 'test-token-0123456789';

describe('web host', () => {
  let cache: ClipCache;
  let tmp: TempDir;
  let services: Services;
  let host: WebHost;
  let mp3: Track;
  let folder: MusicFolder;
  const auth = { authorization: `Bearer ${TOKEN}` };
  /** What a same-origin command carries besides the token (see request-guard.ts): our Origin and JSON. */
  const commandHeaders = (hostHeader = `127.0.0.1:${host.port}`) => ({ 'content-type': 'application/json', origin: `http://${hostHeader}` });

  const call = async <T>(service: string, member: string, args: unknown[] = [], headers: Record<string, string> = auth) => {
    const res = await httpRequest(`${host.origin}/api/${service}/${member}`, {
      method: 'POST', headers: { ...commandHeaders(headers.host), ...headers }, body: JSON.stringify(args),
    });
    return { status: res.status, envelope: res.json<Envelope<T>>() };
  };

  beforeAll(async () => {
    cache = await generateClipCache(2, ['mp3', 'flac']);
    tmp = makeTempDir();
    place(cache.tagged.mp3, tmp.at('music', 'song.mp3'));
    place(cache.untagged.flac, tmp.at('music', 'plain.flac'));
    services = await openServices(tmp.at('data'));
    folder = (await services.api.library.addFolderAndScan(tmp.at('music'))).folder;
    mp3 = (await services.api.library.listTracks()).find((t) => t.path.endsWith('song.mp3')) as Track;
    host = await startWebHost({ services, rendererDir: null, port: 0, token: TOKEN });
  });

  afterAll(async () => {
    await host?.close();
    await services?.dispose();
    tmp?.cleanup();
    cache?.cleanup();
  });

  it('binds a free port on 127.0.0.1 and prints a URL carrying the token', () => {
    expect(host.port).toBeGreaterThan(0);
    expect(host.origin).toBe(`http://127.0.0.1:${host.port}`);
    expect(host.url).toBe(`${host.origin}/?token=${TOKEN}`);
  });

  it('answers 401 without a token, or with a wrong one, on API and media paths', async () => {
    expect((await call('library', 'listFolders', [], {})).status).toBe(401);
    const wrong = await call('library', 'listFolders', [], { authorization: 'Bearer nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.envelope).toMatchObject({ ok: false, error: { message: expect.stringMatching(/token/i) } });
    expect((await httpRequest(`${host.origin}${trackMediaPath(mp3.id)}`)).status).toBe(401);
    const page = await httpRequest(`${host.origin}/`);
    expect(page.status).toBe(401);
    expect(page.body.toString()).toMatch(/access link/);
  });

  it('runs commands with a bearer token and returns envelopes', async () => {
    const { status, envelope } = await call<MusicFolder[]>('library', 'listFolders');
    expect(status).toBe(200);
    expect(envelope).toEqual({ ok: true, value: [expect.objectContaining({ id: folder.id, path: tmp.at('music'), trackCount: 2 })] });
    const tracks = await call<Track[]>('library', 'listTracks');
    expect(tracks.envelope.ok && tracks.envelope.value.map((t) => t.id).sort()).toEqual((await services.api.library.listTracks()).map((t) => t.id).sort());
  });

  it('carries errors as envelopes with code, message and hint', async () => {
    const missing = await call('library', 'addFolder', [tmp.at('nope')]);
    expect(missing.status).toBe(200);
    expect(missing.envelope).toEqual({ ok: false, error: { code: 'FOLDER_NOT_FOUND', message: expect.stringContaining(tmp.at('nope')), hint: expect.any(String) } });
    const nested = await call('library', 'addFolder', [tmp.path]);
    expect(nested.envelope).toMatchObject({ ok: false, error: { code: 'FOLDER_INSIDE_ANOTHER', hint: expect.any(String) } });
    const unknownCommand = await call('library', 'dropDatabase');
    expect(unknownCommand.envelope).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    // Events are not commands: they cannot be invoked.
    const event = await call('library', 'onDidScanProgress');
    expect(event.envelope).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    const notAList = await httpRequest(`${host.origin}${commandPath('library', 'getTrack')}`, { method: 'POST', headers: { ...auth, ...commandHeaders() }, body: '{"id":1}' });
    expect(notAList.json()).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    const badJson = await httpRequest(`${host.origin}${commandPath('library', 'getTrack')}`, { method: 'POST', headers: { ...auth, ...commandHeaders() }, body: '[1,' });
    expect(badJson.status).toBe(400);
    const get = await httpRequest(`${host.origin}${commandPath('library', 'listFolders')}`, { headers: auth });
    expect(get.status).toBe(405);
  });

  it('/?token= sets an HttpOnly cookie and redirects to drop the token; the cookie then authorises', async () => {
    const res = await httpRequest(host.url);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/');
    const cookie = res.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toMatch(new RegExp(`^${tokenCookie(host.port)}=${TOKEN};`));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const withCookie = await call('library', 'listFolders', [], { cookie: cookie.split(';')[0] });
    expect(withCookie.status).toBe(200);
    expect(withCookie.envelope.ok).toBe(true);
    const deepLink = await httpRequest(`${host.origin}/library?view=albums&token=${TOKEN}`);
    expect(deepLink.headers.location).toBe('/library?view=albums');
  });

  it('a valid link wins over a stale cookie; a stale link beside a valid cookie is dropped, the cookie kept', async () => {
    const stale = `${tokenCookie(host.port)}=an-earlier-run`;
    const fresh = await httpRequest(host.url, { headers: { cookie: stale } });
    expect(fresh.status).toBe(302);
    expect(fresh.headers['set-cookie']?.[0]).toMatch(new RegExp(`^${tokenCookie(host.port)}=${TOKEN};`));
    const staleLink = await httpRequest(`${host.origin}/?token=an-earlier-run`, { headers: { cookie: `${tokenCookie(host.port)}=${TOKEN}` } });
    expect(staleLink.status).toBe(302);
    expect(staleLink.headers.location).toBe('/');
    expect(staleLink.headers['set-cookie']).toBeUndefined();
    const neither = await httpRequest(`${host.origin}/?token=an-earlier-run`, { headers: { cookie: stale } });
    expect(neither.status).toBe(401);
    // Another port's cookie is not this host's, even holding this host's token.
    const otherPort = await call('library', 'listFolders', [], { cookie: `${tokenCookie(host.port + 1)}=${TOKEN}` });
    expect(otherPort.status).toBe(401);
  });

  it('refuses a foreign Host header with 403 even with the token (DNS rebinding)', async () => {
    const res = await call('library', 'listFolders', [], { ...auth, host: `evil.example:${host.port}` });
    expect(res.status).toBe(403);
    const otherPort = await call('library', 'listFolders', [], { ...auth, host: `127.0.0.1:${host.port + 1}` });
    expect(otherPort.status).toBe(403);
    const localhost = await call('library', 'listFolders', [], { ...auth, host: `localhost:${host.port}` });
    expect(localhost.status).toBe(200);
  });

  it('serves a whole track with its audio MIME type', async () => {
    const res = await httpRequest(`${host.origin}${trackMediaPath(mp3.id)}`, { headers: auth });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('audio/mpeg');
    expect(res.headers['accept-ranges']).toBe('bytes');
    expect(res.body.equals(readFileSync(mp3.path))).toBe(true);
  });

  it('answers a Range request with 206, the right Content-Range and exactly those bytes', async () => {
    const file = readFileSync(mp3.path);
    const size = statSync(mp3.path).size;
    for (const [header, start, end] of [['bytes=100-1099', 100, 1099], ['bytes=-500', size - 500, size - 1], [`bytes=${size - 10}-`, size - 10, size - 1], ['bytes=0-0', 0, 0]] as const) {
      const res = await httpRequest(`${host.origin}${trackMediaPath(mp3.id)}`, { headers: { ...auth, range: header } });
      expect(res.status, header).toBe(206);
      expect(res.headers['content-range']).toBe(`bytes ${start}-${end}/${size}`);
      expect(Number(res.headers['content-length'])).toBe(end - start + 1);
      expect(res.body.equals(file.subarray(start, end + 1)), header).toBe(true);
    }
  });

  it('accepts the token as ?token= on media URLs (an <audio> element cannot send headers)', async () => {
    const res = await httpRequest(`${host.origin}${trackMediaPath(mp3.id)}?token=${TOKEN}`, { headers: { range: 'bytes=0-9' } });
    expect(res.status).toBe(206);
    expect(res.body.equals(readFileSync(mp3.path).subarray(0, 10))).toBe(true);
  });

  it('refuses a request body over the size limit with 400', async () => {
    const res = await httpRequest(`${host.origin}${commandPath('library', 'getTrack')}`, {
      method: 'POST', headers: { ...auth, ...commandHeaders() }, body: `[${'1'.repeat(5 * 1024 * 1024)}]`,
      // The server stops reading mid-body, which spoils that connection for reuse.
      fresh: true,
    });
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });

  it('answers a range past the end with 416 and the size', async () => {
    const size = statSync(mp3.path).size;
    const res = await httpRequest(`${host.origin}${trackMediaPath(mp3.id)}`, { headers: { ...auth, range: `bytes=${size}-` } });
    expect(res.status).toBe(416);
    expect(res.headers['content-range']).toBe(`bytes */${size}`);
    expect(res.body.length).toBe(0);
  });

  it('answers HEAD with the length and no body', async () => {
    const res = await httpRequest(`${host.origin}${trackMediaPath(mp3.id)}`, { method: 'HEAD', headers: auth });
    expect(res.status).toBe(200);
    expect(Number(res.headers['content-length'])).toBe(mp3.size);
    expect(res.body.length).toBe(0);
  });

  it('answers 404 for an unknown track id and for a non-numeric one', async () => {
    const unknown = await httpRequest(`${host.origin}${trackMediaPath(999999)}`, { headers: auth });
    expect(unknown.status).toBe(404);
    expect(unknown.json()).toMatchObject({ ok: false, error: { code: 'UNKNOWN_TRACK' } });
    expect((await httpRequest(`${host.origin}/media/track/abc`, { headers: auth })).status).toBe(404);
  });

  it('answers 404 TRACK_FILE_MISSING for a track whose file vanished before a rescan', async () => {
    const gone = tmp.at('music', 'gone.flac');
    place(cache.untagged.flac, gone);
    await services.api.library.rescan(folder.id);
    const track = (await services.api.library.listTracks()).find((t) => t.path === gone) as Track;
    rmSync(gone);
    const res = await httpRequest(`${host.origin}${trackMediaPath(track.id)}`, { headers: auth });
    expect(res.status).toBe(404);
    expect(res.json()).toMatchObject({ ok: false, error: { code: 'TRACK_FILE_MISSING', hint: expect.any(String) } });
    await services.api.library.rescan(folder.id);
  });

  it('never serves a track row whose path lies outside every library folder', async () => {
    // Simulate a tampered or stale row: point the flac's row at a file outside the folder.
    const flac = (await services.api.library.listTracks()).find((t) => t.path.endsWith('plain.flac')) as Track;
    const secret = tmp.at('secret.flac');
    place(cache.tagged.flac, secret);
    const db = new Database(services.paths.database);
    db.prepare('UPDATE tracks SET path = ? WHERE id = ?').run(secret, flac.id);
    db.close();
    try {
      const res = await httpRequest(`${host.origin}${trackMediaPath(flac.id)}`, { headers: auth });
      expect(res.status).toBe(404);
      expect(res.body.includes(readFileSync(secret).subarray(0, 64))).toBe(false);
      const sneaky = new Database(services.paths.database);
      sneaky.prepare('UPDATE tracks SET path = ? WHERE id = ?').run(`${tmp.at('music')}/../secret.flac`, flac.id);
      sneaky.close();
      expect((await httpRequest(`${host.origin}${trackMediaPath(flac.id)}`, { headers: auth })).status).toBe(404);
    } finally {
      const restore = new Database(services.paths.database);
      restore.prepare('UPDATE tracks SET path = ? WHERE id = ?').run(flac.path, flac.id);
      restore.close();
    }
  });

  it('serves a cover with an image MIME type, and 404 for ids that are not covers', async () => {
    expect(mp3.coverId).toBeTruthy();
    const res = await httpRequest(`${host.origin}${coverMediaPath(mp3.coverId as string)}`, { headers: auth });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^image\/(jpeg|png)$/);
    expect(res.body.equals(readFileSync(join(services.paths.covers, mp3.coverId as string)))).toBe(true);
    const traversal = await httpRequest(`${host.origin}/media/cover/${encodeURIComponent('../library.db')}`, { headers: auth });
    expect(traversal.status).toBe(404);
    expect((await httpRequest(`${host.origin}${coverMediaPath('0123456789abcdef01234567.jpg')}`, { headers: auth })).status).toBe(404);
  });

  it('streams scan progress ending with a final tick, and track changes, over SSE', async () => {
    const sse = await openSse(`${host.origin}${EVENTS_PATH}`, auth);
    try {
      place(cache.tagged.flac, tmp.at('music', 'new.flac'));
      const summary = await call<{ added: number }>('library', 'rescan', [folder.id]);
      expect(summary.envelope).toMatchObject({ ok: true, value: { added: 1 } });
      const final = await sse.next((m) => m.event === 'library:onDidScanProgress' && (m.data as { final: boolean }).final);
      expect(final.data).toMatchObject({ phase: 'done', added: 1, final: true });
      const changed = await sse.next((m) => m.event === 'library:onDidChangeTracks');
      expect(changed.data).toEqual({ version: expect.any(Number) });
      await sse.next((m) => m.event === 'library:onDidChangeFolders');
      const progress = sse.messages.filter((m) => m.event === 'library:onDidScanProgress');
      expect(progress.filter((m) => (m.data as { final: boolean }).final)).toHaveLength(1);
    } finally {
      sse.close();
    }
  });

  it('SSE accepts the token as a query parameter (EventSource cannot send headers)', async () => {
    const sse = await openSse(`${host.origin}${EVENTS_PATH}?token=${TOKEN}`, {});
    try {
      await call('settings', 'updateSettings', [{ volume: 0.5 }]);
      const message = await sse.next((m) => m.event === 'settings:onDidChangeSettings');
      expect(message.data).toMatchObject({ volume: 0.5 });
    } finally {
      sse.close();
    }
  });

  it('closes promptly while an SSE client is still connected', async () => {
    const other = await startWebHost({ services, rendererDir: null, port: 0, token: TOKEN });
    const sse = await openSse(`${other.origin}${EVENTS_PATH}`, auth);
    const closed = await Promise.race([other.close().then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 5000))]);
    sse.close();
    expect(closed).toBe(true);
  });

  it('a second host on the same port fails with PORT_IN_USE', async () => {
    await expect(startWebHost({ services, rendererDir: null, port: host.port })).rejects.toMatchObject({ code: 'PORT_IN_USE', hint: expect.stringMatching(/--port/) });
  });
});
