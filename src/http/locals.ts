import type { Response } from 'express';
import type { Logger } from '../observability/logger.js';

/**
 * Typed access to what the request middleware puts on `res.locals`: the request id and a
 * logger already carrying it. Route code (the lead's player routes too) reads them here
 * rather than from untyped locals.
 */
interface RequestLocals {
  requestId?: string;
  log?: Logger;
}

function locals(res: Response): RequestLocals {
  return res.locals as RequestLocals;
}

export function requestIdOf(res: Response): string | undefined {
  return locals(res).requestId;
}

export function setRequestContext(res: Response, requestId: string, log: Logger): void {
  locals(res).requestId = requestId;
  locals(res).log = log;
}

/** The request's logger; `fallback` when the middleware has not run (it always has in the app). */
export function requestLog(res: Response, fallback: Logger): Logger {
  return locals(res).log ?? fallback;
}
