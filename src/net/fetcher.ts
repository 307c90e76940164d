import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, request, type Dispatcher } from 'undici';
import { FetchError, isFetchError } from './fetch-error.js';
import { retryDelayMs, type FetchPolicy, type RequestKind } from './fetch-policy.js';
import { describeError, flattenHeaders, headerValue } from './undici-response.js';
import { guardUrl, redactUrl } from './url-guard.js';

export interface FetchTextOptions {
  readonly policy: FetchPolicy;
  /** The caller's deadline: when it fires, the request and any pending retry stop at once. */
  readonly signal?: AbortSignal;
  /** Extra request headers (lower-case names preferred); a `user-agent` here replaces ours. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly kind: RequestKind;
}

export interface FetchTextResult {
  /** Always 2xx: other final statuses are thrown as FETCH_HTTP_STATUS. */
  readonly status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
  /** UTF-8 decoded, BOM removed. */
  readonly body: string;
  /** The URL that answered, after redirects. */
  readonly url: string;
}

/**
 * Outbound HTTP GET for text documents (playlists, VAST, bid responses).
 *
 * Guarantees:
 * - Resolves only with a 2xx response whose body is at most `policy.maxBytes`.
 * - Rejects only with a `FetchError` (see fetch-error.ts for what each code means).
 * - Never outlives `options.signal`: once it fires, the call rejects with FETCH_ABORTED
 *   promptly and the socket is released; nothing keeps running in the background.
 * - Retries network errors, timeouts and 5xx per `policy.retry`; never 4xx, never a
 *   rejected URL, never a too-large body.
 * - Follows at most `maxRedirects` redirects, guarding each target like the first URL.
 */
export interface Fetcher {
  fetchText(url: string, options: FetchTextOptions): Promise<FetchTextResult>;
}

export interface UndiciFetcherOptions {
  /** Defaults to a keep-alive pool owned (and closed) by the fetcher. */
  readonly dispatcher?: Dispatcher;
  readonly maxRedirects?: number;
  readonly userAgent?: string;
}

export interface ClosableFetcher extends Fetcher {
  /** Closes the pool if the fetcher created it; in-flight requests are aborted. */
  close(): Promise<void>;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const DEFAULT_MAX_REDIRECTS = 5;

export function createUndiciFetcher(options: UndiciFetcherOptions = {}): ClosableFetcher {
  const ownsDispatcher = options.dispatcher === undefined;
  const dispatcher = options.dispatcher ?? new Agent({ keepAliveTimeout: 10_000, keepAliveMaxTimeout: 60_000, connections: 128 });
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const userAgent = options.userAgent ?? 'interlude';

  async function fetchText(url: string, opts: FetchTextOptions): Promise<FetchTextResult> {
    const first = guardUrl(url, opts.kind);
    const { retry } = opts.policy;
    for (let attempt = 0; ; attempt++) {
      throwIfCallerAborted(opts, first.href);
      try {
        return await attemptOnce(first, opts);
      } catch (e) {
        const error = toFetchError(e, opts, first.href, attempt + 1);
        if (!error.retryable || attempt >= retry.maxRetries || opts.signal?.aborted === true) throw error;
        try {
          await sleep(retryDelayMs(retry, attempt), undefined, { signal: opts.signal });
        } catch {
          throw abortedError(opts, first.href, attempt + 1);
        }
      }
    }
  }

  async function attemptOnce(start: URL, opts: FetchTextOptions): Promise<FetchTextResult> {
    const { policy } = opts;
    const local = new AbortController();
    const signal = opts.signal ? AbortSignal.any([local.signal, opts.signal]) : local.signal;
    let timedOut: string | undefined;
    const expire = (what: string) => () => {
      timedOut = what;
      local.abort();
    };
    const loadTimer = setTimeout(expire(`body not complete within ${policy.maxLoadTimeMs} ms`), policy.maxLoadTimeMs);
    try {
      let current = start;
      for (let hop = 0; ; hop++) {
        const ttfbTimer = setTimeout(expire(`no response within ${policy.maxTimeToFirstByteMs} ms`), policy.maxTimeToFirstByteMs);
        let res: Dispatcher.ResponseData;
        try {
          res = await request(current, {
            dispatcher,
            method: 'GET',
            headers: { 'user-agent': userAgent, ...opts.headers },
            signal,
            // Our timers bound the attempt; undici's own would only fire later anyway.
            headersTimeout: 0,
            bodyTimeout: 0,
          });
        } finally {
          clearTimeout(ttfbTimer);
        }
        const location = headerValue(res.headers.location);
        if (REDIRECT_STATUSES.has(res.statusCode) && location !== undefined) {
          await discard(res.body);
          if (hop >= maxRedirects) {
            throw new FetchError('FETCH_URL_REJECTED', `more than ${maxRedirects} redirects`, { url: redactUrl(start.href), kind: opts.kind });
          }
          current = guardUrl(new URL(location, current).href, opts.kind);
          continue;
        }
        if (res.statusCode < 200 || res.statusCode > 299) {
          await discard(res.body);
          throw new FetchError('FETCH_HTTP_STATUS', `HTTP ${res.statusCode}`, { url: redactUrl(current.href), status: res.statusCode, kind: opts.kind });
        }
        const body = await readBounded(res, policy.maxBytes, current, opts.kind);
        return { status: res.statusCode, headers: flattenHeaders(res.headers), body, url: current.href };
      }
    } catch (e) {
      if (isFetchError(e)) throw e;
      if (opts.signal?.aborted === true) throw abortedError(opts, start.href);
      if (timedOut !== undefined) throw new FetchError('FETCH_TIMEOUT', timedOut, { url: redactUrl(start.href), kind: opts.kind, cause: e });
      throw new FetchError('FETCH_NETWORK', describeError(e), { url: redactUrl(start.href), kind: opts.kind, cause: e });
    } finally {
      clearTimeout(loadTimer);
    }
  }

  return {
    fetchText,
    async close() {
      if (ownsDispatcher) await dispatcher.destroy();
    },
  };
}

async function readBounded(res: Dispatcher.ResponseData, maxBytes: number, url: URL, kind: string): Promise<string> {
  const tooLarge = () => new FetchError('FETCH_TOO_LARGE', `body larger than ${maxBytes} bytes`, { url: redactUrl(url.href), kind });
  const declared = Number(headerValue(res.headers['content-length']) ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    res.body.destroy();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      res.body.destroy();
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  return new TextDecoder('utf-8').decode(Buffer.concat(chunks, size));
}

async function discard(body: Dispatcher.ResponseData['body']): Promise<void> {
  // dump() reads a bounded amount so the connection can be reused, then gives up.
  await body.dump({ limit: 64 * 1024 }).catch(() => undefined);
}

function toFetchError(e: unknown, opts: FetchTextOptions, url: string, attempts: number): FetchError {
  if (isFetchError(e)) return e;
  return new FetchError('FETCH_NETWORK', describeError(e), { url: redactUrl(url), kind: opts.kind, attempts, cause: e });
}

function throwIfCallerAborted(opts: FetchTextOptions, url: string): void {
  if (opts.signal?.aborted === true) throw abortedError(opts, url);
}

function abortedError(opts: FetchTextOptions, url: string, attempts?: number): FetchError {
  return new FetchError('FETCH_ABORTED', 'aborted by the caller (deadline passed)', { url: redactUrl(url), kind: opts.kind, attempts });
}
