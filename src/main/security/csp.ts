/**
 * The Content-Security-Policies, in one place. The renderer's index.html carries RENDERER_CSP as a meta
 * tag (a unit test keeps the two equal); the app scheme and the web host also send theirs as a header,
 * which can add what a meta tag cannot (frame-ancestors). Both policies apply, so each is strict alone.
 */
import { MEDIA_SCHEME } from '../../shared/contract';

/** No plugins, no <base> rewriting, no form posts anywhere: none of them is used, all are attack paths. */
const LOCKDOWN = ["object-src 'none'", "base-uri 'none'", "form-action 'none'"];

/** The meta policy in src/renderer/index.html (both transports load that page). */
export const RENDERER_CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'",
  `img-src 'self' data: ${MEDIA_SCHEME}:`, `media-src 'self' ${MEDIA_SCHEME}: blob:`, "connect-src 'self'",
  ...LOCKDOWN,
].join('; ');

/** Sent with every `soundlike-app://` response. */
export const APP_SCHEME_CSP = `${RENDERER_CSP}; frame-ancestors 'none'`;

/** Sent by the web host with the renderer's files (media comes from /media/, same origin). */
export const WEB_HOST_CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:",
  "media-src 'self' blob:", "connect-src 'self'", ...LOCKDOWN, "frame-ancestors 'none'",
].join('; ');

/** Directive name -> its sources, for tests and checks (`'none'` stays quoted as written). */
export function parseCsp(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name && !directives.has(name.toLowerCase())) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}
