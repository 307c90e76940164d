import { Agent, request, type Dispatcher } from 'undici';
import { describeError, flattenHeaders, headerValue } from '../../../net/undici-response.js';
import { guardUrl } from '../../../net/url-guard.js';
import type { RequestData, ResponseData } from './bidders/bidder.js';

/**
 * Sends one bid request and reads its answer under a time and size bound. Never rejects:
 * every way a partner can fail is a `TransportFailure` with a reason, so the auction can
 * give each partner its fate and go on.
 *
 * - timeout: no complete answer within `timeoutMs` (slow, or a socket that hangs);
 * - too-large: the body passed `maxBytes` (the read stops there, the socket is dropped);
 * - aborted: the caller's signal fired (the auction's own deadline);
 * - network: refused, reset, DNS, a URL our guard refuses.
 */
export type TransportResult =
  | { readonly ok: true; readonly response: ResponseData; readonly elapsedMs: number }
  | { readonly ok: false; readonly failure: 'timeout' | 'too-large' | 'aborted' | 'network'; readonly message: string; readonly elapsedMs: number };

export interface SendOptions {
  /** This request's own limit; `Infinity` when the caller's `signal` is the only deadline. */
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly signal: AbortSignal;
}

export interface BidTransport {
  send(req: RequestData, options: SendOptions): Promise<TransportResult>;
}

export interface ClosableBidTransport extends BidTransport {
  close(): Promise<void>;
}

/**
 * undici over one keep-alive Agent (a Pool per partner origin): bid requests reuse warm
 * connections, which is most of the latency budget at 300 ms.
 */
export function createUndiciBidTransport(options: { readonly dispatcher?: Dispatcher; readonly connectionsPerOrigin?: number } = {}): ClosableBidTransport {
  const owns = options.dispatcher === undefined;
  const dispatcher = options.dispatcher ?? new Agent({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 120_000, connections: options.connectionsPerOrigin ?? 64, pipelining: 1 });

  async function send(req: RequestData, opts: SendOptions): Promise<TransportResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    let url: URL;
    try {
      url = guardUrl(req.uri, 'bid-request');
    } catch (e) {
      return { ok: false, failure: 'network', message: `endpoint refused: ${e instanceof Error ? e.message : String(e)}`, elapsedMs: 0 };
    }
    if (opts.signal.aborted) return { ok: false, failure: 'aborted', message: 'auction deadline passed before sending', elapsedMs: 0 };
    // A timeout no earlier than the caller's own deadline adds nothing: then the caller's
    // signal is the only one (no controller, timer or listener per request; the auction
    // fans out to every partner several hundred times a second).
    const own = opts.timeoutMs !== Infinity;
    const local = own ? new AbortController() : undefined;
    let timedOut = false;
    const timer = local === undefined ? undefined : setTimeout(() => {
      timedOut = true;
      local.abort(TIMED_OUT);
    }, Math.max(1, opts.timeoutMs));
    // Wired by hand, not AbortSignal.any: one listener removed in `finally` costs nothing,
    // while composed signals linger until GC (thousands per second under load).
    const onCallerAbort = () => local?.abort(CALLER_ABORTED);
    if (local !== undefined) opts.signal.addEventListener('abort', onCallerAbort, { once: true });
    try {
      const res = await request(url, { dispatcher, method: req.method, headers: req.headers, body: req.body, signal: local?.signal ?? opts.signal, headersTimeout: 0, bodyTimeout: 0 });
      const body = await readBounded(res, opts.maxBytes);
      if (body === undefined) return { ok: false, failure: 'too-large', message: `response larger than ${opts.maxBytes} bytes`, elapsedMs: elapsed() };
      return { ok: true, response: { status: res.statusCode, headers: flattenHeaders(res.headers), body }, elapsedMs: elapsed() };
    } catch (e) {
      if (timedOut) return { ok: false, failure: 'timeout', message: `no complete answer within ${opts.timeoutMs} ms`, elapsedMs: elapsed() };
      if (opts.signal.aborted) return { ok: false, failure: 'aborted', message: 'auction deadline passed', elapsedMs: elapsed() };
      return { ok: false, failure: 'network', message: describeError(e), elapsedMs: elapsed() };
    } finally {
      if (timer !== undefined) clearTimeout(timer);
      if (local !== undefined) opts.signal.removeEventListener('abort', onCallerAbort);
    }
  }

  return {
    send,
    async close() {
      if (owns) await dispatcher.destroy();
    },
  };
}

// Abort reasons made once: abort() without a reason builds a DOMException with a stack each time.
const TIMED_OUT = new DOMException('bid request timed out', 'TimeoutError');
const CALLER_ABORTED = new DOMException('auction deadline passed', 'AbortError');

/** The body as text, or undefined once it passes `maxBytes` (declared or streamed). */
async function readBounded(res: Dispatcher.ResponseData, maxBytes: number): Promise<string | undefined> {
  const declared = Number(headerValue(res.headers['content-length']) ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    res.body.destroy();
    return undefined;
  }
  // A declared length is what HTTP/1.1 framing reads, no more: one buffered read suffices.
  if (Number.isFinite(declared) && headerValue(res.headers['transfer-encoding']) === undefined) return res.body.text();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      res.body.destroy();
      return undefined;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}
