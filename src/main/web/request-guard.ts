/**
 * Cross-site request refusal for the web host. The token cookie does not tell our page from another
 * page on the same machine (SameSite ignores ports), so a request that can change anything must prove it
 * comes from our own origin and carry JSON, which no plain form or no-cors fetch can send.
 */
import type { IncomingMessage } from 'node:http';
import { SoundlikeError } from '../../shared/errors';

const SAFE_METHODS = new Set(['GET', 'HEAD']);

const REFUSED_HINT = 'Only the Soundlike page itself may send commands. Open the link soundlike serve printed; '
  + 'scripts send `Origin: <the address it printed>` and `Content-Type: application/json`.';

/** The origin a page served by this request's (already checked) Host header has. */
function selfOrigin(req: IncomingMessage): string {
  return `http://${(req.headers.host ?? '').toLowerCase()}`;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/**
 * True when the request comes from this host's own pages (or a script that says so). `Sec-Fetch-Site`
 * is what browsers set and pages cannot forge; our page sends `Origin: null` on POSTs because it uses
 * `Referrer-Policy: no-referrer`, so Origin alone would refuse our own calls. A named foreign Origin is
 * refused whatever else the request says.
 */
export function isSameOrigin(req: IncomingMessage): boolean {
  const origin = header(req, 'origin')?.toLowerCase();
  const site = header(req, 'sec-fetch-site')?.toLowerCase();
  if (origin !== undefined && origin !== 'null' && origin !== selfOrigin(req)) return false;
  if (site !== undefined) return site === 'same-origin';
  return origin === selfOrigin(req);
}

/** `application/json`, with or without parameters such as charset. */
export function isJsonContentType(req: IncomingMessage): boolean {
  const type = header(req, 'content-type')?.split(';')[0].trim().toLowerCase();
  return type === 'application/json';
}

/**
 * Why this request is refused as cross-site (answer 403), or null when it may go on. Every request that
 * is not GET/HEAD must be same-origin JSON; reads (events, media) are refused only when another site
 * asked for them, so links, audio elements and the event stream of our own page keep working.
 */
export function crossSiteRefusal(req: IncomingMessage, pathname: string): SoundlikeError | null {
  const method = (req.method ?? 'GET').toUpperCase();
  if (!SAFE_METHODS.has(method)) {
    if (!isSameOrigin(req)) return new SoundlikeError('INVALID_ARGUMENT', 'Cross-site request refused: it did not come from the Soundlike page.', REFUSED_HINT);
    if (!isJsonContentType(req)) return new SoundlikeError('INVALID_ARGUMENT', 'Command refused: its body must be sent as application/json.', REFUSED_HINT);
    return null;
  }
  const origin = header(req, 'origin')?.toLowerCase();
  if (origin !== undefined && origin !== 'null' && origin !== selfOrigin(req)) {
    return new SoundlikeError('INVALID_ARGUMENT', `Cross-site request refused: a page at ${origin} may not read Soundlike.`, REFUSED_HINT);
  }
  const site = header(req, 'sec-fetch-site')?.toLowerCase();
  const reads = pathname.startsWith('/api/') || pathname.startsWith('/media/');
  if (reads && (site === 'same-site' || site === 'cross-site')) {
    return new SoundlikeError('INVALID_ARGUMENT', 'Cross-site request refused: another page asked for Soundlike data.', REFUSED_HINT);
  }
  return null;
}
