import { SERVICE_ERROR_CODES, type ServiceErrorCode, type Severity } from './codes.js';

/** A value that can go into a JSON error body as it is. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/**
 * Context fields of an error; the code's description in `codes.ts` names them. They are
 * sent to the client in the error body, so they must never hold secrets or stack traces.
 */
export type ErrorContext = Readonly<Record<string, JsonValue>>;

/** One validation problem: where (`channels[0].origin`) and what. */
export interface Issue {
  readonly path: string;
  readonly message: string;
}

/**
 * The only error the service throws (the lint rule bans `throw new Error`). Status and
 * severity come from the catalogue so a code always means the same answer. `cause`
 * (ErrorOptions) is for the log only and never reaches a client.
 */
export class InterludeError extends Error {
  readonly code: ServiceErrorCode;
  readonly status: number;
  readonly severity: Severity;
  readonly context: ErrorContext;

  constructor(code: ServiceErrorCode, message: string, context: ErrorContext = {}, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InterludeError';
    this.code = code;
    this.status = SERVICE_ERROR_CODES[code].status;
    this.severity = SERVICE_ERROR_CODES[code].severity;
    this.context = context;
  }
}

export function interludeError(code: ServiceErrorCode, message: string, context?: ErrorContext, options?: ErrorOptions): InterludeError {
  return new InterludeError(code, message, context, options);
}

export function isInterludeError(e: unknown): e is InterludeError {
  return e instanceof InterludeError;
}

/** Turns issues into the JSON-safe shape that error bodies carry. */
export function issuesContext(issues: readonly Issue[]): JsonValue {
  return issues.map((i) => ({ path: i.path, message: i.message }));
}
