/**
 * The `soundlike-media://` protocol: the Electron renderer's only way to read audio and covers.
 * `soundlike-media://track/<id>` and `soundlike-media://cover/<id>`, resolved through MediaFiles, so only
 * files inside library folders (and extracted covers) are ever served. Range requests are answered by
 * hand because audio seeking depends on them.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { protocol } from 'electron';
import { MEDIA_SCHEME } from '../shared/contract';
import { SoundlikeError } from '../shared/errors';
import type { MediaFiles } from './media/media-files';
import { parseRange } from './media/range';

/** Must run before the app is ready. */
export function registerMediaScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true } },
  ]);
}

export function handleMediaProtocol(media: MediaFiles): void {
  protocol.handle(MEDIA_SCHEME, async (request) => {
    const url = new URL(request.url);
    const id = decodeURIComponent(url.pathname.replace(/^\//, ''));
    try {
      const file = url.hostname === 'track' ? await media.track(Number(id)) : url.hostname === 'cover' ? await media.cover(id) : null;
      if (!file) return new Response('Not found', { status: 404 });
      const range = parseRange(request.headers.get('range'), file.size);
      const headers: Record<string, string> = { 'content-type': file.mimeType, 'accept-ranges': 'bytes' };
      if (range === 'unsatisfiable') return new Response(null, { status: 416, headers: { ...headers, 'content-range': `bytes */${file.size}` } });
      const { start, end } = range ?? { start: 0, end: file.size - 1 };
      headers['content-length'] = String(Math.max(0, end - start + 1));
      if (range) headers['content-range'] = `bytes ${start}-${end}/${file.size}`;
      const body = file.size === 0 ? null : (Readable.toWeb(createReadStream(file.path, { start, end })) as ReadableStream);
      return new Response(body, { status: range ? 206 : 200, headers });
    } catch (error) {
      const e = SoundlikeError.from(error);
      return new Response(e.message, { status: e.code === 'INTERNAL' ? 500 : 404 });
    }
  });
}
