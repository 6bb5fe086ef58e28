/**
 * How the web host carries the contract over HTTP: one POST per command, one Server-Sent-Events stream
 * for every event, media by id. Shared by the server (src/main/web) and the browser client.
 *
 * Auth: every request needs the per-run token, as `Authorization: Bearer <token>`, as `?token=`, or as
 * the `soundlike_token_<port>` cookie (set when the browser opens `/?token=<token>`). A token in the address
 * is read before the cookie, and the cookie is named per port because browsers send a host's cookies to
 * all its ports: two hosts (or a restarted one) never read each other's.
 * Commands (POST) must also come from the host's own origin (`Sec-Fetch-Site: same-origin`, or an
 * `Origin` equal to the host's) with `Content-Type: application/json`; anything else is 403, so another
 * page on this machine cannot drive Soundlike with the user's cookie (see main/web/request-guard.ts).
 */
import type { ServiceName } from './contract';

export const TOKEN_COOKIE = 'soundlike_token';
/** The cookie of the host listening on `port` (cookies are not kept apart by port, so the name is). */
export function tokenCookie(port: number): string {
  return `${TOKEN_COOKIE}_${port}`;
}
export const TOKEN_QUERY = 'token';
export const EVENTS_PATH = '/api/events';

/** POST body: the JSON array of arguments. Response: an Envelope. */
export function commandPath(service: ServiceName, member: string): string {
  return `/api/${service}/${member}`;
}

/** GET, with HTTP Range support. Served only when the track's file lies inside a library folder. */
export function trackMediaPath(trackId: number): string {
  return `/media/track/${trackId}`;
}

export function coverMediaPath(coverId: string): string {
  return `/media/cover/${encodeURIComponent(coverId)}`;
}

/** One SSE message: `event: <channel>` + `data: <JSON payload>`. */
export interface EventMessage {
  channel: string;
  payload: unknown;
}
