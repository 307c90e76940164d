import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Pod, SplicePlan } from '../../../../manifests/index.js';
import { isoDuration, trackingJson } from '../../../../src/beacons/tracking/index.js';
import { fixturePath } from '../../../support/vectors.js';
import { readJson, updateGolden, writeJson } from '../firing/helpers.js';

interface Input { readonly plan: SplicePlan; readonly pods: Record<string, Pod> }

const root = fixturePath('beacons', 'tracking');
const cases = readdirSync(root).filter((d) => existsSync(join(root, d, 'input.json'))).sort();

describe('trackingJson golden', () => {
  it.each(cases)('%s', (name) => {
    const input = readJson<Input>(join(root, name, 'input.json'));
    const actual = trackingJson(input.plan, input.pods);
    const path = join(root, name, 'expected.json');
    if (updateGolden) writeJson(path, actual);
    expect(JSON.parse(JSON.stringify(actual))).toEqual(readJson(path));
  });
});

describe('trackingJson', () => {
  const input = readJson<Input>(join(root, 'vod-two-breaks-three-ads', 'input.json'));
  const doc = trackingJson(input.plan, input.pods);

  it('lists both avails and all three ads with their start and duration in seconds', () => {
    expect(doc.avails.map((a) => [a.availId, a.startTimeInSeconds, a.durationInSeconds])).toEqual([['pre', 0, 10], ['mid', 40, 21.006]]);
    expect(doc.avails.flatMap((a) => a.ads.map((ad) => [ad.adId, ad.creativeId, ad.startTimeInSeconds, ad.durationInSeconds]))).toEqual([
      ['vast-t1-1', 'cr-t1-1', 0, 10], ['vast-t2-1', 'cr-t2-1', 40, 15], ['vast-t3-2', 'cr-t3-2', 55, 6.006],
    ]);
  });

  it('times the events like server-side firing, with the trigger segment MSN as event id', () => {
    const ad = doc.avails[1]!.ads[1]!;
    expect(ad.trackingEvents.map((e) => [e.eventType, e.startTimeInSeconds, e.eventId])).toEqual([
      ['impression', 55, '11'], ['start', 55, '11'], ['firstQuartile', 56.501, '11'], ['midpoint', 58.003, '11'],
      ['thirdQuartile', 59.504, '12'], ['complete', 61.006, '12'], ['error', 55, 'mid:t3-2:error'],
    ]);
    expect(ad.trackingEvents[0]!.beaconUrls).toHaveLength(2);
    expect(ad.trackingEvents[0]!.durationInSeconds).toBe(6.006);
  });

  it('puts VMAP break trackers on the avail, and other events after the timed ones (empty lists dropped)', () => {
    expect(doc.avails[1]!.adBreakTrackingEvents).toEqual([
      { eventType: 'breakStart', beaconUrls: ['https://vmap.example/mid/start'], startTimeInSeconds: 40 },
      { eventType: 'breakEnd', beaconUrls: ['https://vmap.example/mid/end'], startTimeInSeconds: 61.006 },
    ]);
    expect(doc.avails[1]!.ads[0]!.trackingEvents.map((e) => e.eventType).slice(-3)).toEqual(['error', 'pause', 'skip']);
    expect(doc.avails[0]!.adBreakTrackingEvents).toEqual([]);
  });

  it('a break without its pod still lists its ads, without events', () => {
    const d = trackingJson(input.plan, { mid: input.pods.mid! });
    expect(d.avails[0]!.ads[0]!.trackingEvents).toEqual([]);
  });

  it('isoDuration', () => {
    expect([isoDuration(17_817_798), isoDuration(15_000_000), isoDuration(0), isoDuration(-1_500_000)]).toEqual(['PT17.817S', 'PT15S', 'PT0S', '-PT1.5S']);
  });
});
