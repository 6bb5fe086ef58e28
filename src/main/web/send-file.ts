/** Sends a media file with HTTP Range support (audio elements seek with ranges). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MediaFile } from '../media/media-files';
import { parseRange } from '../media/range';

export function sendMediaFile(req: IncomingMessage, res: ServerResponse, file: MediaFile): void {
  const range = parseRange(req.headers.range, file.size);
  const common = { 'content-type': file.mimeType, 'accept-ranges': 'bytes', 'cache-control': 'private, max-age=3600' };
  if (range === 'unsatisfiable') {
    file.close();
    res.writeHead(416, { ...common, 'content-range': `bytes */${file.size}` });
    res.end();
    return;
  }
  const { start, end } = range ?? { start: 0, end: file.size - 1 };
  res.writeHead(range ? 206 : 200, {
    ...common,
    'content-length': Math.max(0, end - start + 1),
    ...(range ? { 'content-range': `bytes ${start}-${end}/${file.size}` } : {}),
  });
  if (req.method === 'HEAD' || file.size === 0) {
    file.close();
    res.end();
    return;
  }
  // Read through MediaFiles' open, checked handle: reopening the path could reach a re-pointed link's new target.
  const stream = file.stream(start, end);
  stream.on('error', () => res.destroy());
  res.on('close', () => stream.destroy());
  stream.pipe(res);
}
