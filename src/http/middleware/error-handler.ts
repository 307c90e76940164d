import type { ErrorRequestHandler, RequestHandler } from 'express';
import { interludeError, toHttpError, type HttpErrorAnswer } from '../../errors/index.js';
import type { Logger } from '../../observability/logger.js';
import { requestIdOf, requestLog } from '../locals.js';

/** Anything no route answered: 404 with the same JSON error shape as every other error. */
export function notFound(): RequestHandler {
  return (req) => {
    throw interludeError('ROUTE_NOT_FOUND', `No route for ${req.method} ${req.path}.`, { method: req.method, path: req.path });
  };
}

/**
 * The one place errors become answers (through errors/to-http.ts). Unknown errors are bugs:
 * logged with their stack under the request id, answered 500 INTERNAL without details.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const answer = errorAnswer(err, requestIdOf(res), requestLog(res, logger));
    res.status(answer.status).json(answer.body);
  };
}

/** The JSON answer for an error, logged as every route logs it (also used off express). */
export function errorAnswer(err: unknown, requestId: string | undefined, log: Logger): HttpErrorAnswer {
  const answer = toHttpError(err, requestId);
  if (!answer.known) log.error({ err }, 'unhandled error');
  else if (answer.status >= 500) log.warn({ err, code: answer.body.error.code }, 'request failed');
  else log.debug({ code: answer.body.error.code }, 'request rejected');
  return answer;
}
