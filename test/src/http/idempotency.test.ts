import request from 'supertest';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import { MemoryIdempotencyStore } from '../../../src/http/idempotency/memory-idempotency-store.js';
import { RedisIdempotencyStore } from '../../../src/http/idempotency/redis-idempotency-store.js';
import type { IdempotencyStore } from '../../../src/http/idempotency/idempotency-store.js';
import { canonicalJson } from '../../../src/http/idempotency/idempotent.js';
import { openTestRedis } from '../../support/redis.js';
import { demoChannel, testApp } from './test-app.js';

const redis = openTestRedis('idem');
afterAll(async () => {
  await redis.cleanup();
});

let now = Date.parse('2025-01-01T00:00:00Z');
const clock = { nowMs: () => now };

const backends: Array<[string, () => Promise<App>]> = [
  ['memory', () => testApp({ deps: { clock } })],
  ['redis', () => testApp({ file: { redis: { keyPrefix: `${redis.prefix}${Math.random().toString(36).slice(2)}:` } }, deps: { clock, redis: redis.client } })],
];

describe.each(backends)('Idempotency-Key on the control plane (%s)', (_name, make) => {
  let app: App;
  afterEach(async () => {
    await app.close();
  });

  it('replays the first answer for a retry with the same key and body, and writes once', async () => {
    app = await make();
    let writes = 0;
    const store = app.services.channelStore;
    const create = store.create.bind(store);
    store.create = (c) => { writes++; return create(c); };

    const first = await request(app.http).post('/api/v1/channels').set('Idempotency-Key', 'k-1').send(demoChannel).expect(201);
    now += 5_000;
    const again = await request(app.http).post('/api/v1/channels').set('Idempotency-Key', 'k-1').send(demoChannel);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(writes).toBe(1);
    // without the key the same body is a second create: 409
    await request(app.http).post('/api/v1/channels').send(demoChannel).expect(409);
  });

  it('treats the same JSON with reordered keys as the same body', async () => {
    app = await make();
    await request(app.http).post('/api/v1/channels').set('Idempotency-Key', 'k-2').send(demoChannel).expect(201);
    const reordered = { adDecision: { type: 'demo' }, origin: demoChannel.origin, id: demoChannel.id };
    await request(app.http).post('/api/v1/channels').set('Idempotency-Key', 'k-2').send(reordered).expect(201);
  });

  it('answers 422 IDEMPOTENCY_CONFLICT for the same key with another body or path, changing nothing', async () => {
    app = await make();
    await request(app.http).post('/api/v1/channels').set('Idempotency-Key', 'k-3').send(demoChannel).expect(201);
    const other = await request(app.http).post('/api/v1/channels').set('Idempotency-Key', 'k-3').send({ ...demoChannel, id: 'sports' }).expect(422);
    expect(other.body.error).toMatchObject({ code: 'IDEMPOTENCY_CONFLICT', idempotencyKey: 'k-3' });
    await request(app.http).put('/api/v1/channels/news').set('Idempotency-Key', 'k-3').send(demoChannel).expect(422);
    expect((await request(app.http).get('/api/v1/channels')).body.channels.map((c: { id: string }) => c.id)).toEqual(['news']);
  });

  it('replays a 4xx answer too (the first answer is the answer)', async () => {
    app = await make();
    const bad = { ...demoChannel, origin: 'nope' };
    const first = await request(app.http).post('/api/v1/channels').set('Idempotency-Key', 'k-4').send(bad).expect(400);
    const again = await request(app.http).post('/api/v1/channels').set('Idempotency-Key', 'k-4').send(bad).expect(400);
    expect(again.body).toEqual(first.body);
  });

  it('honours the key on PUT', async () => {
    app = await make();
    await request(app.http).post('/api/v1/channels').send(demoChannel).expect(201);
    const body = { origin: 'https://new.example/', adDecision: { type: 'none' } };
    const first = await request(app.http).put('/api/v1/channels/news').set('Idempotency-Key', 'p-1').send(body).expect(200);
    // someone else changes the channel; a retry of the first PUT must not undo it
    await request(app.http).put('/api/v1/channels/news').send({ ...body, origin: 'https://later.example/' }).expect(200);
    const retry = await request(app.http).put('/api/v1/channels/news').set('Idempotency-Key', 'p-1').send(body).expect(200);
    expect(retry.body).toEqual(first.body);
    expect((await request(app.http).get('/api/v1/channels/news')).body.origin).toBe('https://later.example/');
  });

  it('does not keep a 5xx: the retry runs again', async () => {
    app = await make();
    const store = app.services.channelStore;
    const create = store.create.bind(store);
    let fail = true;
    store.create = (c) => (fail ? Promise.reject(new TypeError('boom')) : create(c));
    await request(app.http).post('/api/v1/channels').set('Idempotency-Key', 'k-5').send(demoChannel).expect(500);
    fail = false;
    await request(app.http).post('/api/v1/channels').set('Idempotency-Key', 'k-5').send(demoChannel).expect(201);
  });

  it('rejects an unusable key', async () => {
    app = await make();
    const res = await request(app.http).post('/api/v1/channels').set('Idempotency-Key', 'x'.repeat(300)).send(demoChannel).expect(400);
    expect(res.body.error.code).toBe('REQUEST_INVALID');
  });
});

const stores: Array<[string, (nowMs: () => number) => IdempotencyStore]> = [
  ['memory', (nowMs) => new MemoryIdempotencyStore(nowMs)],
  ['redis', () => new RedisIdempotencyStore(redis.client, `${redis.prefix}store:${Math.random().toString(36).slice(2)}:`)],
];

describe.each(stores)('IdempotencyStore (%s)', (name, makeStore) => {
  it('lets exactly one of racing reservations win and shows the others the pending record', async () => {
    const store = makeStore(() => now);
    const results = await Promise.all([1, 2, 3, 4].map(() => store.reserve('race', 'fp', 60_000)));
    expect(results.filter((r) => r.reserved)).toHaveLength(1);
    for (const r of results.filter((x) => !x.reserved)) expect(r).toEqual({ reserved: false, record: { state: 'pending', fingerprint: 'fp' } });
  });

  it('keeps a completed answer and frees a released key', async () => {
    const store = makeStore(() => now);
    await store.reserve('a', 'fp', 60_000);
    await store.complete('a', 'fp', { status: 201, body: { x: 1 } }, 60_000);
    expect(await store.reserve('a', 'fp', 60_000)).toEqual({ reserved: false, record: { state: 'done', fingerprint: 'fp', answer: { status: 201, body: { x: 1 } } } });
    await store.reserve('b', 'fp', 60_000);
    await store.release('b');
    expect((await store.reserve('b', 'fp', 60_000)).reserved).toBe(true);
  });

  it('forgets a record after its TTL', async () => {
    let t = 1_000;
    const store = makeStore(() => t);
    await store.reserve('ttl', 'fp', 60_000);
    await store.complete('ttl', 'fp', { status: 200, body: null }, 40);
    if (name === 'memory') t += 41;
    else await new Promise((r) => setTimeout(r, 80));
    expect((await store.reserve('ttl', 'fp', 60_000)).reserved).toBe(true);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: [2, { d: 1, c: 0 }], a: null })).toBe('{"a":null,"b":[2,{"c":0,"d":1}]}');
    expect(canonicalJson(undefined)).toBe('null');
  });
});
