/**
 * Sends one beacon: one GET, one attempt, whose status line must arrive within `timeoutMs`
 * (connecting included). The outcome follows from the status line; the (discarded) body is
 * drained in the background, each chunk within `timeoutMs`, up to 64 KiB, only to give the
 * socket back to the pool: a 2xx means the receiver counted the hit, and a retry would count
 * it twice. A request past the deadline is left to undici's own connect and headers timers
 * rather than aborted: an AbortSignal per send cost a quarter of a loopback beacon's CPU. Retrying is the queue's job, not ours, so the outcome says
 * whether a retry can help:
 *
 * - `sent`: 2xx or 3xx. A redirect is not followed: the tracker has logged the hit by the
 *   time it answers, and following would count the viewer at a second party we were not
 *   asked to call.
 * - `retryable`: network error, timeout, 5xx, 429 (with the server's Retry-After, in
 *   seconds or as an HTTP date, when it sent one).
 * - `permanent`: any other 4xx, or a URL the guard refuses (scheme, credentials).
 */
import { Agent, type Dispatcher } from 'undici';
import { checkUrl } from '../net/url-guard.js';

export type SendOutcome =
  | { readonly kind: 'sent'; readonly status: number }
  | { readonly kind: 'retryable'; readonly status?: number; readonly reason: string; readonly retryAfterMs?: number }
  | { readonly kind: 'permanent'; readonly status?: number; readonly reason: string };

export interface BeaconSender {
  /** Never throws: every failure is an outcome. */
  send(url: string, headers: Readonly<Record<string, string>>): Promise<SendOutcome>;
  close(): Promise<void>;
}

export interface BeaconSenderOptions {
  /** Per attempt, connect to last byte. Default 3000 ms. */
  readonly timeoutMs?: number;
  /** Default: a keep-alive pool owned (and closed) by the sender. */
  readonly dispatcher?: Dispatcher;
  /** For Retry-After HTTP dates. Default Date.now. */
  readonly nowMs?: () => number;
}

export function createBeaconSender(options: BeaconSenderOptions = {}): BeaconSender {
  const timeoutMs = options.timeoutMs ?? 3_000;
  const owns = options.dispatcher === undefined;
  const dispatcher = options.dispatcher ?? new Agent({ keepAliveTimeout: 10_000, connections: 64, connect: { timeout: timeoutMs } });
  const now = options.nowMs ?? Date.now;

  async function send(url: string, headers: Readonly<Record<string, string>>): Promise<SendOutcome> {
    const checked = checkUrl(url);
    if (checked.reason !== undefined) return { kind: 'permanent', reason: `URL rejected: ${checked.reason}` };
    const { origin, pathname, search } = checked.url;
    try {
      // The dispatcher's own request: undici's request(url) would parse the URL again.
      const answer = dispatcher.request({ origin, path: `${pathname}${search}`, method: 'GET', headers, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
      const res = await withinDeadline(answer, timeoutMs);
      if (res === undefined) {
        // Past the deadline the attempt has timed out; undici's own timers end the request.
        void answer.then((late) => late.body.dump({ limit: 64 * 1024 }), () => undefined).catch(() => undefined);
        return { kind: 'retryable', reason: `timeout: no response within ${timeoutMs} ms` };
      }
      void res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
      return classify(res.statusCode, headerValue(res.headers['retry-after']), now());
    } catch (e) {
      if (isTimeout(e)) return { kind: 'retryable', reason: `timeout: no response within ${timeoutMs} ms` };
      return { kind: 'retryable', reason: `network: ${describe(e)}` };
    }
  }

  return {
    send,
    async close() {
      if (owns) await dispatcher.close();
    },
  };
}

export function classify(status: number, retryAfter: string | undefined, nowMs: number): SendOutcome {
  if (status >= 200 && status < 400) return { kind: 'sent', status };
  if (status >= 500 || status === 429) {
    const retryAfterMs = parseRetryAfter(retryAfter, nowMs);
    return { kind: 'retryable', status, reason: `HTTP ${status}`, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
  }
  return { kind: 'permanent', status, reason: `HTTP ${status}` };
}

/** RFC 9110 §10.2.3: delay-seconds or an HTTP-date. Garbage is ignored (undefined). */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/**
 * `work`'s value, or undefined once `ms` have passed first. A plain timer: handing undici
 * an AbortSignal per request cost a quarter of a loopback beacon's CPU.
 */
async function withinDeadline<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<undefined>((resolve) => { timer = setTimeout(() => resolve(undefined), ms); });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

const TIMEOUT_CODES: ReadonlySet<string> = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

function isTimeout(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && TIMEOUT_CODES.has(code);
}

function describe(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    return typeof code === 'string' ? code : e.message;
  }
  return String(e);
}
