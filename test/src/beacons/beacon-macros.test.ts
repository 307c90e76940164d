import { describe, expect, it } from 'vitest';
import type { BeaconJob } from '../../../src/beacons/beacon-job.js';
import { beaconId } from '../../../src/beacons/beacon-job.js';
import { beaconHeaders, headerSafe, serverUserAgent } from '../../../src/beacons/beacon-headers.js';
import { cacheBuster, fillBeaconUrl, fillMacros, formatPlayhead } from '../../../src/beacons/beacon-macros.js';

export function sampleBeacon(over: Partial<BeaconJob> = {}): BeaconJob {
  return {
    id: beaconId('s1', 'ad-1', 'impression', 0), sessionId: 's1', adId: 'ad-1', event: 'impression',
    url: 'https://t.example/imp',
    viewer: { ip: '203.0.113.7', userAgent: 'Roku/DVP-12.0 (12.0.0.4182)' },
    context: { adPlayheadMs: 0, mediaPlayheadMs: 3_723_456, breakPosition: 'midroll', podSequence: 2, adCount: 3 },
    firedAtMs: Date.UTC(2025, 0, 2, 3, 4, 5, 678),
    ...over,
  };
}

const UA = serverUserAgent('1.2.3');

describe('beacon macros', () => {
  it('fills every SSAI macro, encoded', () => {
    const job = sampleBeacon({
      url: 'https://t.example/i?ts=[TIMESTAMP]&cb=[CACHEBUSTING]&ss=[SERVERSIDE]&ip=[DEVICEIP]&ua=[DEVICEUA]&cua=[CLIENTUA]'
        + '&sua=[SERVERUA]&ap=[ADPLAYHEAD]&mp=[MEDIAPLAYHEAD]&cp=[CONTENTPLAYHEAD]&bp=[BREAKPOSITION]&ps=[PODSEQUENCE]&ac=[ADCOUNT]',
    });
    const url = new URL(fillBeaconUrl(job, UA));
    const q = Object.fromEntries(url.searchParams);
    expect(q).toEqual({
      ts: '2025-01-02T03:04:05.678Z', cb: cacheBuster(job.id), ss: '1', ip: '203.0.113.7',
      ua: 'Roku/DVP-12.0 (12.0.0.4182)', cua: 'Roku/DVP-12.0 (12.0.0.4182)', sua: 'Interlude/1.2.3 (+server-side)',
      ap: '00:00:00.000', mp: '01:02:03.456', cp: '01:02:03.456', bp: '2', ps: '2', ac: '3',
    });
    expect(url.search).toContain('ua=Roku%2FDVP-12.0%20%2812.0.0.4182%29');
    expect(url.search).toContain('ts=2025-01-02T03%3A04%3A05.678Z');
  });

  it('accepts %%MACRO%% as well as [MACRO]', () => {
    expect(fillMacros('https://x/?a=%%SERVERSIDE%%&b=[SERVERSIDE]', { SERVERSIDE: '1' })).toBe('https://x/?a=1&b=1');
  });

  it('leaves a name that is only a property of every object alone', () => {
    const template = 'https://x/?a=[constructor]&b=%%toString%%&c=[__proto__]';
    expect(fillMacros(template, { SERVERSIDE: '1' })).toBe(template);
    expect(fillBeaconUrl(sampleBeacon({ url: template }), UA)).toBe(template);
  });

  it('writes -1 for a spec macro without a value and leaves unknown names alone', () => {
    const url = fillBeaconUrl(sampleBeacon({ url: 'https://x/?e=[ERRORCODE]&u=[UNIVERSALADID]&ifa=[IFA]&own=[MY_SERVER_MACRO]&o2=%%CUSTOM%%' }), UA);
    expect(url).toBe('https://x/?e=-1&u=-1&ifa=-1&own=[MY_SERVER_MACRO]&o2=%%CUSTOM%%');
  });

  it('fills [ERRORCODE] and [UNIVERSALADID] when the context has them', () => {
    const job = sampleBeacon({ url: 'https://x/?e=[ERRORCODE]&u=[UNIVERSALADID]' });
    const url = fillBeaconUrl({ ...job, context: { ...job.context, errorCode: 405, universalAdId: 'ad-id.org CNPA0484000H' } }, UA);
    expect(url).toBe('https://x/?e=405&u=ad-id.org%20CNPA0484000H');
  });

  it('derives an 8-digit cache buster from the beacon id, the same on every retry', () => {
    const a = cacheBuster(beaconId('s', 'ad', 'start', 0));
    expect(a).toMatch(/^\d{8}$/);
    expect(cacheBuster(beaconId('s', 'ad', 'start', 0))).toBe(a);
    const distinct = new Set(Array.from({ length: 200 }, (_, i) => cacheBuster(beaconId('s', 'ad', 'start', i))));
    expect(distinct.size).toBeGreaterThan(195);
  });

  it('formats playheads as HH:MM:SS.mmm', () => {
    expect(formatPlayhead(0)).toBe('00:00:00.000');
    expect(formatPlayhead(15_000.4)).toBe('00:00:15.000');
    expect(formatPlayhead(36_000_001)).toBe('10:00:00.001');
    expect(formatPlayhead(-5)).toBe('00:00:00.000');
  });

  it('maps break positions to VAST numbers', () => {
    const positions = (['preroll', 'midroll', 'postroll', 'standalone'] as const)
      .map((breakPosition) => fillBeaconUrl(sampleBeacon({ url: '[BREAKPOSITION]', context: { ...sampleBeacon().context, breakPosition } }), UA));
    expect(positions).toEqual(['1', '2', '3', '4']);
  });
});

describe('beacon ids and headers', () => {
  it('gives one stable id per (session, ad, event, url index)', () => {
    expect(beaconId('s', 'a', 'start', 0)).toBe(beaconId('s', 'a', 'start', 0));
    expect(beaconId('s', 'a', 'start', 0)).not.toBe(beaconId('s', 'a', 'start', 1));
    expect(beaconId('s', 'a', 'start', 0)).not.toBe(beaconId('s', 'a', 'impression', 0));
    expect(beaconId('s', 'a', 'start', 0)).toMatch(/^[0-9a-f]{32}$/);
  });

  it('forwards the viewer as the IAB asks and identifies the server', () => {
    const job = sampleBeacon();
    expect(beaconHeaders(job, UA)).toEqual({
      'user-agent': 'Interlude/1.2.3 (+server-side)',
      'x-device-ip': '203.0.113.7',
      'x-device-user-agent': 'Roku/DVP-12.0 (12.0.0.4182)',
      'x-forwarded-for': '203.0.113.7',
      'x-request-id': job.id,
    });
  });

  it('makes header values sendable', () => {
    expect(headerSafe('Télé\u0000UA\r\n')).toBe('T?l?UA');
    expect(headerSafe('  Roku/DVP-12.0\t(12.0.0.4182) ')).toBe('Roku/DVP-12.0\t(12.0.0.4182)');
    expect(headerSafe(`Mozilla/5.0 ${'x'.repeat(2000)}`)).toHaveLength(1024);
    expect(headerSafe(`${'x'.repeat(2000)}\n`)).toHaveLength(1024);
  });
});
