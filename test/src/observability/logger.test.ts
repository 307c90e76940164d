import { describe, expect, it } from 'vitest';
import { childLogger, createLogger, deferredChildLogger } from '../../../src/observability/logger.js';

function capture() {
  // log lines are free-form JSON
  const lines: Array<Record<string, any>> = []; // eslint-disable-line @typescript-eslint/no-explicit-any
  const logger = createLogger({ level: 'debug', destination: { write: (s: string) => { lines.push(JSON.parse(s)); } } });
  return { logger, lines };
}

describe('logger', () => {
  it('writes JSON lines with ISO time and the service name', () => {
    const { logger, lines } = capture();
    logger.info({ a: 1 }, 'hello');
    expect(lines[0]).toMatchObject({ level: 30, msg: 'hello', a: 1, service: 'interlude' });
    expect(lines[0]!.time).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('redacts authorization headers and API keys', () => {
    const { logger, lines } = capture();
    logger.info({ req: { headers: { authorization: 'Bearer s3cret', 'user-agent': 'tv' } }, apiKey: 's3cret', config: { controlPlane: { apiKey: 's3cret' } } }, 'x');
    const text = JSON.stringify(lines[0]);
    expect(text).not.toContain('s3cret');
    expect(lines[0]!.req.headers['user-agent']).toBe('tv');
    expect(lines[0]!.req.headers.authorization).toBe('[redacted]');
  });

  it('child loggers carry request, session and channel ids', () => {
    const { logger, lines } = capture();
    childLogger(logger, { requestId: 'r1', sessionId: 's1', channelId: 'news' }).warn('late ad source');
    expect(lines[0]).toMatchObject({ requestId: 'r1', sessionId: 's1', channelId: 'news', level: 40 });
  });

  it('makes a deferred child only when it is used, and it logs as the child would', () => {
    const { logger, lines } = capture();
    let children = 0;
    const counting = new Proxy(logger, {
      get: (t, p, r) => (p === 'child' ? (...a: Parameters<typeof logger.child>) => { children++; return t.child(...a); } : Reflect.get(t, p, r) as unknown),
    });
    const idle = deferredChildLogger(counting, { requestId: 'r0' });
    expect(idle).toBeDefined();
    expect(children).toBe(0);
    const log = deferredChildLogger(counting, { requestId: 'r2', sessionId: 's2' });
    log.info({ n: 1 }, 'first');
    log.child({ breakId: 'b1' }).warn('nested');
    expect(log.isLevelEnabled('debug')).toBe(true);
    expect(children).toBe(1);
    expect(lines).toMatchObject([
      { requestId: 'r2', sessionId: 's2', n: 1, msg: 'first' },
      { requestId: 'r2', sessionId: 's2', breakId: 'b1', msg: 'nested', level: 40 },
    ]);
  });
});
