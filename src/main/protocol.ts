/**
 * The two custom protocols. `soundlike-app://app/` serves the built renderer (the window never shows a
 * `file://` page; see security/app-scheme.ts). `soundlike-media://` is the renderer's only way to read
 * audio and covers: `soundlike-media://track/<id>` and `soundlike-media://cover/<id>`, resolved through
 * the service host's MediaFiles (located there, opened and checked here: media/open-checked.ts), so only
 * files inside library folders (and extracted covers) are ever served. Range
 * requests are answered by hand because audio seeking depends on them.
 */
import { Readable } from 'node:stream';
import { protocol } from 'electron';
import { MEDIA_SCHEME } from '../shared/contract';
import { SoundlikeError } from '../shared/errors';
import type { MediaSource } from './media/open-checked';
import { parseRange } from './media/range';
import { APP_SCHEME, readAppFile } from './security/app-scheme';
import { APP_SCHEME_CSP } from './security/csp';

/** Must run before the app is ready, and only once (Electron keeps the last list): both schemes here. */
export function registerSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    // standard: a real origin (soundlike-app://app), so 'self' in the CSP and same-origin rules work;
    // secure: a secure context like https. Not corsEnabled: no other origin may read the app's files.
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer folder and nothing outside it; unknown paths are 404. */
export function handleAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const headers = { 'content-security-policy': APP_SCHEME_CSP, 'x-content-type-options': 'nosniff', 'cache-control': 'no-cache' };
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('Method not allowed', { status: 405, headers });
    const file = await readAppFile(rendererDir, request.url);
    if (!file) return new Response('Not found', { status: 404, headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' } });
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(file.body), { status: 200, headers: { ...headers, 'content-type': file.contentType } });
  });
}

export function handleMediaProtocol(media: MediaSource): void {
  protocol.handle(MEDIA_SCHEME, async (request) => {
    const url = new URL(request.url);
    const id = decodeURIComponent(url.pathname.replace(/^\//, ''));
    try {
      const file = url.hostname === 'track' ? await media.track(Number(id)) : url.hostname === 'cover' ? await media.cover(id) : null;
      if (!file) return new Response('Not found', { status: 404 });
      const range = parseRange(request.headers.get('range'), file.size);
      const headers: Record<string, string> = { 'content-type': file.mimeType, 'accept-ranges': 'bytes' };
      if (range === 'unsatisfiable') {
        file.close();
        return new Response(null, { status: 416, headers: { ...headers, 'content-range': `bytes */${file.size}` } });
      }
      const { start, end } = range ?? { start: 0, end: file.size - 1 };
      headers['content-length'] = String(Math.max(0, end - start + 1));
      if (range) headers['content-range'] = `bytes ${start}-${end}/${file.size}`;
      if (file.size === 0) file.close();
      // Read through MediaFiles' open, checked handle: reopening the path could reach a re-pointed link's new target.
      const body = file.size === 0 ? null : (Readable.toWeb(file.stream(start, end)) as ReadableStream);
      return new Response(body, { status: range ? 206 : 200, headers });
    } catch (error) {
      const e = SoundlikeError.from(error);
      return new Response(e.message, { status: e.code === 'INTERNAL' ? 500 : 404 });
    }
  });
}
