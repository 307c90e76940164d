import { describe, expect, it } from 'vitest';
import { vastParamsSchema } from '../../../../../src/decisioning/sources/vast/params.js';
import { vastCapabilities } from '../../../../../src/decisioning/sources/vast/capabilities.js';

describe('VAST source params', () => {
  it('fills defaults', () => {
    expect(vastParamsSchema.parse({ url: 'https://ads.example.com/vast?sid=[session.id]' })).toEqual({
      url: 'https://ads.example.com/vast?sid=[session.id]',
      timeoutMs: 1500,
      maxWrapperDepth: 7,
      defaultAvailDurationMs: 60000,
      maxDocumentBytes: 1048576,
    });
  });

  it.each([
    { url: 'http://127.0.0.1:9000/vast' },
    { url: 'https://[player_params.host]/vast', timeoutMs: 50 },
    { url: 'https://ads.example.com/v', maxWrapperDepth: 0, timeoutMs: 30000 },
    { url: 'https://ads.example.com/v', maxWrapperDepth: vastCapabilities.maxWrapperDepth },
  ])('accepts %j', (params) => expect(vastParamsSchema.safeParse(params).success).toBe(true));

  it.each([
    [{}, 'url'],
    [{ url: 'ftp://ads.example.com/v' }, 'url'],
    [{ url: 'https://user:pw@ads.example.com/v' }, 'url'],
    [{ url: 'ads.example.com/v' }, 'url'],
    [{ url: 'https://a.example/v', timeoutMs: 0 }, 'timeoutMs'],
    [{ url: 'https://a.example/v', timeoutMs: 1.5 }, 'timeoutMs'],
    [{ url: 'https://a.example/v', maxWrapperDepth: 11 }, 'maxWrapperDepth'],
    [{ url: 'https://a.example/v', maxWrapperDepth: -1 }, 'maxWrapperDepth'],
    [{ url: 'https://a.example/v', defaultAvailDurationMs: 10 }, 'defaultAvailDurationMs'],
    [{ url: 'https://a.example/v', surprise: true }, ''],
  ])('rejects %j (at %s)', (params, path) => {
    const r = vastParamsSchema.safeParse(params);
    expect(r.success).toBe(false);
    if (!r.success && path !== '') expect(r.error.issues.map((i) => i.path.join('.'))).toContain(path);
  });
});
