import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/config/defaults.js';
import { loadConfig, resolveConfig } from '../../../src/config/load.js';
import { InterludeError } from '../../../src/errors/interlude-error.js';

function configError(fn: () => unknown): InterludeError {
  try {
    fn();
  } catch (e) {
    if (e instanceof InterludeError) return e;
    throw e;
  }
  throw new Error('expected a config error');
}

async function configErrorAsync(p: Promise<unknown>): Promise<InterludeError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof InterludeError) return e;
    throw e;
  }
  throw new Error('expected a config error');
}

const channel = { id: 'news', origin: 'https://origin.example/news', adDecision: { type: 'demo' } };

describe('resolveConfig', () => {
  it('gives the defaults when nothing is set', () => {
    expect(resolveConfig(undefined, {})).toEqual(DEFAULT_CONFIG);
  });

  it('lets the file override defaults and env override the file', () => {
    const c = resolveConfig(
      { server: { port: 9000, host: '0.0.0.0' }, logging: { level: 'debug' } },
      { INTERLUDE_PORT: '7000', REDIS_URL: 'redis://cache:6379', INTERLUDE_API_KEY: 'k'.repeat(20), INTERLUDE_PUBLIC_BASE_URL: 'https://cdn.example' },
    );
    expect(c.server).toEqual({ ...DEFAULT_CONFIG.server, port: 7000, host: '0.0.0.0', publicBaseUrl: 'https://cdn.example' });
    expect(c.logging.level).toBe('debug');
    expect(c.redis.url).toBe('redis://cache:6379');
    expect(c.controlPlane.apiKey).toBe('k'.repeat(20));
    // untouched siblings keep their defaults (deep merge)
    expect(c.fetch.originManifest).toEqual(DEFAULT_CONFIG.fetch.originManifest);
  });

  it('merges one fetch policy field without losing the others', () => {
    const c = resolveConfig({ fetch: { vast: { retry: { maxRetries: 3 } } } });
    expect(c.fetch.vast.retry).toEqual({ ...DEFAULT_CONFIG.fetch.vast.retry, maxRetries: 3 });
    expect(c.fetch.vast.maxBytes).toBe(DEFAULT_CONFIG.fetch.vast.maxBytes);
  });

  it('defaults the origin manifest policy to 2000 ms and 2 MB', () => {
    expect(DEFAULT_CONFIG.fetch.originManifest.maxLoadTimeMs).toBe(2000);
    expect(DEFAULT_CONFIG.fetch.originManifest.maxBytes).toBe(2 * 1024 * 1024);
  });

  it('caches live origin playlists for 1 s by default; a negative or oversized cache is named', () => {
    expect(DEFAULT_CONFIG.origin.liveCacheMaxMs).toBe(1000);
    expect(resolveConfig({ origin: { liveCacheMaxMs: 0 } }).origin.liveCacheMaxMs).toBe(0);
    for (const bad of [-1, 1.5, 120_000, 'soon']) {
      const e = configError(() => resolveConfig({ origin: { liveCacheMaxMs: bad } }));
      expect((e.context.issues as Array<{ path: string }>).map((i) => i.path)).toEqual(['origin.liveCacheMaxMs']);
    }
  });

  it('applies channel defaults to config-file channels', () => {
    const c = resolveConfig({ channels: [{ ...channel, adDecision: { type: 'vast', url: 'https://ads.example/vast' } }] });
    expect(c.channels[0]).toMatchObject({ vodPreroll: true, vodMidrollOffsetsSec: [], liveJoinMidBreak: 'ad', adDecision: { timeoutMs: 1500 } });
  });

  it('reports every problem at once in one CONFIG_INVALID error, each naming its option', () => {
    const e = configError(() => resolveConfig(
      {
        server: { port: 70000, prot: 1 },
        fetch: { originManifest: { maxTimeToFirstByteMs: 5000, maxLoadTimeMs: 1000, retry: { backoff: 'random' } } },
        logging: { level: 'loud' },
        channels: [channel, { ...channel, origin: 'ftp://x' }, { id: 'Bad Id', origin: 'https://o', adDecision: { type: 'prebid' } }],
      },
      { INTERLUDE_PORT: 'eighty', REDIS_URL: 'http://not-redis', INTERLUDE_API_KEY: 'short' },
    ));
    expect(e.code).toBe('CONFIG_INVALID');
    const issues = e.context.issues as Array<{ path: string; message: string }>;
    const paths = issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining([
      'server.port',
      'server.prot',
      'fetch.originManifest.maxLoadTimeMs',
      'fetch.originManifest.retry.backoff',
      'logging.level',
      'channels[1].origin',
      'channels[1].id',
      'channels[2].id',
      'channels[2].adDecision.type',
      'redis.url',
      'controlPlane.apiKey',
    ]));
    // env values say which variable they came from
    expect(issues.find((i) => i.path === 'server.port')?.message).toContain('INTERLUDE_PORT');
    expect(issues.find((i) => i.path === 'controlPlane.apiKey')?.message).toContain('INTERLUDE_API_KEY');
    // the message lists them all too, for main() to print
    for (const p of paths) expect(e.message).toContain(p);
    expect(e.message).not.toContain('short');
  });

  it('rejects a file that is not an object', () => {
    const e = configError(() => resolveConfig([1, 2]));
    expect((e.context.issues as Array<{ path: string }>)[0]?.path).toBe('(file)');
  });
});

describe('loadConfig', () => {
  it('reads the INTERLUDE_CONFIG file', async () => {
    const c = await loadConfig({
      env: { INTERLUDE_CONFIG: '/etc/interlude.json' },
      readFile: (p) => (p === '/etc/interlude.json' ? Promise.resolve(JSON.stringify({ channels: [channel] })) : Promise.reject(new Error('wrong path'))),
    });
    expect(c.channels.map((ch) => ch.id)).toEqual(['news']);
  });

  it('reports an unreadable file together with the other problems', async () => {
    const e = await configErrorAsync(loadConfig({
      env: { INTERLUDE_CONFIG: '/nope.json', LOG_LEVEL: 'chatty' },
      readFile: () => Promise.reject(Object.assign(new Error('no'), { code: 'ENOENT' })),
    }));
    const paths = (e.context.issues as Array<{ path: string }>).map((i) => i.path);
    expect(paths).toEqual(['INTERLUDE_CONFIG', 'logging.level']);
    expect(e.message).toContain('ENOENT');
  });

  it('reports a file that is not JSON', async () => {
    const e = await configErrorAsync(loadConfig({ env: { INTERLUDE_CONFIG: 'c.json' }, readFile: () => Promise.resolve('{ nope') }));
    expect(e.message).toMatch(/not valid JSON/);
  });

  it('ignores empty env values', async () => {
    const c = await loadConfig({ env: { INTERLUDE_PORT: '', REDIS_URL: '  ' } });
    expect(c.server.port).toBe(DEFAULT_CONFIG.server.port);
    expect(c.redis.url).toBeUndefined();
  });
});
