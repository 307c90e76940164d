/**
 * The service's error catalogue. Every error the service throws or answers with has a code
 * here, `<AREA>_<WHAT>`, with its severity, the HTTP status it maps to, and what its context
 * fields mean. The pure core has its own catalogue (`manifests/errors.ts`); `docs/errors.md`
 * documents both and `test/src/errors/docs.test.ts` keeps the doc in step with them.
 *
 * - `recoverable`: this request (or this ad break) fails; the process and other viewers go on.
 * - `fatal`: the service cannot run as configured (bad config at startup) or hit a bug.
 *
 * To add a code: add one entry below, then add its row to docs/errors.md (the docs test
 * prints the exact row to paste when one is missing).
 */
export type Severity = 'recoverable' | 'fatal';

export interface ServiceErrorCodeInfo {
  readonly severity: Severity;
  /** The HTTP status an answer carrying this code gets. */
  readonly status: number;
  /** What the code means and which context fields it carries. */
  readonly description: string;
}

export const SERVICE_ERROR_CODES = {
  // config
  CONFIG_INVALID: { severity: 'fatal', status: 500, description: 'The configuration (env, file, defaults) does not validate; `issues` lists every problem as `{ path, message }`.' },

  // requests in general
  REQUEST_INVALID: { severity: 'recoverable', status: 400, description: 'The request is malformed (body not JSON, bad parameter); `issues` lists every problem as `{ path, message }`.' },
  REQUEST_TOO_LARGE: { severity: 'recoverable', status: 413, description: 'The request body exceeds the limit; `limitBytes` is the limit.' },
  ROUTE_NOT_FOUND: { severity: 'recoverable', status: 404, description: 'No route answers this method and path; `method` and `path` echo them.' },
  AUTH_REQUIRED: { severity: 'recoverable', status: 401, description: 'The control plane needs `Authorization: Bearer <key>` and the header is missing or wrong. No context fields.' },
  IDEMPOTENCY_CONFLICT: { severity: 'recoverable', status: 422, description: 'The `Idempotency-Key` was already used with a different method, path or body; `idempotencyKey` echoes it.' },
  IDEMPOTENCY_IN_PROGRESS: { severity: 'recoverable', status: 409, description: 'A request with the same `Idempotency-Key` is still being processed; retry later. `idempotencyKey` echoes it.' },

  // channels (control plane)
  CHANNEL_NOT_FOUND: { severity: 'recoverable', status: 404, description: 'No channel has this id; `channelId` names it.' },
  CHANNEL_INVALID: { severity: 'recoverable', status: 400, description: 'A channel definition does not validate; `issues` lists every problem as `{ path, message }`, `channelId` when known.' },
  CHANNEL_EXISTS: { severity: 'recoverable', status: 409, description: 'A channel with this id already exists; `channelId` names it.' },

  // sessions
  SESSION_NOT_FOUND: { severity: 'recoverable', status: 404, description: 'No live session has this id (never created, or expired after its idle TTL); `sessionId` names it.' },
  SESSION_RENDITION_NOT_FOUND: { severity: 'recoverable', status: 404, description: 'The session has no media playlist with this number (`/v1/manifest/:channel/:session/<n>.m3u8`); `sessionId` and `rendition`.' },
  AD_SEGMENT_NOT_FOUND: { severity: 'recoverable', status: 404, description: 'The ad segment id does not name a segment of this session\'s stored ads (or slate); `sessionId` and `segmentId`.' },

  // origin
  ORIGIN_UNREACHABLE: { severity: 'recoverable', status: 502, description: 'The origin could not be reached (DNS, connection refused, reset); `url` and `reason`.' },
  ORIGIN_TIMEOUT: { severity: 'recoverable', status: 504, description: 'The origin did not answer within the fetch policy; `url` and `timeoutMs`.' },
  ORIGIN_BAD_STATUS: { severity: 'recoverable', status: 502, description: 'The origin answered with a non-2xx status; `url` and `originStatus`.' },
  ORIGIN_BAD_PLAYLIST: { severity: 'recoverable', status: 502, description: 'The origin answered with a manifest that does not parse; `url` and `cause` (the core error code).' },
  ORIGIN_TOO_LARGE: { severity: 'recoverable', status: 502, description: 'The origin response exceeds the fetch policy\'s `maxBytes`; `url` and `maxBytes`.' },

  // outbound fetches (src/net); `url` is redacted (no query, no credentials), `kind` is the request kind
  FETCH_TIMEOUT: { severity: 'recoverable', status: 504, description: 'No first byte within `maxTimeToFirstByteMs`, or the body took longer than `maxLoadTimeMs`; `url`, `kind`, `attempts`.' },
  FETCH_TOO_LARGE: { severity: 'recoverable', status: 502, description: 'The body (or its Content-Length) passed the policy\'s `maxBytes`; `url`, `kind`.' },
  FETCH_HTTP_STATUS: { severity: 'recoverable', status: 502, description: 'A final non-2xx status (5xx after retries); `url`, `kind`, `status` (the upstream status).' },
  FETCH_NETWORK: { severity: 'recoverable', status: 502, description: 'Connection refused or reset, DNS, TLS, malformed response; `url`, `kind`, `attempts`.' },
  FETCH_URL_REJECTED: { severity: 'recoverable', status: 400, description: 'The URL (or a redirect target) failed the URL guard (scheme, credentials, host), or there were too many redirects; `url`, `kind`.' },
  FETCH_ABORTED: { severity: 'recoverable', status: 504, description: 'The caller\'s signal fired (its deadline passed) before the fetch finished; `url`, `kind`.' },

  // ad decisioning
  AD_SOURCE_FAILED: { severity: 'recoverable', status: 502, description: 'An ad source failed or answered with an unusable document; the break plays content or slate. `source` and `reason`.' },
  AD_SOURCE_TIMEOUT: { severity: 'recoverable', status: 504, description: 'An ad source did not answer by its deadline; the break plays content or slate. `source` and `timeoutMs`.' },

  // conditioning (control plane)
  CREATIVE_NOT_FOUND: { severity: 'recoverable', status: 404, description: 'No conditioned creative has this id (never queued, or conditioning is off); `creativeId` names it.' },

  // state
  STORE_UNAVAILABLE: { severity: 'recoverable', status: 503, description: 'A backing store (Redis) did not answer; `store` names it, `reason` says why.' },
  STORE_CORRUPT: { severity: 'recoverable', status: 500, description: 'A stored record does not parse; `store` and `key` name it.' },

  // anything else
  INTERNAL: { severity: 'fatal', status: 500, description: 'An unexpected error (a bug). The body carries only `requestId`; the log has the details under that id.' },
} as const satisfies Record<string, ServiceErrorCodeInfo>;

export type ServiceErrorCode = keyof typeof SERVICE_ERROR_CODES;

export function isServiceErrorCode(code: string): code is ServiceErrorCode {
  return Object.prototype.hasOwnProperty.call(SERVICE_ERROR_CODES, code);
}
