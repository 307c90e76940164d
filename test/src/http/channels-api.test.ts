import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import { demoChannel, testApp } from './test-app.js';

let app: App;
beforeEach(async () => {
  app = await testApp({ deps: { clock: { nowMs: () => Date.parse('2025-05-05T05:05:05Z') } } });
});
afterEach(async () => {
  await app.close();
});

const expected = { ...demoChannel, vodMidrollOffsetsSec: [], vodPreroll: true, liveJoinMidBreak: 'ad', createdAt: '2025-05-05T05:05:05.000Z' };

describe('control plane: channels', () => {
  it('creates, reads, lists, replaces and deletes a channel', async () => {
    const created = await request(app.http).post('/api/v1/channels').send(demoChannel).expect(201);
    expect(created.body).toEqual(expected);

    expect((await request(app.http).get('/api/v1/channels/news').expect(200)).body).toEqual(expected);
    expect((await request(app.http).get('/api/v1/channels').expect(200)).body).toEqual({ channels: [expected] });

    const replaced = await request(app.http).put('/api/v1/channels/news')
      .send({ origin: 'https://origin2.example/', adDecision: { type: 'vast', url: 'https://ads.example/vast' }, vodMidrollOffsetsSec: [60] })
      .expect(200);
    expect(replaced.body).toEqual({ ...expected, origin: 'https://origin2.example/', adDecision: { type: 'vast', url: 'https://ads.example/vast', timeoutMs: 1500 }, vodMidrollOffsetsSec: [60] });

    const del = await request(app.http).delete('/api/v1/channels/news').expect(204);
    expect(del.text).toBe('');
    expect((await request(app.http).get('/api/v1/channels').expect(200)).body).toEqual({ channels: [] });
  });

  it('answers 400 listing every problem of a bad body at once', async () => {
    const res = await request(app.http).post('/api/v1/channels')
      .send({ id: 'Bad Id!', origin: 'ftp://x', adDecision: { type: 'vast' }, vodMidrollOffsetsSec: [-5], liveJoinMidBreak: 'never', colour: 'red' })
      .expect(400);
    expect(res.body.error.code).toBe('CHANNEL_INVALID');
    const paths = res.body.error.issues.map((i: { path: string }) => i.path).sort();
    expect(paths).toEqual(['adDecision.url', 'colour', 'id', 'liveJoinMidBreak', 'origin', 'vodMidrollOffsetsSec[0]']);
    for (const issue of res.body.error.issues) expect(issue.message).toEqual(expect.any(String));
    expect(res.body.error.requestId).toBe(res.headers['x-request-id']);
    expect((await request(app.http).get('/api/v1/channels')).body.channels).toEqual([]);
  });

  it('accepts an OpenRTB channel, with the source\'s defaults applied', async () => {
    const body = { id: 'rtb', origin: 'https://origin.example/', adDecision: { type: 'openrtb', tmaxMs: 300, separation: { adomain: true, cat: true }, bidders: [{ name: 'dsp-a', endpoint: 'https://dsp.example/ortb' }, { name: 'dsp-b', adapter: 'legacy-pod', endpoint: 'https://b.example/bid', tmaxMs: 200 }] } };
    const created = await request(app.http).post('/api/v1/channels').send(body).expect(201);
    expect(created.body.adDecision).toMatchObject({ type: 'openrtb', tmaxMs: 300, finishReserveMs: 10, separation: { adomain: true, cat: true }, pod: { mode: 'dynamic', maxSeq: 6 } });
    expect(created.body.adDecision.bidders.map((b: { name: string; adapter: string }) => [b.name, b.adapter])).toEqual([['dsp-a', 'generic'], ['dsp-b', 'legacy-pod']]);
    expect((await request(app.http).get('/api/v1/channels/rtb').expect(200)).body.adDecision).toEqual(created.body.adDecision);
  });

  it('answers 400 listing every problem of an invalid OpenRTB adDecision', async () => {
    const res = await request(app.http).post('/api/v1/channels')
      .send({ id: 'rtb', origin: 'https://origin.example/', adDecision: { type: 'openrtb', tmaxMs: -5, bidders: [] } })
      .expect(400);
    expect(res.body.error.code).toBe('CHANNEL_INVALID');
    const paths = res.body.error.issues.map((i: { path: string }) => i.path).sort();
    expect(paths).toEqual(['adDecision.bidders', 'adDecision.tmaxMs', 'adDecision.tmaxMs']);
    const bad = await request(app.http).post('/api/v1/channels')
      .send({ id: 'rtb', origin: 'https://origin.example/', adDecision: { type: 'openrtb', bidders: [{ name: 'Not A Slug', endpoint: 'ftp://x' }] } })
      .expect(400);
    expect(bad.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(['adDecision.bidders[0].endpoint', 'adDecision.bidders[0].name']);
  });

  it('answers 400 REQUEST_INVALID for malformed JSON and for a missing body', async () => {
    const bad = await request(app.http).post('/api/v1/channels').set('Content-Type', 'application/json').send('{"id": ').expect(400);
    expect(bad.body.error.code).toBe('REQUEST_INVALID');
    const none = await request(app.http).post('/api/v1/channels').expect(400);
    expect(none.body.error.code).toBe('REQUEST_INVALID');
    expect(none.body.error.issues[0].path).toBe('(body)');
  });

  it('answers 413 for a body over the limit', async () => {
    const big = await testApp({ file: { server: { bodyLimitBytes: 200 } } });
    const res = await request(big.http).post('/api/v1/channels').send({ ...demoChannel, pad: 'x'.repeat(500) }).expect(413);
    expect(res.body.error).toMatchObject({ code: 'REQUEST_TOO_LARGE', limitBytes: 200 });
    await big.close();
  });

  it('answers 404 for unknown channels on GET, PUT and DELETE', async () => {
    for (const req of [
      request(app.http).get('/api/v1/channels/nope'),
      request(app.http).put('/api/v1/channels/nope').send({ origin: 'https://o.example/', adDecision: { type: 'none' } }),
      request(app.http).delete('/api/v1/channels/nope'),
    ]) {
      const res = await req.expect(404);
      expect(res.body.error).toMatchObject({ code: 'CHANNEL_NOT_FOUND', channelId: 'nope' });
    }
  });

  it('answers 409 when the id exists, leaving the first channel as it was', async () => {
    await request(app.http).post('/api/v1/channels').send(demoChannel).expect(201);
    const res = await request(app.http).post('/api/v1/channels').send({ ...demoChannel, origin: 'https://evil.example/' }).expect(409);
    expect(res.body.error).toMatchObject({ code: 'CHANNEL_EXISTS', channelId: 'news' });
    expect((await request(app.http).get('/api/v1/channels/news')).body.origin).toBe(demoChannel.origin);
  });

  it('answers an unknown route with a JSON 404', async () => {
    const res = await request(app.http).get('/no/such/thing').expect(404);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.body.error).toMatchObject({ code: 'ROUTE_NOT_FOUND', method: 'GET', path: '/no/such/thing' });
    expect((await request(app.http).patch('/api/v1/channels/news').send({})).body.error.code).toBe('ROUTE_NOT_FOUND');
  });

  it('answers a bug with 500 INTERNAL and no details', async () => {
    app.services.channels.list = () => Promise.reject(new TypeError('cannot read x of undefined at /srv/secret.js'));
    const res = await request(app.http).get('/api/v1/channels').expect(500);
    expect(res.body).toEqual({ error: { code: 'INTERNAL', message: expect.any(String), requestId: res.headers['x-request-id'] } });
    expect(res.text).not.toContain('secret');
  });

  it('loads config-file channels at start', async () => {
    const seeded = await testApp({ file: { channels: [demoChannel] } });
    const res = await request(seeded.http).get('/api/v1/channels/news').expect(200);
    expect(res.body.origin).toBe(demoChannel.origin);
    await seeded.close();
  });
});
