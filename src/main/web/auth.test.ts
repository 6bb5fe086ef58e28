import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { addressHasToken, isAllowedHost, isAuthorized as authorizedBy, newToken, presentedTokens } from './auth';

const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;
const url = (path: string) => new URL(path, 'http://127.0.0.1:7878');
const COOKIE = 'soundlike_token_7878';
const isAuthorized = (r: IncomingMessage, u: URL, token: string) => authorizedBy(r, u, token, COOKIE);

describe('web host auth', () => {
  it('makes long, URL-safe, different tokens', () => {
    const a = newToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(newToken()).not.toBe(a);
  });

  it('reads the bearer header, then the address, then this port\'s cookie', () => {
    expect(presentedTokens(req({ authorization: 'Bearer abc', cookie: `${COOKIE}=c` }), url('/?token=zzz'), COOKIE)).toEqual(['abc', 'zzz', 'c']);
    expect(presentedTokens(req({ cookie: `theme=dark; ${COOKIE}=c%2Fd; x=1` }), url('/'), COOKIE)).toEqual(['c/d']);
    expect(presentedTokens(req({}), url('/media/track/1?token=q'), COOKIE)).toEqual(['q']);
    expect(presentedTokens(req({ authorization: 'Basic abc' }), url('/'), COOKIE)).toEqual([]);
    // Another port's cookie (browsers send every port's cookies to each) and the old unscoped name are not read.
    expect(presentedTokens(req({ cookie: 'soundlike_token_7879=other; soundlike_token=old' }), url('/'), COOKIE)).toEqual([]);
  });

  it('lets a valid token in the address in past a stale cookie, and a valid cookie past a stale address', () => {
    const token = 'the-token';
    expect(isAuthorized(req({ cookie: `${COOKIE}=old-run` }), url(`/?token=${token}`), token)).toBe(true);
    expect(isAuthorized(req({ cookie: `${COOKIE}=${token}` }), url('/?token=old-run'), token)).toBe(true);
    expect(isAuthorized(req({ cookie: `${COOKIE}=old-run` }), url('/?token=older-run'), token)).toBe(false);
    expect(isAuthorized(req({ cookie: `soundlike_token_7879=${token}` }), url('/'), token)).toBe(false);
    expect(addressHasToken(url(`/?token=${token}`), token)).toBe(true);
    expect(addressHasToken(url('/?token=old-run'), token)).toBe(false);
    expect(addressHasToken(url('/'), token)).toBe(false);
  });

  it('authorises only the exact token', () => {
    const token = 'the-token';
    expect(isAuthorized(req({ authorization: `Bearer ${token}` }), url('/'), token)).toBe(true);
    expect(isAuthorized(req({ authorization: 'Bearer the-toke' }), url('/'), token)).toBe(false);
    expect(isAuthorized(req({ authorization: 'Bearer the-token-and-more' }), url('/'), token)).toBe(false);
    expect(isAuthorized(req({}), url('/'), token)).toBe(false);
    expect(isAuthorized(req({ cookie: `${COOKIE}=` }), url('/'), token)).toBe(false);
  });

  it('treats a malformed cookie or token as a wrong credential, never a crash', () => {
    const token = 'the-token';
    for (const cookie of [`${COOKIE}=%E0%A4%A`, `${COOKIE}=%`, `${COOKIE}=%ZZ`, `a=1; ${COOKIE}=%C0%80`]) {
      expect(() => isAuthorized(req({ cookie }), url('/'), token), cookie).not.toThrow();
      expect(isAuthorized(req({ cookie }), url('/'), token), cookie).toBe(false);
    }
    for (const authorization of ['Bearer %E0%A4%A', 'Bearer \u00ff\u00fe', 'Bearer ', 'Bearer the-token\u0000']) {
      expect(isAuthorized(req({ authorization }), url('/'), token), authorization).toBe(false);
    }
    expect(isAuthorized(req({}), url('/?token=%E0%A4%A'), token)).toBe(false);
  });

  it('allows loopback names on the bound port only', () => {
    for (const host of ['127.0.0.1:7878', 'localhost:7878', 'LOCALHOST:7878', '[::1]:7878']) {
      expect(isAllowedHost(req({ host }), 7878, '127.0.0.1'), host).toBe(true);
    }
    for (const host of ['127.0.0.1:7879', 'evil.example:7878', 'localhost', '', '127.0.0.1.nip.io:7878']) {
      expect(isAllowedHost(req({ host }), 7878, '127.0.0.1'), host).toBe(false);
    }
    expect(isAllowedHost(req({}), 7878, '127.0.0.1')).toBe(false);
  });

  it('allows the address it is bound to', () => {
    expect(isAllowedHost(req({ host: '192.168.1.5:7878' }), 7878, '192.168.1.5')).toBe(true);
    expect(isAllowedHost(req({ host: '[fd00::2]:7878' }), 7878, 'fd00::2')).toBe(true);
  });
});
