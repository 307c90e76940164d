// A real HTTP server on 127.0.0.1:<ephemeral port> with scripted handlers, for tests that
// must go through real sockets (undici, redirects, slow bodies, hangs). Servers started
// inside a test close themselves when the test ends; started elsewhere (beforeAll), call
// close() yourself (or closeAllLoopbackServers() in afterAll).
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { onTestFinished } from 'vitest';

export interface RecordedRequest {
  readonly method: string;
  /** Path and query as sent, e.g. `/vast?sid=1`. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** 0-based order of arrival. */
  readonly index: number;
  readonly receivedAtMs: number;
}

export type LoopbackHandler = (req: IncomingMessage, res: ServerResponse, recorded: RecordedRequest) => void | Promise<void>;

export interface LoopbackServer {
  /** `http://127.0.0.1:<port>` without a trailing slash. */
  readonly origin: string;
  readonly port: number;
  /** Every request received so far, in order. */
  readonly requests: readonly RecordedRequest[];
  /** `origin + path`. */
  url(path: string): string;
  /** Stops listening and destroys open sockets (hanging handlers included). Idempotent. */
  close(): Promise<void>;
}

const open = new Set<LoopbackServer>();

export async function startLoopbackServer(handler: LoopbackHandler): Promise<LoopbackServer> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        index: requests.length,
        receivedAtMs: Date.now(),
      };
      requests.push(recorded);
      Promise.resolve(handler(req, res, recorded)).catch((e: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`loopback handler failed: ${String(e)}`);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let closed: Promise<void> | undefined;
  const api: LoopbackServer = {
    origin: `http://127.0.0.1:${port}`,
    port,
    requests,
    url: (path) => `http://127.0.0.1:${port}${path.startsWith('/') ? path : `/${path}`}`,
    close() {
      closed ??= new Promise<void>((resolve) => {
        open.delete(api);
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
  open.add(api);
  try {
    onTestFinished(() => api.close());
  } catch {
    // Not inside a test (e.g. beforeAll): the caller closes it.
  }
  return api;
}

export async function closeAllLoopbackServers(): Promise<void> {
  await Promise.all([...open].map((s) => s.close()));
}

// ---- scripted responses ------------------------------------------------------------

export interface ScriptedResponse {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Wait this long before sending the status line (time to first byte). */
  readonly delayMs?: number;
  /** Never answer: the socket stays open until the client gives up or the server closes. */
  readonly hang?: boolean;
  /** Send the body in this many pieces, `dripIntervalMs` apart (a slow body). */
  readonly dripChunks?: number;
  readonly dripIntervalMs?: number;
}

/** Sends one scripted response; resolves when it is written (or at once for a hang). */
export async function sendScripted(res: ServerResponse, r: ScriptedResponse): Promise<void> {
  if (r.hang === true) return;
  if (r.delayMs !== undefined && r.delayMs > 0) {
    await wait(r.delayMs, res);
    if (res.destroyed) return;
  }
  const body = r.body ?? '';
  res.writeHead(r.status ?? 200, { 'content-type': 'text/plain; charset=utf-8', ...r.headers });
  const pieces = Math.max(1, r.dripChunks ?? 1);
  if (pieces === 1) {
    res.end(body);
    return;
  }
  const size = Math.ceil(body.length / pieces);
  for (let i = 0; i < body.length; i += size) {
    if (res.destroyed) return;
    res.write(body.slice(i, i + size));
    await wait(r.dripIntervalMs ?? 50, res);
  }
  if (!res.destroyed) res.end();
}

/** A handler answering the n-th request with the n-th response (the last one repeats). */
export function scripted(...responses: ScriptedResponse[]): LoopbackHandler {
  return (_req, res, recorded) => sendScripted(res, responses[Math.min(recorded.index, responses.length - 1)] ?? { status: 404 });
}

/** A handler routing by path (query ignored); unknown paths get 404. */
export function routes(table: Readonly<Record<string, ScriptedResponse | LoopbackHandler>>): LoopbackHandler {
  return (req, res, recorded) => {
    const path = recorded.url.split('?')[0] ?? '/';
    const route = table[path];
    if (route === undefined) return sendScripted(res, { status: 404, body: `no route for ${path}` });
    return typeof route === 'function' ? route(req, res, recorded) : sendScripted(res, route);
  };
}

function wait(ms: number, res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    // A client that gave up must not keep the timer (and the test) alive.
    const onClose = () => {
      clearTimeout(t);
      resolve();
    };
    const t = setTimeout(() => {
      res.off('close', onClose);
      resolve();
    }, ms);
    res.once('close', onClose);
  });
}
