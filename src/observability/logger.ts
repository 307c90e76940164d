import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';
import type { LogLevel } from '../config/schema.js';

export type Logger = PinoLogger;

/**
 * Paths pino blanks out before a line is written: credentials in headers and any field
 * named like a key or secret, at the top level or one level down (pino's `*` is one level).
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  'authorization',
  'apiKey',
  '*.apiKey',
  'controlPlane.apiKey',
  'config.controlPlane.apiKey',
  'password',
  '*.password',
];

export interface LoggerOptions {
  readonly level: LogLevel;
  /** Where lines go; stdout when omitted. Tests pass a capturing stream. */
  readonly destination?: DestinationStream;
  /** Fields on every line (service name, instance id). */
  readonly base?: Record<string, string>;
}

/** JSON lines, ISO timestamps, secrets redacted. Built once in the composition root. */
export function createLogger(options: LoggerOptions): Logger {
  const opts = {
    level: options.level,
    base: { service: 'interlude', ...options.base },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
  };
  return options.destination === undefined ? pino(opts) : pino(opts, options.destination);
}

/** The ids a log line can be tied to; each becomes a field on every line of the child. */
export interface LogContext {
  readonly requestId?: string;
  readonly sessionId?: string;
  readonly channelId?: string;
}

export function childLogger(logger: Logger, context: LogContext): Logger {
  const fields: Record<string, string> = {};
  if (context.requestId !== undefined) fields.requestId = context.requestId;
  if (context.sessionId !== undefined) fields.sessionId = context.sessionId;
  if (context.channelId !== undefined) fields.channelId = context.channelId;
  return logger.child(fields);
}

/**
 * A child logger made on first use: on hot paths (a media playlist refresh) most requests
 * never log, and a pino child costs its bindings' serialisation and redaction up front.
 * Behaves as `childLogger(logger, context)` in every respect once touched.
 */
export function deferredChildLogger(logger: Logger, context: LogContext): Logger {
  return new Proxy(logger, new DeferredChild(logger, context));
}

// A class, not per-call closures: one of these is made per hot-path request.
class DeferredChild implements ProxyHandler<Logger> {
  #child: Logger | undefined;
  readonly #parent: Logger;
  readonly #context: LogContext;

  constructor(parent: Logger, context: LogContext) {
    this.#parent = parent;
    this.#context = context;
  }

  get(_target: Logger, prop: string | symbol): unknown {
    const target = this.#real();
    const value: unknown = Reflect.get(target, prop, target);
    return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
  }

  set(_target: Logger, prop: string | symbol, value: unknown): boolean {
    return Reflect.set(this.#real(), prop, value);
  }

  #real(): Logger {
    return (this.#child ??= childLogger(this.#parent, this.#context));
  }
}
