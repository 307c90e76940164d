/**
 * The slice of a logger the demo uses. A pino logger fits as it is; so does a test spy.
 */
export interface DemoLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export const silentDemoLogger: DemoLogger = {
  info: () => undefined,
  warn: () => undefined,
};
