import { SERVICE_ERROR_CODES, isServiceErrorCode, type ServiceErrorCode } from './codes.js';
import { isInterludeError, type ErrorContext } from './interlude-error.js';

export interface HttpErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly requestId?: string } & Record<string, unknown>;
}

export interface HttpErrorAnswer {
  readonly status: number;
  readonly body: HttpErrorBody;
  /** False for errors that are not ours (bugs): the caller logs those with their stack. */
  readonly known: boolean;
}

/**
 * Body-parser style errors (express.json) carry `type` and `status`; they are the client's
 * fault, not ours, so they map to catalogue codes instead of INTERNAL.
 */
interface ParserError {
  readonly type: string;
  readonly status?: number;
  readonly limit?: number;
}

function isParserError(e: unknown): e is ParserError {
  return typeof e === 'object' && e !== null && typeof (e as { type?: unknown }).type === 'string'
    && ((e as { type: string }).type.startsWith('entity.') || (e as { type: string }).type.startsWith('encoding.') || (e as { type: string }).type.startsWith('charset.'));
}

function hasCatalogueCode(e: unknown): e is Error & { code: ServiceErrorCode } {
  if (!(e instanceof Error)) return false;
  const code: unknown = (e as Error & { code?: unknown }).code;
  return typeof code === 'string' && isServiceErrorCode(code);
}

function answer(code: ServiceErrorCode, message: string, context: ErrorContext, requestId: string | undefined, known = true): HttpErrorAnswer {
  // context first: a context field can never overwrite code, message or requestId
  const error = { ...context, code, message, ...(requestId === undefined ? {} : { requestId }) };
  return { status: SERVICE_ERROR_CODES[code].status, body: { error }, known };
}

/**
 * Maps anything thrown to the answer a client gets: `{ status, body: { error: { code,
 * message, ...context } } }`. Never includes a stack trace or an unknown error's message;
 * unknown errors become 500 INTERNAL carrying the request id so the log can be found.
 */
export function toHttpError(e: unknown, requestId?: string): HttpErrorAnswer {
  if (isInterludeError(e)) {
    const error = { ...e.context, code: e.code, message: e.message, ...(requestId === undefined ? {} : { requestId }) };
    return { status: e.status, body: { error }, known: true };
  }
  if (isParserError(e)) {
    if (e.type === 'entity.too.large') {
      return answer('REQUEST_TOO_LARGE', 'The request body is too large.', e.limit === undefined ? {} : { limitBytes: e.limit }, requestId);
    }
    if (e.type === 'entity.parse.failed') {
      return answer('REQUEST_INVALID', 'The request body is not valid JSON.', { issues: [{ path: '(body)', message: 'not valid JSON' }] }, requestId);
    }
    return answer('REQUEST_INVALID', 'The request body cannot be read.', { issues: [{ path: '(body)', message: e.type }] }, requestId);
  }
  if (e instanceof URIError) {
    // express decoding a route parameter with a malformed percent-escape: the client's URL.
    return answer('REQUEST_INVALID', 'The request path has a malformed percent-escape.', { issues: [{ path: '(path)', message: 'malformed percent-escape' }] }, requestId);
  }
  if (hasCatalogueCode(e)) {
    // A coded error from a module that predates the catalogue class (FetchError, say): the
    // catalogue decides its status; its own fields stay in the log, not in the body.
    return answer(e.code, e.message, {}, requestId);
  }
  return answer('INTERNAL', 'Internal error; quote the request id when reporting it.', {}, requestId, false);
}
