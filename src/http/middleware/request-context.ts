import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { childLogger, type Logger } from '../../observability/logger.js';
import { setRequestContext } from '../locals.js';

export const REQUEST_ID_HEADER = 'X-Request-Id';
// An incoming id is echoed only if it is short and plain: it goes into logs and headers.
export const INCOMING_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Gives every request an id (the caller's X-Request-Id when it is sane, a new UUID
 * otherwise), echoes it on the response, and logs one line per finished request with a
 * child logger that carries the id. The query string is left out of the log line: player
 * parameters can hold viewer data.
 */
export function requestContext(logger: Logger, newId: () => string = randomUUID): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get(REQUEST_ID_HEADER);
    const requestId = incoming !== undefined && INCOMING_REQUEST_ID.test(incoming) ? incoming : newId();
    const log = childLogger(logger, { requestId });
    setRequestContext(res, requestId, log);
    res.set(REQUEST_ID_HEADER, requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      const line = { method: req.method, path: req.originalUrl.split('?')[0], status: res.statusCode, durationMs: Math.round(durationMs * 10) / 10 };
      if (res.statusCode >= 500) log.error(line, 'request failed');
      else log.info(line, 'request');
    });
    next();
  };
}
