/** The web host's per-run secret: made at start, checked on every request in constant time. */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { TOKEN_COOKIE, TOKEN_QUERY } from '../../shared/web-protocol';

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

/** The token a request carries, from the Authorization header, the cookie, or the query. */
export function presentedToken(req: IncomingMessage, url: URL): string | null {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  return cookieValue(req.headers.cookie, TOKEN_COOKIE) ?? url.searchParams.get(TOKEN_QUERY);
}

export function isAuthorized(req: IncomingMessage, url: URL, token: string): boolean {
  const presented = presentedToken(req, url);
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
