import { Router } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import { interludeError } from '../../../src/errors/interlude-error.js';
import { requestIdOf } from '../../../src/http/locals.js';
import { testApp } from './test-app.js';

describe('player routes extension point and CORS', () => {
  let app: App;
  beforeAll(async () => {
    const player = Router();
    player.get('/master/:channel/*path', (req, res) => {
      res.type('application/vnd.apple.mpegurl').send(`#EXTM3U\n# ${req.params.channel} ${requestIdOf(res)}\n`);
    });
    player.get('/tracking/:session', (req) => {
      throw interludeError('SESSION_NOT_FOUND', 'No session.', { sessionId: String(req.params.session) });
    });
    app = await testApp({ deps: { playerRouter: player } });
  });
  afterAll(async () => {
    await app.close();
  });

  it('mounts the player router at /v1 with Access-Control-Allow-Origin: *', async () => {
    const res = await request(app.http).get('/v1/master/news/live/index.m3u8').set('Origin', 'https://player.example').expect(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.text).toContain(`# news ${res.headers['x-request-id']}`);
  });

  it('answers an OPTIONS preflight with 204 and the allowed methods and headers', async () => {
    const res = await request(app.http).options('/v1/session/news/live/index.m3u8')
      .set('Origin', 'https://player.example')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type, x-custom')
      .expect(204);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-methods']).toContain('POST');
    expect(res.headers['access-control-allow-headers']).toBe('content-type, x-custom');
  });

  it('turns a player route\'s catalogue error into JSON with CORS headers', async () => {
    const res = await request(app.http).get('/v1/tracking/abc').expect(404);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.body.error).toMatchObject({ code: 'SESSION_NOT_FOUND', sessionId: 'abc' });
  });

  it('keeps CORS off the control plane', async () => {
    const res = await request(app.http).get('/api/v1/channels').set('Origin', 'https://evil.example').expect(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});
