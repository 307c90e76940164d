import { describe, expect, it } from 'vitest';
import type { PlannedBreak, Pod } from '../../../../manifests/index.js';
import { fillBeaconUrl } from '../../../../src/beacons/beacon-macros.js';
import { errorBeacons, VAST_ERROR } from '../../../../src/beacons/firing/index.js';
import type { Session } from '../../../../src/sessions/session.js';
import { fireAll, recordingTracker } from './helpers.js';

const SESSION: Session = {
  id: 's-9', channelId: 'c', originPath: 'v/master.m3u8', format: 'hls', playerParams: {},
  clientIp: '192.0.2.44', userAgent: 'Tizen/7', reportingMode: 'client', createdAtMs: 0,
};
const POD: Pod = {
  breakId: 'mid-1', source: 'vast', filledUs: 30_000_000, notes: [],
  ads: [
    { id: 'x', sequence: 1, adId: 'vx', creativeId: 'cx', universalAdId: 'ad-id.org ABC', durationUs: 15_000_000, hlsUrl: 'https://cdn/x.m3u8',
      tracking: { impression: ['https://t/x/imp'], error: ['https://t/x/err?code=[ERRORCODE]&pos=[BREAKPOSITION]', 'https://w/x/err/%%ERRORCODE%%'] } },
    { id: 'y', sequence: 2, adId: 'vy', creativeId: 'cy', durationUs: 15_000_000, hlsUrl: 'https://cdn/y.m3u8', tracking: { impression: ['https://t/y/imp'] } },
  ],
};
const BRK: PlannedBreak = { breakId: 'mid-1', startUs: 42_500_000, durationUs: 15_000_000, replacedUs: 0, ads: [], slateUs: 0, notes: [] };

describe('errorBeacons', () => {
  it('403 for an ad without a supported MediaFile: every Error URL, [ERRORCODE] in the context, fired even for client-side sessions', async () => {
    const b = errorBeacons({ session: SESSION, pod: POD, podAdId: 'x', code: VAST_ERROR.NO_SUPPORTED_MEDIA_FILE, plan: { mode: 'vod', mediaSequence: 0, discontinuitySequence: 0, breaks: [BRK] } });
    expect(b).toEqual({
      sessionId: 's-9', adInstanceId: 'mid-1:x', event: 'error',
      urls: ['https://t/x/err?code=[ERRORCODE]&pos=[BREAKPOSITION]', 'https://w/x/err/%%ERRORCODE%%'],
      viewer: { ip: '192.0.2.44', userAgent: 'Tizen/7' },
      context: { adPlayheadMs: 0, mediaPlayheadMs: 42_500, breakPosition: 'midroll', podSequence: 1, adCount: 0, universalAdId: 'ad-id.org ABC', errorCode: 403 },
    });
    // Through the real tracker and macro filler: the URL the worker would send.
    const { tracker, jobs } = recordingTracker();
    expect(await fireAll(tracker, b === undefined ? [] : [b, b])).toEqual(['mid-1:x error']);
    expect(jobs.map((j) => fillBeaconUrl(j, 'Interlude/1'))).toEqual(['https://t/x/err?code=403&pos=2', 'https://w/x/err/403']);
  });

  it('without a plan: media playhead 0, ad count from the pod, the position hint', () => {
    const b = errorBeacons({ session: SESSION, pod: POD, podAdId: 'x', code: VAST_ERROR.WRAPPER_TIMEOUT, breakPosition: 'preroll' });
    expect(b?.context).toMatchObject({ mediaPlayheadMs: 0, adCount: 2, breakPosition: 'preroll', errorCode: 301 });
  });

  it('nothing for an ad without Error URLs or not in the pod', () => {
    expect(errorBeacons({ session: SESSION, pod: POD, podAdId: 'y', code: VAST_ERROR.MEDIA_FILE_TIMEOUT })).toBeUndefined();
    expect(errorBeacons({ session: SESSION, pod: POD, podAdId: 'zz', code: VAST_ERROR.MEDIA_FILE_DISPLAY_PROBLEM })).toBeUndefined();
  });

  it('names the issue codes as VAST numbers them', () => {
    expect([VAST_ERROR.WRAPPER_TIMEOUT, VAST_ERROR.WRAPPER_NO_ADS, VAST_ERROR.MEDIA_FILE_TIMEOUT, VAST_ERROR.NO_SUPPORTED_MEDIA_FILE, VAST_ERROR.MEDIA_FILE_DISPLAY_PROBLEM])
      .toEqual([301, 303, 402, 403, 405]);
  });
});
