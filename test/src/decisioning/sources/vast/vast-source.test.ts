import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { Break } from '../../../../../manifests/index.js';
import type { CreativeResolver, Resolution } from '../../../../../src/conditioning/creative-resolver.js';
import { createDeadline } from '../../../../../src/decisioning/deadline.js';
import type { SourceLogger } from '../../../../../src/decisioning/source-logger.js';
import { VastSource } from '../../../../../src/decisioning/sources/vast/vast-source.js';
import { vastParamsSchema } from '../../../../../src/decisioning/sources/vast/params.js';
import { createUndiciFetcher, type Fetcher } from '../../../../../src/net/fetcher.js';
import type { Session } from '../../../../../src/sessions/session.js';
import { routes, startLoopbackServer } from '../../../../support/loopback-server.js';
import { fixturePath } from '../../../../support/vectors.js';

const session: Session = {
  id: 'sess-9', channelId: 'c', originPath: 'p.m3u8', format: 'hls', playerParams: {},
  clientIp: '192.0.2.10', userAgent: 'TestTV/2', reportingMode: 'server', createdAtMs: 0,
};
const brk: Break = { id: 'b1', startUs: 0, durationUs: 60_000_000, mediaSequence: 0, dialect: 'cue-out', joinedMidBreak: false };
const avail = { availNum: 1, availIndex: 0 };
const clock = { nowMs: () => Date.now() };
const undici = createUndiciFetcher();
afterAll(() => undici.close());
const xml = (name: string) => readFileSync(fixturePath('vast', name), 'utf8');

function source(url: string, fetcher: Fetcher, extra: Record<string, unknown> = {}, logger?: SourceLogger, creatives?: CreativeResolver) {
  return new VastSource(vastParamsSchema.parse({ url, ...extra }), { fetcher, clock, random: () => 0.5, logger: logger ?? { warn: () => undefined, debug: () => undefined }, ...(creatives === undefined ? {} : { creatives }) });
}

describe('VAST source', () => {
  it('fetches every document, wrapper hops included, through the injected fetcher', async () => {
    const srv = await startLoopbackServer(routes({ '/inline': { body: xml('wrapped-inline.xml') } }));
    // The first document comes from the recording fetcher itself; its wrapper points at the server.
    const w1 = xml('wrapper.xml').replaceAll('{{name}}', 'w1').replaceAll('{{server}}', srv.origin).replaceAll('{{next}}', '/inline');
    const seen: string[] = [];
    const recording: Fetcher = {
      fetchText: (url, opts) => {
        seen.push(url);
        if (url.endsWith('/w1')) return Promise.resolve({ status: 200, headers: {}, body: w1, url });
        return undici.fetchText(url, opts);
      },
    };
    const pod = await source(srv.url('/w1'), recording).decide(brk, session, avail, createDeadline(2_000, clock));
    expect(seen).toEqual([srv.url('/w1'), srv.url('/inline')]);
    expect(pod.ads.map((a) => a.adId)).toEqual(['deep']);
    expect(srv.requests.map((r) => r.url)).toEqual(['/inline']);
    expect(srv.requests[0]?.headers['user-agent']).toBe('TestTV/2');
    expect(srv.requests[0]?.headers['x-forwarded-for']).toBe('192.0.2.10');
  });

  it('a hanging ad server neither delays the pod past the deadline nor crashes the process later', async () => {
    const faults: unknown[] = [];
    const onFault = (e: unknown) => faults.push(e);
    process.on('uncaughtException', onFault);
    process.on('unhandledRejection', onFault);
    try {
      const srv = await startLoopbackServer(routes({ '/vast': { delayMs: 700, body: xml('inline-single.xml') } }));
      const warnings: Record<string, unknown>[] = [];
      const logger: SourceLogger = { warn: (f) => warnings.push(f), debug: () => undefined };
      const t0 = Date.now();
      const pod = await source(srv.url('/vast'), undici, { timeoutMs: 200 }, logger).decide(brk, session, avail, createDeadline(5_000, clock));
      expect(Date.now() - t0).toBeLessThan(200 + 250);
      expect(pod.ads).toEqual([]);
      expect(pod.notes[0]).toMatch(/^deadline passed \(200 ms budget\)/);
      expect(warnings[0]).toMatchObject({ sessionId: 'sess-9', breakId: 'b1', source: 'vast', ads: 0 });
      // Outlive the server's late answer and any timer the request left behind.
      await new Promise((r) => setTimeout(r, 900));
      expect(faults).toEqual([]);
    } finally {
      process.off('uncaughtException', onFault);
      process.off('unhandledRejection', onFault);
    }
  });

  it('the caller deadline wins when it is shorter than the source budget', async () => {
    const srv = await startLoopbackServer(routes({ '/vast': { hang: true } }));
    const t0 = Date.now();
    const pod = await source(srv.url('/vast'), undici, { timeoutMs: 5_000 }).decide(brk, session, avail, createDeadline(150, clock));
    expect(Date.now() - t0).toBeLessThan(150 + 250);
    expect(pod.notes[0]).toMatch(/^deadline passed/);
  });

  it('same session and break give the same request URL (avail.random is derived, not drawn)', async () => {
    const srv = await startLoopbackServer(routes({ '/vast': { body: '<VAST version="4.0"/>' } }));
    const src = source(`${srv.origin}/vast?r=[avail.random]`, undici);
    await src.decide(brk, session, avail, createDeadline(1_000, clock));
    await src.decide(brk, session, avail, createDeadline(1_000, clock));
    await src.decide({ ...brk, id: 'b2' }, session, avail, createDeadline(1_000, clock));
    const [a, b, c] = srv.requests.map((r) => r.url);
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  describe('MP4-only ads and their Error URLs', () => {
    const mp4Ad = (id: string) => `<Ad id="${id}"><InLine><AdSystem>t</AdSystem><AdTitle>t</AdTitle><Impression><![CDATA[https://imp.example/${id}]]></Impression><Error><![CDATA[https://err.example/${id}?c=[ERRORCODE]]]></Error><Creatives><Creative id="cr-${id}"><Linear><Duration>00:00:10</Duration><MediaFiles><MediaFile delivery="progressive" type="video/mp4" width="640" height="360"><![CDATA[https://cdn.example/${id}.mp4]]></MediaFile></MediaFiles></Linear></Creative></Creatives></InLine></Ad>`;
    const decideWith = async (answers: Record<string, Resolution>) => {
      const srv = await startLoopbackServer(routes({ '/vast': { body: `<VAST version="4.0">${mp4Ad('wip')}${mp4Ad('bad')}${mp4Ad('never')}</VAST>` } }));
      const resolver: CreativeResolver = { resolve: (ad) => Promise.resolve(answers[ad.adId] as Resolution) };
      try {
        return await source(srv.url('/vast'), undici, {}, undefined, resolver).decide(brk, session, avail, createDeadline(2_000, clock));
      } finally {
        await srv.close();
      }
    };

    it('fire 405 for a failed conditioning and 403 for an impossible one; an ad still being conditioned fires nothing', async () => {
      const pod = await decideWith({
        wip: { kind: 'skip', reason: 'transcode_in_progress', note: 'job queued' },
        bad: { kind: 'skip', reason: 'transcode_failed', note: 'TRANSCODE_AUDIO_ONLY' },
        never: { kind: 'skip', reason: 'no_variant_match', note: 'nothing to condition' },
      });
      expect(pod.ads).toEqual([]);
      expect(pod.dropped).toEqual([
        { adId: 'bad', errorUrls: ['https://err.example/bad?c=[ERRORCODE]'], code: 405 },
        { adId: 'never', errorUrls: ['https://err.example/never?c=[ERRORCODE]'], code: 403 },
      ]);
      expect(pod.notes).toContain('ad wip skipped: transcode_in_progress: job queued');
    });
  });
});
