import { describe, expect, it } from 'vitest';
import { fpsToRational, parseCodec, rationalToFps, readContentLadder, type MediaProbe } from '../../../transcode/index.js';
import { DEMO_LIKE_MULTIVARIANT, mediaPlaylist } from '../support/media.js';

describe('parseCodec', () => {
  it('reads H.264 profile and level from avc1.PPCCLL', () => {
    expect(parseCodec('avc1.42c01e')).toMatchObject({ kind: 'avc', profile: 'constrained-baseline', levelIdc: 30 });
    expect(parseCodec('avc1.42001f')).toMatchObject({ profile: 'baseline', levelIdc: 31 });
    expect(parseCodec('avc1.4D401F')).toMatchObject({ profile: 'main', levelIdc: 31 });
    expect(parseCodec('avc1.640028')).toMatchObject({ profile: 'high', levelIdc: 40 });
  });
  it('reads AAC object types and flags other codecs', () => {
    expect(parseCodec('mp4a.40.2')).toMatchObject({ kind: 'aac', objectType: 2 });
    expect(parseCodec('mp4a.40.5')).toMatchObject({ kind: 'aac', objectType: 5 });
    expect(parseCodec('hvc1.1.6.L93.B0')).toMatchObject({ kind: 'other-video' });
    expect(parseCodec('ec-3')).toMatchObject({ kind: 'other-audio' });
  });
});

describe('frame rates', () => {
  it('maps NTSC decimals to rationals and back', () => {
    expect(fpsToRational(29.97)).toBe('30000/1001');
    expect(fpsToRational(23.976)).toBe('24000/1001');
    expect(fpsToRational(25)).toBe('25');
    expect(rationalToFps('30000/1001')).toBeCloseTo(29.97, 2);
    expect(rationalToFps('0/0')).toBe(0);
  });
});

describe('readContentLadder', () => {
  const demoMedia = { '360p.m3u8': mediaPlaylist(5, 2), '180p.m3u8': mediaPlaylist(5, 2) };

  it('reads the demo ladder from the playlists alone, naming its assumptions', () => {
    const r = readContentLadder({ multivariant: DEMO_LIKE_MULTIVARIANT, mediaPlaylists: demoMedia });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.variants.map((v) => [v.video.width, v.video.height, v.video.fps, v.video.profile, v.video.levelIdc])).toEqual([
      [640, 360, 25, 'constrained-baseline', 30],
      [320, 180, 25, 'constrained-baseline', 30],
    ]);
    expect(r.value).toMatchObject({ audioMode: 'muxed', container: 'mpegts', segmentDurationSec: 2, audio: { sampleRate: 48000, channels: 2 } });
    expect(r.value.assumptions.join(' ')).toMatch(/sample rate/);
  });

  it('takes what the playlists omit from probes (sample rate, channels, frame rate, size, profile)', () => {
    const bare = '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=500000\nlow.m3u8\n';
    const probe: MediaProbe = {
      formatName: 'mpegts', durationSec: 6,
      video: { codec: 'h264', profile: 'Main', level: 31, width: 768, height: 432, fps: 29.97, fpsRational: '30000/1001', attachedPicture: false },
      audio: { codec: 'aac', profile: 'LC', sampleRate: 44100, channels: 1 },
    };
    const r = readContentLadder({ multivariant: bare, mediaPlaylists: { 'low.m3u8': mediaPlaylist(3, 6.006) }, probes: { 'low.m3u8': probe } });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.variants[0]!.video).toEqual({ profile: 'main', levelIdc: 31, width: 768, height: 432, fps: 29.97, fpsRational: '30000/1001' });
    expect(r.value.audio).toEqual({ aacObjectType: 2, sampleRate: 44100, channels: 1 });
    expect(r.value.segmentDurationSec).toBe(6.006);
    expect(r.value.assumptions).toEqual([]);
  });

  it('recognises fMP4 (EXT-X-MAP) and demuxed audio with its CHANNELS', () => {
    const mv = '#EXTM3U\n#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="a",NAME="en",DEFAULT=YES,CHANNELS="6",URI="a.m3u8"\n#EXT-X-STREAM-INF:BANDWIDTH=2000000,CODECS="avc1.64001f,mp4a.40.2",RESOLUTION=1280x720,FRAME-RATE=50,AUDIO="a"\nv.m3u8\n';
    const r = readContentLadder({ multivariant: mv, mediaPlaylists: { 'v.m3u8': mediaPlaylist(4, 3.84, 'm4s', 'init.mp4') } });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({ container: 'fmp4', audioMode: 'demuxed', audioGroupId: 'a', audio: { channels: 6 }, segmentDurationSec: 3.84 });
  });

  it('a video-only ladder (CODECS without audio) has no audio target', () => {
    const mv = '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1000000,CODECS="avc1.4d401f",RESOLUTION=960x540\nv.m3u8\n';
    const r = readContentLadder({ multivariant: mv, mediaPlaylists: { 'v.m3u8': mediaPlaylist(2, 4) } });
    expect(r.ok && r.value.audioMode).toBe('none');
  });

  it('refuses non-H.264 video, missing playlists and media playlists given as multivariant', () => {
    const hevc = '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1,CODECS="hvc1.1.6.L93.B0,mp4a.40.2",RESOLUTION=1920x1080\nv.m3u8\n';
    const a = readContentLadder({ multivariant: hevc, mediaPlaylists: { 'v.m3u8': mediaPlaylist(1, 2) } });
    expect(!a.ok && a.error).toMatchObject({ code: 'TRANSCODE_LADDER_INVALID', message: expect.stringMatching(/not H\.264/) });
    const b = readContentLadder({ multivariant: DEMO_LIKE_MULTIVARIANT, mediaPlaylists: {} });
    expect(!b.ok && b.error.message).toMatch(/no media playlist given for variant 360p\.m3u8/);
    const c = readContentLadder({ multivariant: mediaPlaylist(1, 2), mediaPlaylists: {} });
    expect(!c.ok && c.error.message).toMatch(/expected a multivariant/);
  });
});
