import request from 'supertest';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import { channelSchema } from '../../../src/channels/channel-schema.js';
import { SERVICE_ERROR_CODES } from '../../../src/errors/codes.js';
import { CONTROL_BASE_PATH, CONTROL_ROUTES, createControlRouter } from '../../../src/http/routes/control-routes.js';
import { MemoryIdempotencyStore } from '../../../src/http/idempotency/memory-idempotency-store.js';
import { API_KEY, testApp } from './test-app.js';

// The document is plain JSON; tests walk it loosely.
type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

interface Layer { route?: { path: string; methods: Record<string, boolean> } }

/** The routes express actually serves, from the router's own stack, as `METHOD /api/v1/path/{param}`. */
function servedRoutes(app: App): string[] {
  const router = createControlRouter({ channels: app.services.channels, idempotency: new MemoryIdempotencyStore(), idempotencyTtlMs: 1 });
  const out: string[] = [];
  for (const layer of router.stack as Layer[]) {
    if (!layer.route) continue;
    for (const [method, on] of Object.entries(layer.route.methods)) {
      if (on && method !== '_all') out.push(`${method.toUpperCase()} ${CONTROL_BASE_PATH}${layer.route.path.replace(/:(\w+)/g, '{$1}')}`);
    }
  }
  return out.sort();
}

describe('OpenAPI document', () => {
  let app: App;
  let doc: Record<string, Json>;
  beforeAll(async () => {
    app = await testApp({ env: { INTERLUDE_API_KEY: API_KEY } });
    const res = await request(app.http).get('/api/v1/openapi.json').expect(200);
    expect(res.headers['content-type']).toContain('application/json');
    doc = res.body;
  });
  afterAll(async () => {
    await app.close();
  });

  it('is OpenAPI 3.1 with a bearer scheme when the API key is set', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes.bearer).toEqual(expect.objectContaining({ type: 'http', scheme: 'bearer' }));
  });

  it('lists exactly the control routes the router serves', () => {
    const documented: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(ops)) documented.push(`${method.toUpperCase()} ${path}`);
    }
    const served = servedRoutes(app);
    expect(served).toHaveLength(CONTROL_ROUTES.length);
    expect(documented.sort()).toEqual(served);
  });

  it('documents routes that really answer (none is a 404 route-not-found)', async () => {
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(ops)) {
        const url = path.replace('{id}', 'probe');
        const res = await (request(app.http) as Json)[method](url).set('Authorization', `Bearer ${API_KEY}`).send({});
        expect(res.body?.error?.code, `${method} ${url}`).not.toBe('ROUTE_NOT_FOUND');
      }
    }
  });

  it('generates the channel schemas from zod', () => {
    const { $schema: _a, ...output } = z.toJSONSchema(channelSchema, { io: 'output' }) as Record<string, unknown>;
    const { $schema: _b, ...input } = z.toJSONSchema(channelSchema, { io: 'input' }) as Record<string, unknown>;
    expect(doc.components.schemas.Channel).toEqual(output);
    expect(doc.components.schemas.ChannelInput).toEqual(input);
    // defaults make fields optional on input, required on output
    expect(doc.components.schemas.ChannelInput.required).not.toContain('vodPreroll');
    expect(doc.components.schemas.Channel.required).toContain('vodPreroll');
    const openrtb = (doc.components.schemas.ChannelInput.properties.adDecision.oneOf as Json[]).find((s) => s.properties.type.const === 'openrtb');
    expect(openrtb.required).toEqual(expect.arrayContaining(['type', 'bidders']));
    expect(openrtb.properties.tmaxMs).toMatchObject({ type: 'integer', minimum: 20, default: 300 });
    expect(doc.components.schemas.Channel.properties.adDecision.oneOf.map((s: Json) => s.properties.type.const)).toEqual(['vast', 'openrtb', 'demo', 'none']);
  });

  it('documents each operation\'s errors with catalogue statuses and the Idempotency-Key on POST/PUT', () => {
    const post = doc.paths['/api/v1/channels'].post;
    expect(post.responses['201']).toBeDefined();
    expect(post.responses['409'].description).toContain('CHANNEL_EXISTS');
    expect(post.responses['422'].description).toContain('IDEMPOTENCY_CONFLICT');
    expect(post.responses['401'].description).toContain('AUTH_REQUIRED');
    expect(post.parameters.map((p: Json) => p.name)).toContain('Idempotency-Key');
    expect(doc.paths['/api/v1/channels/{id}'].get.parameters[0]).toMatchObject({ name: 'id', in: 'path', required: true });
    expect(doc.components.schemas.Error.properties.error.properties.code.enum).toEqual(Object.keys(SERVICE_ERROR_CODES));
  });
});
