import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHls } from '../../../manifests/hls/index.js';
import { channelSchema } from '../../../src/channels/channel-schema.js';
import { startDemo, type DemoHandle } from '../../../src/demo/start-demo.js';
import { sharedDemoMedia } from './support.js';

const T0 = Date.UTC(2026, 0, 1);
let now = T0 + 57_000;
let demo: DemoHandle;

beforeAll(async () => {
  const media = await sharedDemoMedia();
  demo = await startDemo({ mediaDir: media.mediaDir, clock: { nowMs: () => now } });
}, 120_000);

afterAll(async () => {
  await demo?.close();
});

function url(path: string): string {
  return new URL(path, demo.originBaseUrl).toString();
}

async function get(path: string, init?: RequestInit): Promise<{ status: number; type: string | null; text: string; headers: Headers }> {
  const r = await fetch(url(path), init);
  return { status: r.status, type: r.headers.get('content-type'), text: await r.text(), headers: r.headers };
}

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', processEntities: false, isArray: (name) => ['Ad', 'Tracking', 'MediaFile'].includes(name) });

interface VastAd {
  '@_id': string;
  '@_sequence': string;
  InLine: {
    Impression: { '#text': string };
    Creatives: { Creative: { Linear: { Duration: string; TrackingEvents: { Tracking: { '@_event': string; '#text': string }[] }; MediaFiles: { MediaFile: Record<string, string>[] } } } };
  };
}

async function vast(query: string): Promise<VastAd[]> {
  const r = await get(`vast?${query}`);
  expect(r.status).toBe(200);
  expect(r.type).toContain('application/xml');
  const doc = xml.parse(r.text) as { VAST: { '@_version': string; Ad?: VastAd[] } };
  expect(doc.VAST['@_version']).toBe('4.0');
  return doc.VAST.Ad ?? [];
}

function seconds(hms: string): number {
  const [h, m, s] = hms.split(':').map(Number);
  return (h ?? 0) * 3600 + (m ?? 0) * 60 + (s ?? 0);
}

describe('startDemo', () => {
  it('returns channels that the channel schema accepts, and paths the origin serves', async () => {
    expect(demo.originBaseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(demo.adServerUrl).toBe(`${demo.originBaseUrl}vast?dur=[session.avail_duration_secs]&sid=[session.id]`);
    expect(demo.channels.map((c) => c.id)).toEqual(['demo-live', 'demo-vod', 'demo-vod-nocue', 'demo-live-rtb']);
    for (const c of demo.channels) {
      const parsed = channelSchema.safeParse(c);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      const r = await get(demo.channelPaths[c.id]);
      expect(r.status).toBe(200);
      expect(r.type).toBe('application/vnd.apple.mpegurl');
    }
    expect(demo.channels.find((c) => c.id === 'demo-vod-nocue')?.vodMidrollOffsetsSec).toEqual([30, 90]);
    expect(demo.media.generated).toBe(false);
  });

  it('serves the live playlist from the injected clock and its segments as MPEG-TS', async () => {
    now = T0 + 57_000;
    const first = await get('live/360p.m3u8');
    expect(first.text).toContain(`#EXT-X-MEDIA-SEQUENCE:${T0 / 2000 + 22}`);
    now += 4_000;
    const later = parseHls((await get('live/180p.m3u8')).text);
    if (!later.ok || later.value.kind !== 'media') throw new Error('not a media playlist');
    expect(later.value.mediaSequence).toBe(T0 / 2000 + 24);
    const seg = await fetch(url(`live/${later.value.segments[0]!.uri}`));
    expect(seg.status).toBe(200);
    expect(seg.headers.get('content-type')).toBe('video/mp2t');
    const bytes = new Uint8Array(await seg.arrayBuffer());
    expect(bytes[0]).toBe(0x47); // MPEG-TS sync byte
    expect(bytes.length % 188).toBe(0);
  });

  it('serves creatives and slate as HLS, and refuses paths that are not in the catalog', async () => {
    const master = parseHls((await get('ads/ad-red/master.m3u8')).text);
    expect(master.ok && master.value.kind === 'multivariant' && master.value.variants.map((v) => v.resolution?.height)).toEqual([360, 180]);
    const media = await get('slate/180p.m3u8');
    expect(media.text).toContain('#EXT-X-ENDLIST');
    expect((await get('ads/ad-red/360p/seg-999.ts')).status).toBe(404);
    expect((await get('ads/content/master.m3u8')).status).toBe(404);
    expect((await get('vod/..%2F..%2Fpackage.json')).status).toBe(404);
    expect((await get('ads/ad-yellow-mp4.mp4', { method: 'HEAD' })).type).toBe('video/mp4');
    expect((await get('live/master.m3u8')).headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('demo VAST ad server', () => {
  it('answers a VAST 4 pod that fits the duration, in sequence, with streaming HLS media files', async () => {
    const ads = await vast('dur=30&sid=s1');
    expect(ads.map((a) => [a['@_id'], a['@_sequence']])).toEqual([['ad-blue', '1'], ['ad-green', '2'], ['ad-yellow-mp4', '3']]);
    const total = ads.reduce((n, a) => n + seconds(a.InLine.Creatives.Creative.Linear.Duration), 0);
    expect(total).toBeLessThanOrEqual(30);
    expect(ads[0]!.InLine.Creatives.Creative.Linear.Duration).toBe('00:00:15.000');
    const hls = ads[0]!.InLine.Creatives.Creative.Linear.MediaFiles.MediaFile[0]!;
    expect(hls).toMatchObject({ '@_delivery': 'streaming', '@_type': 'application/x-mpegURL', '@_width': '640', '@_height': '360' });
    expect(hls['#text']).toBe(url('ads/ad-blue/master.m3u8'));
    expect((await fetch(hls['#text']!)).status).toBe(200);
    const mp4 = ads[2]!.InLine.Creatives.Creative.Linear.MediaFiles.MediaFile;
    expect(mp4.map((m) => [m['@_delivery'], m['@_type']])).toEqual([['progressive', 'video/mp4']]);
    expect((await fetch(mp4[0]!['#text']!, { method: 'HEAD' })).headers.get('content-length')).toMatch(/^\d+$/);
  });

  it('fits shorter breaks, leaves out the MP4 on request, and says no ad when nothing fits', async () => {
    expect((await vast('dur=20')).map((a) => a['@_id'])).toEqual(['ad-red', 'ad-yellow-mp4']);
    expect((await vast('dur=30&mp4=0')).map((a) => a['@_id'])).toEqual(['ad-blue', 'ad-red', 'ad-green']);
    expect(await vast('dur=3')).toEqual([]);
  });

  it('rejects a bad duration and injects faults on request', async () => {
    expect((await get('vast')).status).toBe(400);
    expect((await get('vast?dur=abc')).status).toBe(400);
    const fault = await get('vast?dur=30&status=503');
    expect(fault.status).toBe(503);
    expect(JSON.parse(fault.text)).toMatchObject({ code: 'DEMO_AD_SERVER_FAULT' });
  });

  it('records the beacons its tracking URLs receive, with the forwarded device headers', async () => {
    const ads = await vast('dur=20&sid=beacon-test');
    const linear = ads[0]!.InLine.Creatives.Creative.Linear;
    const urls = [ads[0]!.InLine.Impression['#text'], ...linear.TrackingEvents.Tracking.map((t) => t['#text'])];
    expect(linear.TrackingEvents.Tracking.map((t) => t['@_event'])).toEqual(['start', 'firstQuartile', 'midpoint', 'thirdQuartile', 'complete']);
    for (const u of urls) {
      const r = await fetch(u, { headers: { 'X-Device-IP': '203.0.113.7', 'X-Device-User-Agent': 'TestTV/1.0' } });
      expect(r.status).toBe(204);
    }
    const listed = (await (await fetch(url('beacons?sid=beacon-test'))).json()) as { hits: { event: string; adId: string; position: string; deviceIp?: string; deviceUserAgent?: string; receivedAtMs: number }[] };
    expect(listed.hits.map((h) => h.event)).toEqual(['impression', 'start', 'firstQuartile', 'midpoint', 'thirdQuartile', 'complete']);
    expect(listed.hits.every((h) => h.adId === 'ad-red' && h.position === '1' && h.deviceIp === '203.0.113.7' && h.deviceUserAgent === 'TestTV/1.0')).toBe(true);
    expect(listed.hits[0]!.receivedAtMs).toBe(now);
    expect(demo.beacons.list({ sessionId: 'beacon-test', event: 'complete' })).toHaveLength(1);
    expect((await fetch(url('beacons'), { method: 'DELETE' })).status).toBe(204);
    expect(demo.beacons.list()).toEqual([]);
  });
});
