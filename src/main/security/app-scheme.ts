/**
 * The `soundlike-app://app/` scheme the Electron window loads instead of a `file://` page: a `file://`
 * page may read any local file and has an opaque origin, so the app is served from its own origin and
 * only from the built renderer folder. Path logic lives here, free of Electron, so it is unit-tested.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

export const APP_SCHEME = 'soundlike-app';
/** A standard scheme needs a host; the app has exactly one. */
export const APP_HOST = 'app';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon',
  '.json': 'application/json', '.woff2': 'font/woff2', '.wasm': 'application/wasm', '.map': 'application/json',
};

/** True when `child` is `root` itself or lies below it (compared as resolved paths, never as string prefixes). */
export function isInside(root: string, child: string): boolean {
  const rel = relative(root, child);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/**
 * The file a `soundlike-app://app/...` URL names inside `rendererDir`, or null for anything else:
 * another scheme or host, a malformed escape, a NUL, a `..` segment (plain or %-encoded, with either
 * slash), or a path that resolves outside the folder. `/` is the app shell.
 */
export function resolveAppPath(rendererDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username || url.password) return null;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  const segments = path.split(/[/\\]+/).filter(Boolean);
  if (segments.some((s) => s === '..' || s === '.')) return null;
  if (segments.length === 0) segments.push('index.html');
  const root = resolve(rendererDir);
  const file = resolve(root, ...segments);
  return file !== root && isInside(root, file) ? file : null;
}

export interface AppFile {
  body: Buffer;
  contentType: string;
}

/**
 * Reads the file a request names, or null (404). Links are resolved and must still land inside the
 * renderer folder, so a link placed in the build output cannot reach the rest of the disk.
 */
export async function readAppFile(rendererDir: string, requestUrl: string): Promise<AppFile | null> {
  const file = resolveAppPath(rendererDir, requestUrl);
  if (!file) return null;
  try {
    const [root, real] = await Promise.all([realpath(rendererDir), realpath(file)]);
    if (!isInside(root, real) || !(await stat(real)).isFile()) return null;
    return { body: await readFile(real), contentType: TYPES[extname(real).toLowerCase()] ?? 'application/octet-stream' };
  } catch {
    return null;
  }
}
