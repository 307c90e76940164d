import { createHash } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { interludeError, toHttpError } from '../../errors/index.js';
import { requestIdOf } from '../locals.js';
import type { IdempotencyAnswer, IdempotencyStore } from './idempotency-store.js';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** How long a key stays claimed by a request that never finished (a crashed instance). */
export const PENDING_TTL_MS = 60_000;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** A handler that computes its answer instead of writing it, so it can be stored and replayed. */
export type AnswerHandler = (req: Request) => Promise<IdempotencyAnswer>;

/** JSON with object keys sorted: `{a,b}` and `{b,a}` are the same body. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function send(res: Response, answer: IdempotencyAnswer): void {
  if (answer.status === 204 || answer.body === null) res.status(answer.status).end();
  else res.status(answer.status).json(answer.body);
}

function fingerprintOf(req: Request): string {
  const path = req.originalUrl.split('?')[0] ?? '';
  return createHash('sha256').update(`${req.method} ${path}\n${canonicalJson(req.body)}`).digest('hex');
}

/** Runs `handler` and sends its answer; for routes without the Idempotency-Key protocol. */
export function answering(handler: AnswerHandler): RequestHandler {
  return async (req, res) => {
    send(res, await handler(req));
  };
}

/**
 * Runs `handler` under the Idempotency-Key protocol (as in Stripe's API and the IETF draft):
 * - no key: runs every time;
 * - a new key: runs once, and the answer (success or 4xx) is kept for `ttlMs`;
 * - the same key and same method, path and body: the kept answer, unchanged, with
 *   `Idempotent-Replayed: true`, and nothing runs again;
 * - the same key with anything else different: 422 IDEMPOTENCY_CONFLICT;
 * - the same key while the first request still runs: 409 IDEMPOTENCY_IN_PROGRESS.
 * A 5xx is not kept (nothing was decided); the key is freed so a retry runs again.
 */
export function idempotent(store: IdempotencyStore, ttlMs: number, handler: AnswerHandler): RequestHandler {
  return async (req, res) => {
    const key = req.get(IDEMPOTENCY_HEADER);
    if (key === undefined) {
      send(res, await handler(req));
      return;
    }
    if (!KEY_PATTERN.test(key)) {
      throw interludeError('REQUEST_INVALID', 'Bad Idempotency-Key header.', {
        issues: [{ path: IDEMPOTENCY_HEADER, message: 'must be 1-255 printable ASCII characters' }],
      });
    }
    const fingerprint = fingerprintOf(req);
    const reservation = await store.reserve(key, fingerprint, PENDING_TTL_MS);
    if (!reservation.reserved) {
      const { record } = reservation;
      if (record.fingerprint !== fingerprint) {
        throw interludeError('IDEMPOTENCY_CONFLICT', 'This Idempotency-Key was used for a different request.', { idempotencyKey: key });
      }
      if (record.state === 'pending') {
        throw interludeError('IDEMPOTENCY_IN_PROGRESS', 'A request with this Idempotency-Key is still running; retry shortly.', { idempotencyKey: key });
      }
      send(res.set('Idempotent-Replayed', 'true'), record.answer);
      return;
    }
    let answer: IdempotencyAnswer;
    try {
      answer = await handler(req);
    } catch (e) {
      const mapped = toHttpError(e, requestIdOf(res));
      if (!mapped.known || mapped.status >= 500) {
        await store.release(key);
        throw e;
      }
      answer = { status: mapped.status, body: mapped.body };
    }
    await store.complete(key, fingerprint, answer, ttlMs);
    send(res, answer);
  };
}
