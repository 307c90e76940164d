import { describe, expect, it } from 'vitest';
import type { CreativeResolver, Resolution } from '../../../src/conditioning/creative-resolver.js';
import { conditioningErrorCode, resolveCandidates, type ConditionableCandidate } from '../../../src/conditioning/resolve-candidates.js';
import { fitPod } from '../../../src/decisioning/pod-fit.js';
import { mapVastAds } from '../../../src/decisioning/sources/vast/vast-ads.js';
import type { VastAd } from '../../../src/decisioning/sources/vast/vast-model.js';
import type { Session } from '../../../src/sessions/session.js';

const session = { id: 's' } as Session;
const cand = (adId: string, seconds: number, conditioning: boolean): ConditionableCandidate => ({
  ad: { adId, creativeId: adId, durationUs: seconds * 1e6, hlsUrl: conditioning ? '' : `http://a/${adId}.m3u8`, tracking: {} },
  ...(conditioning ? { conditioning: { adId, mediaFiles: [{ url: `http://a/${adId}.mp4`, mimeType: 'video/mp4' }] } } : {}),
});
const resolver = (answers: Record<string, Resolution>): CreativeResolver => ({ resolve: (ad) => Promise.resolve(answers[ad.adId] as Resolution) });

describe('resolveCandidates', () => {
  it('gives ready creatives their conditioned URL, drops the rest with a reasoned note, keeps order', async () => {
    const r = await resolveCandidates([cand('hls', 10, false), cand('wip', 10, true), cand('ok', 10, true), cand('bad', 5, true)], resolver({
      wip: { kind: 'skip', reason: 'transcode_in_progress', note: 'job queued' },
      ok: { kind: 'hls', url: '/creatives/k/master.m3u8', conditioned: true },
      bad: { kind: 'skip', reason: 'transcode_failed', note: 'TRANSCODE_AUDIO_ONLY' },
    }), session);
    expect(r.candidates.map((c) => [c.ad.adId, c.ad.hlsUrl])).toEqual([['hls', 'http://a/hls.m3u8'], ['ok', '/creatives/k/master.m3u8']]);
    expect(r.notes).toEqual(['ad wip skipped: transcode_in_progress: job queued', 'ad bad skipped: transcode_failed: TRANSCODE_AUDIO_ONLY']);
    expect(r.skipped.map((k) => [k.candidate.ad.adId, k.reason])).toEqual([['wip', 'transcode_in_progress'], ['bad', 'transcode_failed']]);
    // the break is filled with the next ready ads
    expect(fitPod(r.candidates, 20e6).ads.map((a) => a.adId)).toEqual(['hls', 'ok']);
  });

  it('owes an Error URL only for a failed (405) or impossible (403) conditioning, not a pending one', () => {
    expect(conditioningErrorCode('transcode_failed')).toBe(405);
    expect(conditioningErrorCode('no_variant_match')).toBe(403);
    expect(conditioningErrorCode('transcode_in_progress')).toBeUndefined();
  });
});

describe('mapVastAds with conditioning', () => {
  const ad = (files: VastAd['creatives'][number]['mediaFiles'], mezzanine?: unknown): VastAd => ({
    id: 'm1', sequence: null, errorURLTemplates: [], impressionURLTemplates: [],
    creatives: [{ id: 'c', adId: null, type: 'linear', duration: 10, mediaFiles: files, universalAdIds: [{ idRegistry: 'ad-id.org', value: 'ABCD0001' }], ...(mezzanine === undefined ? {} : { mezzanine }) } as VastAd['creatives'][number]],
  });
  const mp4 = { fileURL: 'https://cdn.test/m1.mp4', deliveryType: 'progressive', mimeType: 'video/mp4', width: 1920, height: 1080, bitrate: 8000 };

  it('keeps an MP4-only ad as a candidate carrying its files and UniversalAdId', () => {
    const m = mapVastAds([ad([mp4])], 5, { conditionable: true });
    expect(m.notes).toEqual([]);
    expect(m.candidates[0]?.conditioning).toEqual({
      adId: 'm1', universalAdId: 'ad-id.org:ABCD0001',
      mediaFiles: [{ url: 'https://cdn.test/m1.mp4', mimeType: 'video/mp4', delivery: 'progressive', width: 1920, height: 1080, bitrateKbps: 8000 }],
    });
  });

  it('offers the Mezzanine, and skips ads with nothing to condition', () => {
    const withMezz = mapVastAds([ad([], { fileURL: 'https://cdn.test/m1.mov', delivery: 'progressive', type: 'video/quicktime', width: 3840, height: 2160 })], 5, { conditionable: true });
    // no MediaFiles at all is still an error for VAST, even with a Mezzanine
    expect(withMezz.candidates).toHaveLength(0);
    const both = mapVastAds([ad([mp4], { fileURL: 'https://cdn.test/m1.mov', delivery: 'progressive', type: 'video/quicktime' })], 5, { conditionable: true });
    expect(both.candidates[0]?.conditioning?.mediaFiles.find((f) => f.mezzanine === true)?.url).toBe('https://cdn.test/m1.mov');
    const vpaid = mapVastAds([ad([{ fileURL: 'file:///x.mp4', deliveryType: 'progressive', mimeType: 'video/mp4' }])], 5, { conditionable: true });
    expect(vpaid.candidates).toHaveLength(0);
    expect(vpaid.notes[0]).toContain('no progressive video to condition');
  });

  it('still skips MP4-only ads when no resolver is injected', () => {
    expect(mapVastAds([ad([mp4])], 5).notes).toEqual(['ad m1 skipped: no HLS MediaFile; conditioning not yet available']);
  });
});
