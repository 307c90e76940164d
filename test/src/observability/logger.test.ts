import { describe, expect, it } from 'vitest';
import { childLogger, createLogger } from '../../../src/observability/logger.js';

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
});
