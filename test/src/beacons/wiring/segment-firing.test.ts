import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../../manifests/index.js';
import type { BeaconTracker } from '../../../../src/beacons/beacon-tracker.js';
import { SegmentFiring } from '../../../../src/beacons/wiring/segment-firing.js';
import { createLogger } from '../../../../src/observability/logger.js';
import type { Session } from '../../../../src/sessions/session.js';

const session: Session = { id: 's1', channelId: 'c', originPath: 'p.m3u8', format: 'hls', playerParams: {}, clientIp: '198.51.100.1', userAgent: 'TV', reportingMode: 'server', createdAtMs: 0 };
const pod: Pod = {
  breakId: 'offset-0', source: 'openrtb', filledUs: 6_000_000, notes: [],
  ads: [{ id: 'a-1', sequence: 1, adId: 'a', creativeId: 'c', durationUs: 6_000_000, hlsUrl: 'http://x/a.m3u8', tracking: { impression: ['http://t/imp'], complete: ['http://t/done'], billing: ['http://dsp/burl?p=1'] } }],
  dropped: [{ adId: 'gone', errorUrls: ['http://t/err?c=[ERRORCODE]'], code: 403 }],
};

function recorder() {
  const calls: Array<{ ad: string; event: string; urls: readonly string[]; code?: number; position: string }> = [];
  type Ctx = { errorCode?: number; breakPosition: string };
  const fireOnce = (_s: string, ad: string, event: string, urls: readonly string[], _v: unknown, ctx: Ctx) => {
    calls.push({ ad, event, urls, position: ctx.breakPosition, ...(ctx.errorCode === undefined ? {} : { code: ctx.errorCode }) });
    return Promise.resolve(true);
  };
  // A segment request's events arrive as one fireAllOnce batch; record them one by one.
  const fireAllOnce = (events: ReadonlyArray<{ sessionId: string; adInstanceId: string; event: string; urls: readonly string[]; viewer: unknown; context: Ctx }>) =>
    Promise.all(events.map((e) => fireOnce(e.sessionId, e.adInstanceId, e.event, e.urls, e.viewer, e.context)));
  const tracker = { fireOnce, fireAllOnce } as unknown as BeaconTracker;
  return { calls, firing: new SegmentFiring({ tracker, logger: createLogger({ level: 'silent' }) }) };
}

describe('SegmentFiring', () => {
  it('fires burl (billing) with the impression, and only there', async () => {
    const { calls, firing } = recorder();
    const timeline = { segmentsUs: [2_000_000, 2_000_000, 2_000_000] };
    const id = { kind: 'ad' as const, breakId: 'offset-0', ad: 0, playlist: 0, segment: 0, part: { kind: 'media' as const } };
    firing.onAdSegment({ session, pod, timeline, id });
    await firing.drain();
    expect(calls.map((c) => c.event).sort()).toEqual(['billing', 'impression']);
    expect(calls.find((c) => c.event === 'billing')).toMatchObject({ ad: 'offset-0:a-1', urls: ['http://dsp/burl?p=1'], position: 'preroll' });
    calls.length = 0;
    firing.onAdSegment({ session, pod, timeline, id: { ...id, segment: 2 } });
    await firing.drain();
    expect(calls.map((c) => c.event)).toEqual(['complete']);
  });

  it('fires nothing for client-side sessions, but error beacons of dropped ads in both modes', async () => {
    const { calls, firing } = recorder();
    const client = { ...session, reportingMode: 'client' as const };
    firing.onAdSegment({ session: client, pod, timeline: { segmentsUs: [6_000_000] }, id: { kind: 'ad', breakId: 'offset-0', ad: 0, playlist: 0, segment: 0, part: { kind: 'media' } } });
    firing.onPodDecided(client, pod);
    await firing.drain();
    expect(calls).toEqual([{ ad: 'offset-0:dropped:gone', event: 'error', urls: ['http://t/err?c=[ERRORCODE]'], code: 403, position: 'preroll' }]);
  });
});
