import { describe, expect, it } from 'vitest';
import { ATSC_A85_TARGET, EBU_R128_TARGET, conditionJobId, conditionedKey, profileSetKey, type ContentLadder, profilesFromLadder } from '../../../transcode/index.js';

const ladder: ContentLadder = {
  variants: [{ uri: 'hi.m3u8', bandwidth: 3_000_000, video: { profile: 'high', levelIdc: 31, width: 1280, height: 720, fps: 29.97, fpsRational: '30000/1001' } }],
  audio: { aacObjectType: 5, sampleRate: 48000, channels: 6 },
  audioMode: 'muxed',
  segmentDurationSec: 6.006,
  container: 'mpegts',
  assumptions: [],
};

describe('profilesFromLadder', () => {
  it('matches codec, size, fps and audio layout; GOP is one segment; bitrate fits the rung', () => {
    const p = profilesFromLadder(ladder);
    expect(p.video[0]).toMatchObject({ id: 'v0', width: 1280, height: 720, fpsRational: '30000/1001', codecString: 'avc1.64001f', gopFrames: 180 });
    expect(p.audio).toMatchObject({ aacObjectType: 2, codecString: 'mp4a.40.2', channels: 6, sampleRate: 48000, bitrateKbps: 384 });
    expect(p.video[0]!.bitrateKbps + p.audio!.bitrateKbps).toBeLessThanOrEqual(3000 * 0.9);
    expect(p.notes.join(' ')).toMatch(/AAC object type 5/);
  });
  it('never lets ultrafast (which drops to Constrained Baseline) encode a Main/High target', () => {
    expect(profilesFromLadder(ladder, { preset: 'ultrafast' }).encoder.preset).toBe('superfast');
  });
});

describe('job ids and keys', () => {
  const profiles = profilesFromLadder(ladder);
  const key = profileSetKey(profiles, ATSC_A85_TARGET);

  it('are stable: the same facts give the same id, whatever the key order', () => {
    const reordered = JSON.parse(JSON.stringify({ ...profiles, encoder: profiles.encoder, video: profiles.video })) as typeof profiles;
    expect(profileSetKey(reordered, { lraLu: 7, truePeakDbtp: -2, integratedLufs: -24 })).toBe(key);
    expect(conditionJobId({ identity: 'ad-id.org:ABCD0001', profileSetKey: key })).toBe(conditionJobId({ identity: 'ad-id.org:ABCD0001', profileSetKey: key }));
    expect(key).toMatch(/^[0-9a-f]{16}$/);
  });
  it('change with identity, bytes, targets and loudness', () => {
    const base = conditionJobId({ identity: 'ad1', profileSetKey: key, sourceSha256: 'a'.repeat(64) });
    expect(conditionJobId({ identity: 'ad1', profileSetKey: key, sourceSha256: 'b'.repeat(64) })).not.toBe(base);
    expect(conditionJobId({ identity: 'ad2', profileSetKey: key, sourceSha256: 'a'.repeat(64) })).not.toBe(base);
    expect(profileSetKey(profiles, EBU_R128_TARGET)).not.toBe(key);
    expect(profileSetKey({ ...profiles, segmentDurationSec: 2 }, ATSC_A85_TARGET)).not.toBe(key);
  });
  it('ignore explanatory notes', () => {
    expect(profileSetKey({ ...profiles, notes: ['other words'] }, ATSC_A85_TARGET)).toBe(key);
  });
  it('are valid queue job ids and store keys', () => {
    expect(conditionJobId({ identity: 'x', profileSetKey: key })).toMatch(/^cond-[0-9a-f]{32}$/);
    expect(conditionedKey('f'.repeat(64), key)).toMatch(/^[0-9a-f]{24}-[0-9a-f]{16}$/);
  });
});
