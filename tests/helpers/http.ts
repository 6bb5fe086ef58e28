/** A raw HTTP client for web-host tests: full control over headers (Host, Cookie, Range), no redirects. */
import { request, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  json<T = unknown>(): T;
}

export function httpRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; /** A connection of its own, never reused. */ fresh?: boolean } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers, ...(options.fresh ? { agent: false } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: <T>() => JSON.parse(body.toString('utf8')) as T });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(15_000, () => req.destroy(new Error(`HTTP request to ${url} timed out`)));
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

export interface SseMessage {
  event: string;
  data: unknown;
}

/** An open Server-Sent-Events stream; `next(predicate)` waits for a matching message. */
export interface SseStream {
  messages: SseMessage[];
  next(predicate: (m: SseMessage) => boolean, timeoutMs?: number): Promise<SseMessage>;
  close(): void;
}

export function openSse(url: string, headers: Record<string, string>): Promise<SseStream> {
  return new Promise((resolve, reject) => {
    const messages: SseMessage[] = [];
    const waiters = new Set<() => void>();
    let buffer = '';
    const req = request(url, { agent: false, headers: { accept: 'text/event-stream', ...headers } }, (res: IncomingMessage) => {
      if (res.statusCode !== 200) {
        reject(new Error(`SSE answered ${res.statusCode}`));
        res.resume();
        return;
      }
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let event = 'message';
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith('event: ')) event = line.slice(7);
            else if (line.startsWith('data: ')) data.push(line.slice(6));
          }
          if (data.length > 0) messages.push({ event, data: JSON.parse(data.join('\n')) });
        }
        for (const wake of [...waiters]) wake();
      });
      resolve({
        messages,
        next: (predicate, timeoutMs = 15_000) => new Promise<SseMessage>((res2, rej2) => {
          let seen = 0;
          const check = () => {
            for (; seen < messages.length; seen++) {
              if (predicate(messages[seen])) {
                waiters.delete(check);
                clearTimeout(timer);
                res2(messages[seen]);
                return;
              }
            }
          };
          const timer = setTimeout(() => {
            waiters.delete(check);
            rej2(new Error(`No matching SSE message in ${timeoutMs} ms; got ${messages.map((m) => m.event).join(', ')}`));
          }, timeoutMs);
          waiters.add(check);
          check();
        }),
        close: () => req.destroy(),
      });
    });
    req.on('error', (error) => {
      if ((error as NodeJS.ErrnoException).code !== 'ECONNRESET') reject(error);
    });
    req.end();
  });
}
