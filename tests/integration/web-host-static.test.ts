/**
 * The web host serving the built interface (a stand-in renderer folder here) and answering on other
 * addresses than loopback: static files with CSP, client routes, no escape from the folder.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../src/main/services';
import { CONTENT_SECURITY_POLICY, startWebHost, type WebHost } from '../../src/main/web/web-host';
import { makeTempDir, type TempDir } from '../helpers/audio';
import { httpRequest } from '../helpers/http';
import { openServices } from '../helpers/services';

const TOKEN = 'static-token-abcdefghijkl';
const lanAddress = Object.values(networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

describe('web host: interface files and addresses', () => {
  let tmp: TempDir;
  let services: Services;
  let host: WebHost;
  const auth = { authorization: `Bearer ${TOKEN}` };
  /** A command as a same-origin client sends it to the host addressed as `hostHeader` (see request-guard.ts). */
  const command = (hostHeader: string) => ({ ...auth, origin: `http://${hostHeader}`, 'content-type': 'application/json' });

  beforeAll(async () => {
    tmp = makeTempDir();
    const renderer = tmp.at('renderer');
    mkdirSync(`${renderer}/assets`, { recursive: true });
    writeFileSync(`${renderer}/index.html`, '<!doctype html><title>Soundlike test shell</title>');
    writeFileSync(`${renderer}/assets/app-123.js`, 'console.log("app")');
    writeFileSync(tmp.at('outside.txt'), 'secret outside the renderer');
    services = await openServices(tmp.at('data'));
    host = await startWebHost({ services, rendererDir: renderer, port: 0, token: TOKEN });
  });

  afterAll(async () => {
    await host?.close();
    await services?.dispose();
    tmp?.cleanup();
  });

  it('serves index.html at / with the content security policy', async () => {
    const res = await httpRequest(`${host.origin}/`, { headers: auth });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.body.toString()).toContain('Soundlike test shell');
  });

  it('falls back to the app shell for client routes, but not for missing files', async () => {
    const route = await httpRequest(`${host.origin}/albums/42`, { headers: auth });
    expect(route.status).toBe(200);
    expect(route.body.toString()).toContain('Soundlike test shell');
    expect((await httpRequest(`${host.origin}/missing.js`, { headers: auth })).status).toBe(404);
  });

  it('serves hashed assets with their type and a long cache lifetime', async () => {
    const res = await httpRequest(`${host.origin}/assets/app-123.js`, { headers: auth });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toMatch(/immutable/);
  });

  it('never serves a file outside the renderer folder, however the path is encoded', async () => {
    for (const path of ['/../outside.txt', '/..%2foutside.txt', '/%2e%2e/outside.txt', '/assets/..%2f..%2foutside.txt', '/..%5coutside.txt']) {
      const res = await httpRequest(`${host.origin}${path}`, { headers: auth });
      expect(res.body.toString(), path).not.toContain('secret outside');
    }
  });

  it('answers a malformed percent-encoding with a 4xx, not a server error', async () => {
    const res = await httpRequest(`${host.origin}/%E0%A4%A`, { headers: auth });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  it.skipIf(!lanAddress)('bound to a LAN address, answers requests addressed to it', async () => {
    const lan = await startWebHost({ services, rendererDir: null, port: 0, token: TOKEN, host: lanAddress });
    try {
      const res = await httpRequest(`http://${lanAddress}:${lan.port}/api/library/listFolders`, { method: 'POST', headers: command(`${lanAddress}:${lan.port}`), body: '[]' });
      expect(res.status).toBe(200);
    } finally {
      await lan.close();
    }
  });

  it.skipIf(!lanAddress)('bound to all addresses (--host 0.0.0.0), answers requests addressed to the LAN address', async () => {
    const all = await startWebHost({ services, rendererDir: null, port: 0, token: TOKEN, host: '0.0.0.0' });
    try {
      const local = await httpRequest(`http://127.0.0.1:${all.port}/api/library/listFolders`, { method: 'POST', headers: command(`127.0.0.1:${all.port}`), body: '[]' });
      expect(local.status).toBe(200);
      const res = await httpRequest(`http://${lanAddress}:${all.port}/api/library/listFolders`, { method: 'POST', headers: command(`${lanAddress}:${all.port}`), body: '[]' });
      expect(res.status).toBe(200);
      // A name (what a DNS-rebinding page would send) is still refused.
      const named = await httpRequest(`http://${lanAddress}:${all.port}/api/library/listFolders`, { method: 'POST', headers: { ...command(`attacker.example:${all.port}`), host: `attacker.example:${all.port}` }, body: '[]' });
      expect(named.status).toBe(403);
    } finally {
      await all.close();
    }
  });
});
