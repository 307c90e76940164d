// The demo VAST must read as intended through the library the VAST source uses.
import { VASTParser } from '@dailymotion/vast-client';
import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { selectPod, type DemoCreative } from '../../../../src/demo/ad-server/pod-selection.js';
import { buildVastPod, type VastPodAd } from '../../../../src/demo/ad-server/vast-document.js';

const creatives: DemoCreative[] = [
  { id: 'ad-blue', title: 'Blue & co <15 s>', durationSec: 15, delivery: 'hls' },
  { id: 'ad-green', title: 'green', durationSec: 5, delivery: 'hls' },
  { id: 'ad-yellow-mp4', title: 'yellow', durationSec: 10, delivery: 'mp4' },
];

function document(): string {
  const ads: VastPodAd[] = selectPod(creatives, 30).map((c) => ({
    creative: c,
    mediaFile: c.delivery === 'hls'
      ? { url: `http://127.0.0.1:1/ads/${c.id}/master.m3u8`, delivery: 'streaming', type: 'application/x-mpegURL', width: 640, height: 360, bitrateKbps: 900 }
      : { url: `http://127.0.0.1:1/ads/${c.id}.mp4`, delivery: 'progressive', type: 'video/mp4', width: 480, height: 270, bitrateKbps: 500 },
  }));
  return buildVastPod({ ads, servingId: 'sess-1', beaconUrl: (e, ad, seq) => `http://127.0.0.1:1/beacon?e=${e}&ad=${ad.id}&sid=sess-1&pos=${seq}` });
}

interface ParsedAd {
  id: string;
  sequence: number | string;
  title: string;
  impressionURLTemplates: { url: string }[];
  creatives: { type: string; duration: number; mediaFiles: { fileURL: string; mimeType: string; deliveryType: string; width: number }[]; trackingEvents: Record<string, string[]> }[];
}

describe('demo VAST through @dailymotion/vast-client', () => {
  it('parses into a three-ad pod with durations, media files and tracking events', async () => {
    const dom = new DOMParser().parseFromString(document(), 'text/xml');
    const parser = new VASTParser();
    const ads = (await (parser as unknown as { parse(d: unknown, o: object): Promise<ParsedAd[]> }).parse(dom, { isRootVAST: true })) ?? [];
    expect(ads.map((a) => [a.id, Number(a.sequence)])).toEqual([['ad-blue', 1], ['ad-green', 2], ['ad-yellow-mp4', 3]]);
    expect(ads[0]!.title).toBe('Blue & co <15 s>');
    const linear = ads[0]!.creatives.find((c) => c.type === 'linear')!;
    expect(linear.duration).toBe(15);
    expect(linear.mediaFiles.map((m) => [m.fileURL, m.mimeType, m.deliveryType, m.width])).toEqual([
      ['http://127.0.0.1:1/ads/ad-blue/master.m3u8', 'application/x-mpegURL', 'streaming', 640],
    ]);
    expect(Object.keys(linear.trackingEvents).sort()).toEqual(['complete', 'firstQuartile', 'midpoint', 'start', 'thirdQuartile']);
    expect(linear.trackingEvents.start).toEqual(['http://127.0.0.1:1/beacon?e=start&ad=ad-blue&sid=sess-1&pos=1']);
    expect(ads[0]!.impressionURLTemplates.map((t) => t.url)).toEqual(['http://127.0.0.1:1/beacon?e=impression&ad=ad-blue&sid=sess-1&pos=1']);
    const mp4 = ads[2]!.creatives[0]!.mediaFiles[0]!;
    expect([mp4.mimeType, mp4.deliveryType]).toEqual(['video/mp4', 'progressive']);
  });
});
