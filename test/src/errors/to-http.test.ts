import { describe, expect, it } from 'vitest';
import { SERVICE_ERROR_CODES } from '../../../src/errors/codes.js';
import { InterludeError, interludeError } from '../../../src/errors/interlude-error.js';
import { toHttpError } from '../../../src/errors/to-http.js';
import { issuesFromZod } from '../../../src/errors/zod-issues.js';
import { z } from 'zod';

describe('error catalogue', () => {
  it('names every code AREA_WHAT with a 4xx/5xx status', () => {
    for (const [code, info] of Object.entries(SERVICE_ERROR_CODES)) {
      expect(code).toMatch(/^[A-Z0-9]+_[A-Z0-9_]+$|^INTERNAL$/);
      expect(info.status).toBeGreaterThanOrEqual(400);
      expect(info.status).toBeLessThan(600);
    }
  });

  it('interludeError takes status and severity from the catalogue', () => {
    const e = interludeError('CHANNEL_NOT_FOUND', 'No channel "x".', { channelId: 'x' });
    expect(e).toBeInstanceOf(InterludeError);
    expect(e).toBeInstanceOf(Error);
    expect(e.status).toBe(404);
    expect(e.severity).toBe('recoverable');
    expect(e.context).toEqual({ channelId: 'x' });
  });
});

describe('toHttpError', () => {
  it('maps a catalogue error to its status and a body with code, message and context', () => {
    const a = toHttpError(interludeError('CHANNEL_EXISTS', 'taken', { channelId: 'news' }), 'req-1');
    expect(a).toEqual({ status: 409, known: true, body: { error: { code: 'CHANNEL_EXISTS', message: 'taken', channelId: 'news', requestId: 'req-1' } } });
  });

  it('never lets context overwrite code or message', () => {
    const a = toHttpError(interludeError('CHANNEL_EXISTS', 'taken', { code: 'HACK', message: 'x' }));
    expect(a.body.error.code).toBe('CHANNEL_EXISTS');
    expect(a.body.error.message).toBe('taken');
  });

  it('turns an unknown error into 500 INTERNAL with the request id and no details', () => {
    const boom = new TypeError('secret internal detail at /srv/app.js:12');
    const a = toHttpError(boom, 'req-2');
    expect(a.status).toBe(500);
    expect(a.known).toBe(false);
    expect(a.body.error.code).toBe('INTERNAL');
    expect(a.body.error.requestId).toBe('req-2');
    expect(JSON.stringify(a.body)).not.toMatch(/secret|app\.js|stack/);
  });

  it('maps body-parser errors to client errors', () => {
    expect(toHttpError(Object.assign(new Error('x'), { type: 'entity.too.large', limit: 100 })).body.error).toMatchObject({ code: 'REQUEST_TOO_LARGE', limitBytes: 100 });
    expect(toHttpError(Object.assign(new SyntaxError('x'), { type: 'entity.parse.failed' })).status).toBe(400);
  });

  it('maps a coded error from elsewhere (FetchError style) by its catalogue code, without its fields', () => {
    const e = Object.assign(new Error('timed out'), { code: 'FETCH_TIMEOUT', url: 'https://x/secret' });
    const a = toHttpError(e);
    expect(a.status).toBe(504);
    expect(a.body.error).toEqual({ code: 'FETCH_TIMEOUT', message: 'timed out' });
  });

  it('treats a non-Error throw as INTERNAL', () => {
    expect(toHttpError('just a string').status).toBe(500);
    expect(toHttpError(undefined).body.error.code).toBe('INTERNAL');
  });
});

describe('issuesFromZod', () => {
  it('names nested paths and gives each unknown key its own issue', () => {
    const s = z.strictObject({ a: z.strictObject({ b: z.array(z.number()) }) });
    const r = s.safeParse({ a: { b: [1, 'x'], typo: 1 }, other: 2 });
    expect(r.success).toBe(false);
    const issues = issuesFromZod(r.error!);
    expect(issues.map((i) => i.path).sort()).toEqual(['a.b[1]', 'a.typo', 'other']);
    expect(issues.find((i) => i.path === 'other')?.message).toBe('unknown option');
  });
});
