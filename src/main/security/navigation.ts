/**
 * Which URLs are the app's own pages (allowed to navigate to and to call IPC) and which external links
 * may be handed to the user's browser. Every decision parses the URL and compares its parts; string
 * prefixes are wrong for install paths with spaces or non-ASCII characters (a page's URL is
 * %-encoded, a path is not) and let `http://localhost:51730` pass for `http://localhost:5173`.
 */
import { EXTERNAL_LINKS } from '../../shared/external-links';
import { APP_HOST, APP_SCHEME } from './app-scheme';

export interface AppPages {
  /** electron-vite's dev server (ELECTRON_RENDERER_URL); null in packaged builds and built runs. */
  devServerUrl: string | null;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True for a page of the app itself: the app scheme's one host, or the dev server's exact origin. */
export function isAppPage(url: string, pages: AppPages): boolean {
  const parsed = parse(url);
  if (!parsed || parsed.username || parsed.password) return false;
  if (parsed.protocol === `${APP_SCHEME}:`) return parsed.host === APP_HOST;
  const dev = pages.devServerUrl ? parse(pages.devServerUrl) : null;
  // http(s) origins are tuples (scheme, host, port); comparing `origin` compares exactly those.
  return dev !== null && (dev.protocol === 'http:' || dev.protocol === 'https:') && parsed.origin === dev.origin;
}

/**
 * The IPC sender check: a call is answered only when it comes from a frame showing an app page.
 * The same test as navigation, kept as its own name because the router depends on exactly this.
 */
export function isTrustedSender(frameUrl: string | null | undefined, pages: AppPages): boolean {
  return typeof frameUrl === 'string' && isAppPage(frameUrl, pages);
}

/**
 * The URL to hand to the user's browser, or null: only http(s) links that the app itself shows
 * (EXTERNAL_LINKS), matched on the parsed, normalized URL, without credentials. Everything else
 * (file:, javascript:, custom schemes, links injected through tags) is refused.
 */
export function externalLinkToOpen(url: string, allowed: readonly string[] = EXTERNAL_LINKS): string | null {
  const parsed = parse(url);
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) return null;
  if (parsed.username || parsed.password) return null;
  const match = allowed.some((link) => parse(link)?.href === parsed.href);
  return match ? parsed.href : null;
}
