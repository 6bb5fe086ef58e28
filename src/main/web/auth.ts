/** The web host's per-run secret: made at start, checked on every request in constant time. */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { TOKEN_QUERY } from '../../shared/web-protocol';

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The cookie's value; a malformed %-escape (e.g. `%E0%A4%A`) is a wrong credential, never a crash, so it
 * comes back as a value no token equals and the request gets 401 like any other wrong token.
 */
function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key !== name) continue;
    try {
      return decodeURIComponent(rest.join('='));
    } catch {
      return '';
    }
  }
  return null;
}

/**
 * Every token a request carries, in the order they are read: the Authorization header, the address
 * (`?token=`), then the cookie named `cookieName` (this host's; see tokenCookie). The address comes before
 * the cookie so a freshly printed link works whatever an older run left in the browser.
 */
export function presentedTokens(req: IncomingMessage, url: URL, cookieName: string): string[] {
  const auth = req.headers.authorization;
  const found = [
    auth?.startsWith('Bearer ') ? auth.slice(7).trim() : null,
    url.searchParams.get(TOKEN_QUERY),
    cookieValue(req.headers.cookie, cookieName),
  ];
  return found.filter((t): t is string => t !== null);
}

/**
 * True when any token the request carries is this run's. A stale `?token=` beside a valid cookie is let
 * in: the cookie already proves this browser holds this run's link (an old bookmark must not lock the
 * user out of a session they have), and the page address is cleaned without touching the cookie.
 */
export function isAuthorized(req: IncomingMessage, url: URL, token: string, cookieName: string): boolean {
  return presentedTokens(req, url, cookieName).some((presented) => same(presented, token));
}

/** True when the address carries exactly this run's token (the page then stores it in the cookie). */
export function addressHasToken(url: URL, token: string): boolean {
  const presented = url.searchParams.get(TOKEN_QUERY);
  return presented !== null && same(presented, token);
}

/**
 * Rejects requests whose Host is not this server (a DNS-rebinding page in the user's browser would
 * send its own host name), so only pages served from here can reach the API.
 */
export function isAllowedHost(req: IncomingMessage, port: number, boundHost: string): boolean {
  const host = (req.headers.host ?? '').toLowerCase();
  if (boundHost === '0.0.0.0' || boundHost === '::') {
    // Listening on every interface: LAN clients name this machine by address. A rebinding attack
    // needs a host *name*, so IP literals are safe to accept (the token still guards every request).
    const literal = /^(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-f:.]+\]):(\d+)$/.exec(host);
    if (literal && Number(literal[3]) === port) return true;
  }
  const names = ['127.0.0.1', 'localhost', '[::1]', boundHost.includes(':') ? `[${boundHost}]` : boundHost.toLowerCase()];
  return names.some((name) => host === `${name}:${port}`);
}
