/**
 * The web host: the same contract as Electron IPC, over HTTP (one POST per command) and Server-Sent
 * Events (every event), plus media with Range support and the built renderer. Binds 127.0.0.1 by
 * default; every request must carry the per-run token (see shared/web-protocol.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WEB_HOST_DEFAULTS } from '../../shared/defaults';
import { SoundlikeError, type Envelope } from '../../shared/errors';
import { EVENTS_PATH, TOKEN_QUERY, tokenCookie } from '../../shared/web-protocol';
import { desktopOnly } from '../desktop/desktop-service';
import type { SoundlikeApi } from '../../shared/contract';
import type { MediaSource } from '../media/open-checked';
import { inProcessRelay, type JsonRelay } from '../ipc/json-relay';
import { WEB_HOST_CSP } from '../security/csp';
import { addressHasToken, isAllowedHost, isAuthorized, newToken } from './auth';
import { exposureWarning, requireBindHost } from './binding';
import { crossSiteRefusal } from './request-guard';
import { sendMediaFile } from './send-file';
import { serveStatic } from './static-files';

export interface WebHostOptions {
  /** The services in this process, or the service host's supervisor (`soundlike serve --service-host`). */
  services: { api: SoundlikeApi; media: MediaSource; relay?: JsonRelay };
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
  /** Said loudly by every front end when the host is reachable from other computers; null on loopback. */
  warning: string | null;
  close(): Promise<void>;
}

/** The policy sent with the renderer's files; defined with the Electron ones in security/csp.ts. */
export const CONTENT_SECURITY_POLICY = WEB_HOST_CSP;

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
  // JSON text as the service host sent it (or as the in-process relay writes it): never parsed here.
  const unsubscribe = (services.relay ?? inProcessRelay(services.api)).onEventJson((channel, json) => {
    res.write(`event: ${channel}\ndata: ${json}\n\n`);
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
<p>Open the address Soundlike printed when it started (<code>soundlike serve</code>, <code>npm start</code> or
<code>npm run demo</code>): it ends in <code>?token=...</code>. Each run makes a new one, so only you can reach your library.</p></body>`;

/** The request's address; a target the URL parser refuses (e.g. `http://[`) is null, answered 400. */
function requestUrl(req: IncomingMessage): URL | null {
  try {
    return new URL(req.url ?? '/', 'http://localhost');
  } catch {
    return null;
  }
}

async function handle(req: IncomingMessage, res: ServerResponse, options: Required<Omit<WebHostOptions, 'token' | 'rendererDir'>> & { token: string; rendererDir: string | null }): Promise<void> {
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  const url = requestUrl(req);
  if (!url) {
    sendError(res, 400, new SoundlikeError('INVALID_ARGUMENT', 'Malformed request address.'));
    return;
  }
  if (!isAllowedHost(req, options.port, options.host)) {
    sendError(res, 403, new SoundlikeError('INVALID_ARGUMENT', 'Unexpected Host header.'));
    return;
  }
  const refusal = crossSiteRefusal(req, url.pathname);
  if (refusal) {
    res.setHeader('connection', 'close'); // a refused body is never read: do not reuse this connection
    sendError(res, 403, refusal);
    return;
  }
  const cookieName = tokenCookie(options.port);
  if (!isAuthorized(req, url, options.token, cookieName)) {
    if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/media/')) {
      sendError(res, 401, new SoundlikeError('INVALID_ARGUMENT', 'Missing or wrong access token.', 'Open the link soundlike serve printed.'));
    } else {
      res.writeHead(401, { 'content-type': 'text/html; charset=utf-8' });
      res.end(UNAUTHORIZED_PAGE);
    }
    return;
  }
  // A page opened with ?token=: keep this run's token in this port's HttpOnly cookie (replacing what an
  // earlier run left) and drop it from the address bar. A stale token got here on a valid cookie: only dropped.
  if (req.method === 'GET' && url.searchParams.has(TOKEN_QUERY) && !url.pathname.startsWith('/api/') && !url.pathname.startsWith('/media/')) {
    const fresh = addressHasToken(url, options.token);
    url.searchParams.delete(TOKEN_QUERY);
    res.writeHead(302, {
      ...(fresh ? { 'set-cookie': `${cookieName}=${encodeURIComponent(options.token)}; HttpOnly; SameSite=Strict; Path=/` } : {}),
      'cache-control': 'no-store',
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
    if (command[1] === 'desktop') {
      // Native dialogs belong to the desktop app; a page must never pop one up (or pick a file) on the server's screen.
      res.setHeader('connection', 'close');
      sendJson(res, 200, { ok: false, error: desktopOnly().toJSON() } satisfies Envelope<never>);
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
    const text = await (options.services.relay ?? inProcessRelay(options.services.api)).invokeJson(command[1], command[2], args);
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
    res.end(text);
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

/**
 * There is no WebSocket here (events are Server-Sent Events), so every upgrade is refused; one from
 * another origin gets 403, as for a cross-site command, so a probing page learns nothing more.
 */
function refuseUpgrade(req: IncomingMessage, socket: Duplex): void {
  const origin = req.headers.origin;
  const foreign = origin !== undefined && origin.toLowerCase() !== `http://${(req.headers.host ?? '').toLowerCase()}`;
  const status = foreign ? '403 Forbidden' : '426 Upgrade Required';
  const body = foreign ? 'Cross-site request refused.\n' : 'Soundlike has no WebSocket; events are at /api/events (Server-Sent Events).\n';
  socket.end(`HTTP/1.1 ${status}\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const host = requireBindHost(options.host ?? WEB_HOST_DEFAULTS.host);
  const token = options.token ?? newToken();
  const settings = { services: options.services, rendererDir: options.rendererDir, host, port: 0, token };
  const server = createServer((req, res) => {
    handle(req, res, settings).catch((error) => {
      console.error('[soundlike] web request failed:', error);
      if (!res.headersSent) sendError(res, 500, SoundlikeError.from(error));
      else res.destroy();
    });
  });
  server.on('upgrade', refuseUpgrade);
  await listen(server, host, options.port ?? WEB_HOST_DEFAULTS.port);
  settings.port = (server.address() as AddressInfo).port;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${settings.port}`;
  return {
    url: `${origin}/?${TOKEN_QUERY}=${token}`,
    origin,
    token,
    port: settings.port,
    warning: exposureWarning(host, origin),
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
