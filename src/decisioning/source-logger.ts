/**
 * The slice of a logger that decisioning needs. pino's Logger satisfies it; the composition
 * root passes the real one (with request and session bindings), tests pass a recorder.
 */
export interface SourceLogger {
  warn(fields: Record<string, unknown>, message: string): void;
  debug(fields: Record<string, unknown>, message: string): void;
}

export const silentLogger: SourceLogger = {
  warn: () => undefined,
  debug: () => undefined,
};
