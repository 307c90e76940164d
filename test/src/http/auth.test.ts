import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import { API_KEY, demoChannel, testApp } from './test-app.js';

describe('control plane auth', () => {
  let secured: App;
  let open: App;
  beforeAll(async () => {
    secured = await testApp({ env: { INTERLUDE_API_KEY: API_KEY } });
    open = await testApp();
  });
  afterAll(async () => {
    await secured.close();
    await open.close();
  });

  it.each([
    ['no header', undefined],
    ['a wrong key', `Bearer ${API_KEY}x`],
    ['a shorter key', 'Bearer test'],
    ['another scheme', `Basic ${API_KEY}`],
    ['an empty bearer', 'Bearer '],
  ])('answers 401 JSON with %s', async (_label, header) => {
    const req = request(secured.http).get('/api/v1/channels');
    const res = await (header === undefined ? req : req.set('Authorization', header)).expect(401);
    expect(res.body.error.code).toBe('AUTH_REQUIRED');
    expect(res.headers['www-authenticate']).toContain('Bearer');
  });

  it('refuses writes without the key and stores nothing', async () => {
    await request(secured.http).post('/api/v1/channels').send(demoChannel).expect(401);
    expect(await secured.services.channels.list()).toEqual([]);
  });

  it('accepts the right key (scheme case-insensitive)', async () => {
    await request(secured.http).get('/api/v1/channels').set('Authorization', `Bearer ${API_KEY}`).expect(200);
    await request(secured.http).post('/api/v1/channels').set('Authorization', `bearer ${API_KEY}`).send(demoChannel).expect(201);
  });

  it('does not guard health, metrics or the OpenAPI document', async () => {
    await request(secured.http).get('/healthz').expect(200);
    await request(secured.http).get('/metrics').expect(200);
    await request(secured.http).get('/api/v1/openapi.json').expect(200);
  });

  it('needs no key when none is configured', async () => {
    await request(open.http).get('/api/v1/channels').expect(200);
  });

  it('does not log the key', async () => {
    // the request log line carries method, path and status only; the logger redacts headers anyway
    const { captureLogger } = await import('./test-app.js');
    const cap = captureLogger();
    const app = await testApp({ env: { INTERLUDE_API_KEY: API_KEY }, deps: { logger: cap.logger } });
    await request(app.http).get('/api/v1/channels').set('Authorization', `Bearer ${API_KEY}`).expect(200);
    await app.close();
    const text = cap.lines().map((l) => JSON.stringify(l)).join('\n');
    expect(text).toContain('"status":200');
    expect(text).not.toContain(API_KEY);
  });
});
