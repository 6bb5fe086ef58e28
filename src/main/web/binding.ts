/**
 * Which address the web host may bind, and what to tell the user when it is reachable from other
 * machines: an empty host would silently mean every interface, and off loopback the per-run token is
 * the only thing between the network and the library.
 */
import { isIP } from 'node:net';
import { SoundlikeError } from '../../shared/errors';

/** The host to bind, trimmed; refuses an empty one (Node would listen on every interface). */
export function requireBindHost(host: string): string {
  const trimmed = host.trim();
  if (trimmed === '') {
    throw new SoundlikeError('INVALID_ARGUMENT', 'The address to listen on is empty (an empty --host would mean every network interface).',
      'Leave --host out to serve only this computer (127.0.0.1), or name an address, e.g. --host 192.168.1.5.');
  }
  return trimmed;
}

/** True for addresses only this computer can reach: 127.0.0.0/8, ::1 (also IPv4-mapped) and localhost. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) !== 6) return false;
  // The URL parser writes IPv6 in its one short form (0:0:0:0:0:0:0:1 -> ::1, ::ffff:127.0.0.1 -> ::ffff:7f00:1).
  const short = new URL(`http://[${h}]`).hostname.slice(1, -1);
  return short === '::1' || /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(short);
}

/** The loud warning for a host other computers can reach, or null on loopback. */
export function exposureWarning(host: string, origin: string): string | null {
  if (isLoopbackHost(host)) return null;
  const everywhere = host === '0.0.0.0' || host === '::' || host === '[::]';
  const where = everywhere ? `on every network interface (${host})` : `on ${host}`;
  return [
    `WARNING: Soundlike is listening ${where}, so other computers on the network can reach ${origin}.`,
    'The access token in the link is now the ONLY protection of your library and its files: share the link with no one,',
    'and stop this server (Ctrl+C) and leave --host out (127.0.0.1, this computer only) unless other devices need it.',
  ].join('\n');
}
