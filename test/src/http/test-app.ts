// Builds the whole app (composition root) for supertest, with a silent or capturing logger.
import type { App, AppDeps } from '../../../src/app.js';
import { buildApp } from '../../../src/app.js';
import { resolveConfig, type Env } from '../../../src/config/load.js';
import { createLogger, type Logger } from '../../../src/observability/logger.js';

export const API_KEY = 'test-key-0123456789abcdef';

export interface TestAppOptions {
  readonly file?: Record<string, unknown>;
  readonly env?: Env;
  readonly deps?: AppDeps;
}

export function captureLogger(level: 'info' | 'debug' | 'warn' = 'info'): { logger: Logger; lines: () => Array<Record<string, unknown>> } {
  const raw: string[] = [];
  const logger = createLogger({ level, destination: { write: (s: string) => { raw.push(s); } } });
  return { logger, lines: () => raw.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

export function testApp(options: TestAppOptions = {}): Promise<App> {
  const config = resolveConfig({ logging: { level: 'silent' }, ...options.file }, options.env ?? {});
  return buildApp(config, { defaultMetrics: false, ...options.deps });
}

export const demoChannel = { id: 'news', origin: 'https://origin.example/news/', adDecision: { type: 'demo' } };
