/**
 * The web host: the same contract as Electron IPC, over HTTP (one POST per command) and Server-Sent
 * Events (every event), plus media with Range support and the built renderer. Binds 127.0.0.1 by
 * default; every request must carry the per-run token (see shared/web-protocol.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WEB_HOST_DEFAULTS } from '../../shared/defaults';
import { SoundlikeError, type Envelope } from '../../shared/errors';
import { EVENTS_PATH, TOKEN_COOKIE, TOKEN_QUERY } from '../../shared/web-protocol';
import { invokeCommand, subscribeAll } from '../ipc/dispatch';
import type { Services } from '../services';
import { isAllowedHost, isAuthorized, newToken } from './auth';
import { sendMediaFile } from './send-file';
import { serveStatic } from './static-files';

export interface WebHostOptions {
  services: Pick<Services, 'api' | 'media'>;
  /** Folder of the built renderer (out/renderer); null serves the API only. */
  rendererDir: string | null;
  host?: string;
  port?: number;
  /** Fixed token (tests); a fresh random one otherwise. */
  token?: string;
}

export interface WebHost {
  /** Open this in a browser: it carries the token once, then a cookie does. */
  url: string;
  origin: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:",
  "media-src 'self' blob:", "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'",
].join('; ');

const MAX_BODY = 4 * 1024 * 1024;

/** decodeURIComponent that turns a malformed escape into a 400, not a crash. */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new SoundlikeError('INVALID_ARGUMENT', 'Malformed %-escape in the address.');
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function sendError(res: ServerResponse, status: number, error: SoundlikeError): void {
  const envelope: Envelope<never> = { ok: false, error: error.toJSON() };
  sendJson(res, status, envelope);
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new SoundlikeError('INVALID_ARGUMENT', 'Request body too large.');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return [];
  try {
    return JSON.parse(text);
  } catch {
    throw new SoundlikeError('INVALID_ARGUMENT', 'Request body is not JSON.');
  }
}

function openEventStream(req: IncomingMessage, res: ServerResponse, services: WebHostOptions['services']): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
  res.write(': connected\n\n');
  const unsubscribe = subscribeAll(services.api, (channel, payload) => {
    res.write(`event: ${channel}\ndata: ${JSON.stringify(payload)}\n\n`);
  });
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
  req.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
}

const UNAUTHORIZED_PAGE = `<!doctype html><meta charset="utf-8"><title>Soundlike</title>
<body style="font:16px system-ui;background:#111;color:#eee;padding:3em">
<h1>Soundlike needs its access link</h1>
<p>Open the address that <code>soundlike serve</code> printed: it ends in <code>?token=...</code>.
Each run makes a new one, so only you can reach your library.</p></body>`;

async function handle(req: IncomingMessage, res: ServerResponse, options: Required<Omit<WebHostOptions, 'token' | 'rendererDir'>> & { token: string; rendererDir: string | null }): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  if (!isAllowedHost(req, options.port, options.host)) {
    sendError(res, 403, new SoundlikeError('INVALID_ARGUMENT', 'Unexpected Host header.'));
    return;
  }
  if (!isAuthorized(req, url, options.token)) {
    if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/media/')) {
      sendError(res, 401, new SoundlikeError('INVALID_ARGUMENT', 'Missing or wrong access token.', 'Open the link soundlike serve printed.'));
    } else {
      res.writeHead(401, { 'content-type': 'text/html; charset=utf-8' });
      res.end(UNAUTHORIZED_PAGE);
    }
    return;
  }
  // First visit with ?token=: keep it in an HttpOnly cookie and drop it from the address bar.
  if (req.method === 'GET' && url.searchParams.has(TOKEN_QUERY) && !url.pathname.startsWith('/api/') && !url.pathname.startsWith('/media/')) {
    url.searchParams.delete(TOKEN_QUERY);
    res.writeHead(302, {
      'set-cookie': `${TOKEN_COOKIE}=${encodeURIComponent(options.token)}; HttpOnly; SameSite=Strict; Path=/`,
      location: url.pathname + url.search,
    });
    res.end();
    return;
  }

  const { pathname } = url;
  try {
    safeDecode(pathname);
  } catch (error) {
    sendError(res, 400, SoundlikeError.from(error));
    return;
  }
  if (pathname === EVENTS_PATH && req.method === 'GET') {
    openEventStream(req, res, options.services);
    return;
  }
  const command = /^\/api\/([A-Za-z]+)\/([A-Za-z][A-Za-z0-9]*)$/.exec(pathname);
  if (command) {
    if (req.method !== 'POST') {
      sendError(res, 405, new SoundlikeError('INVALID_ARGUMENT', 'Commands are POST requests.'));
      return;
    }
    let args: unknown;
    try {
      args = await readBody(req);
    } catch (error) {
      res.setHeader('connection', 'close'); // the rest of the body is unread: do not reuse this connection
      sendError(res, 400, SoundlikeError.from(error));
      return;
    }
    sendJson(res, 200, await invokeCommand(options.services.api, command[1], command[2], args));
    return;
  }
  const media = /^\/media\/(track|cover)\/([^/]+)$/.exec(pathname);
  if (media && (req.method === 'GET' || req.method === 'HEAD')) {
    try {
      const file = media[1] === 'track'
        ? await options.services.media.track(Number(media[2]))
        : await options.services.media.cover(safeDecode(media[2]));
      sendMediaFile(req, res, file);
    } catch (error) {
      const e = SoundlikeError.from(error);
      sendError(res, e.code === 'INTERNAL' ? 500 : e.code === 'INVALID_ARGUMENT' && /Malformed/.test(e.message) ? 400 : 404, e);
    }
    return;
  }
  if (req.method === 'GET' && options.rendererDir) {
    res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
    if (await serveStatic(options.rendererDir, pathname, res)) return;
    // Client-side routes fall back to the app shell.
    if (!pathname.includes('.') && (await serveStatic(options.rendererDir, '/', res))) return;
  }
  if (req.method === 'GET' && !options.rendererDir && pathname === '/') {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('The Soundlike interface is not built. Run `npm run build`, then start the web host again.\n');
    return;
  }
  sendError(res, 404, new SoundlikeError('INVALID_ARGUMENT', `Nothing at ${pathname}.`));
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (error.code === 'EADDRINUSE') {
        reject(new SoundlikeError('PORT_IN_USE', `Port ${port} on ${host} is already in use.`,
          'Stop the program using it, or choose another port with --port N (--port 0 picks a free one).'));
      } else if (error.code === 'EACCES') {
        reject(new SoundlikeError('PORT_IN_USE', `Not allowed to listen on ${host}:${port}.`, 'Choose a port above 1024 with --port N.'));
      } else {
        reject(error);
      }
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const host = options.host ?? WEB_HOST_DEFAULTS.host;
  const token = options.token ?? newToken();
  const settings = { services: options.services, rendererDir: options.rendererDir, host, port: 0, token };
  const server = createServer((req, res) => {
    handle(req, res, settings).catch((error) => {
      console.error('[soundlike] web request failed:', error);
      if (!res.headersSent) sendError(res, 500, SoundlikeError.from(error));
      else res.destroy();
    });
  });
  await listen(server, host, options.port ?? WEB_HOST_DEFAULTS.port);
  settings.port = (server.address() as AddressInfo).port;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${settings.port}`;
  return {
    url: `${origin}/?${TOKEN_QUERY}=${token}`,
    origin,
    token,
    port: settings.port,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
