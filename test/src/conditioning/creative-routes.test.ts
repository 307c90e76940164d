import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import { API_KEY, testApp } from '../http/test-app.js';

describe('creatives control-plane routes', () => {
  let app: App;
  let off: App;
  beforeAll(async () => {
    app = await testApp({ env: { INTERLUDE_API_KEY: API_KEY } });
    off = await testApp({ file: { conditioning: { enabled: false } } });
  });
  afterAll(async () => {
    await app.close();
    await off.close();
  });

  it('needs the API key like the rest of the control plane', async () => {
    const res = await request(app.http).get('/api/v1/creatives').expect(401);
    expect(res.body.error.code).toBe('AUTH_REQUIRED');
  });

  it('lists creatives, validates limit, and 404s an unknown id with CREATIVE_NOT_FOUND', async () => {
    const auth = { Authorization: `Bearer ${API_KEY}` };
    expect((await request(app.http).get('/api/v1/creatives').set(auth).expect(200)).body).toEqual({ creatives: [] });
    expect((await request(app.http).get('/api/v1/creatives?limit=0').set(auth).expect(400)).body.error.code).toBe('REQUEST_INVALID');
    const res = await request(app.http).get('/api/v1/creatives/cond-unknown').set(auth).expect(404);
    expect(res.body.error).toMatchObject({ code: 'CREATIVE_NOT_FOUND', creativeId: 'cond-unknown' });
  });

  it('is documented in the OpenAPI document with generated schemas', async () => {
    const doc = (await request(app.http).get('/api/v1/openapi.json').expect(200)).body as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>>; components: { schemas: Record<string, { properties: Record<string, { enum?: string[] }> }> } };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/creatives', '/api/v1/creatives/{id}']));
    expect(doc.paths['/api/v1/creatives/{id}']?.get?.responses['404']).toBeDefined();
    expect(doc.components.schemas.Creative?.properties.status?.enum).toEqual(['queued', 'running', 'ready', 'failed', 'unknown']);
  });

  it('answers an empty list and serves no /creatives when conditioning is off', async () => {
    expect((await request(off.http).get('/api/v1/creatives').expect(200)).body).toEqual({ creatives: [] });
    expect(off.services.conditioning).toBeUndefined();
    expect((await request(off.http).get('/creatives/x/master.m3u8')).status).toBe(404);
  });
});
