import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { crossSiteRefusal, isJsonContentType, isSameOrigin } from './request-guard';

const req = (method: string, headers: Record<string, string>) =>
  ({ method, headers: { host: '127.0.0.1:7878', ...headers } }) as unknown as IncomingMessage;
const json = { 'content-type': 'application/json' };

describe('cross-site request refusal', () => {
  it('takes our own page: Sec-Fetch-Site same-origin (its Origin is "null" under no-referrer), or our exact Origin', () => {
    expect(isSameOrigin(req('POST', { 'sec-fetch-site': 'same-origin', origin: 'null' }))).toBe(true);
    expect(isSameOrigin(req('POST', { 'sec-fetch-site': 'same-origin', origin: 'http://127.0.0.1:7878' }))).toBe(true);
    expect(isSameOrigin(req('POST', { origin: 'http://127.0.0.1:7878' }))).toBe(true);
    expect(isSameOrigin(req('POST', { origin: 'HTTP://127.0.0.1:7878' }))).toBe(true);
  });

  it('refuses another port, another site, a null or missing Origin without Sec-Fetch-Site, and a forged mix', () => {
    expect(isSameOrigin(req('POST', { 'sec-fetch-site': 'same-site', origin: 'http://127.0.0.1:5173' }))).toBe(false);
    expect(isSameOrigin(req('POST', { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }))).toBe(false);
    expect(isSameOrigin(req('POST', { origin: 'http://127.0.0.1:5173' }))).toBe(false);
    expect(isSameOrigin(req('POST', { origin: 'http://localhost:7878' }))).toBe(false);
    expect(isSameOrigin(req('POST', { origin: 'null' }))).toBe(false);
    expect(isSameOrigin(req('POST', {}))).toBe(false);
    expect(isSameOrigin(req('POST', { 'sec-fetch-site': 'none' }))).toBe(false);
    // A named foreign Origin wins over a claimed same-origin fetch site.
    expect(isSameOrigin(req('POST', { 'sec-fetch-site': 'same-origin', origin: 'http://127.0.0.1:5173' }))).toBe(false);
  });

  it('wants application/json, with or without parameters', () => {
    expect(isJsonContentType(req('POST', { 'content-type': 'application/json; charset=utf-8' }))).toBe(true);
    expect(isJsonContentType(req('POST', { 'content-type': 'Application/JSON' }))).toBe(true);
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx']) {
      expect(isJsonContentType(req('POST', { 'content-type': type })), type).toBe(false);
    }
    expect(isJsonContentType(req('POST', {}))).toBe(false);
  });

  it('refuses every non-GET that is not same-origin JSON, naming why', () => {
    expect(crossSiteRefusal(req('POST', { ...json, 'sec-fetch-site': 'same-origin' }), '/api/x/y')).toBeNull();
    expect(crossSiteRefusal(req('POST', { ...json, origin: 'http://127.0.0.1:5173' }), '/api/x/y')?.message).toMatch(/Cross-site/);
    expect(crossSiteRefusal(req('POST', { 'content-type': 'text/plain', 'sec-fetch-site': 'same-origin' }), '/api/x/y')?.message).toMatch(/application\/json/);
    for (const method of ['PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      expect(crossSiteRefusal(req(method, { origin: 'http://127.0.0.1:5173' }), '/api/x/y'), method).not.toBeNull();
    }
  });

  it('lets our own reads, links and typed addresses through, and refuses reads another page asks for', () => {
    expect(crossSiteRefusal(req('GET', { 'sec-fetch-site': 'same-origin' }), '/api/events')).toBeNull();
    expect(crossSiteRefusal(req('GET', {}), '/media/track/1')).toBeNull();
    expect(crossSiteRefusal(req('GET', { 'sec-fetch-site': 'none' }), '/')).toBeNull();
    expect(crossSiteRefusal(req('GET', { 'sec-fetch-site': 'cross-site' }), '/')).toBeNull();
    expect(crossSiteRefusal(req('GET', { origin: 'http://127.0.0.1:5173' }), '/api/events')).not.toBeNull();
    expect(crossSiteRefusal(req('GET', { 'sec-fetch-site': 'same-site' }), '/media/track/1')).not.toBeNull();
    expect(crossSiteRefusal(req('HEAD', { 'sec-fetch-site': 'cross-site' }), '/media/cover/x')).not.toBeNull();
  });
});
