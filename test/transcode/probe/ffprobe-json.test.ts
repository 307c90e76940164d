import { describe, expect, it } from 'vitest';
import { checkSourceProbe, parseFfprobeJson, sniffText, type MediaProbe } from '../../../transcode/index.js';

const MP4 = JSON.stringify({
  streams: [
    { codec_type: 'video', codec_name: 'h264', profile: 'High', level: 40, width: 1920, height: 1080, avg_frame_rate: '30000/1001', r_frame_rate: '30000/1001', pix_fmt: 'yuv420p', disposition: { attached_pic: 0 } },
    { codec_type: 'audio', codec_name: 'aac', profile: 'LC', sample_rate: '48000', channels: 2, channel_layout: 'stereo' },
  ],
  format: { format_name: 'mov,mp4,m4a,3gp,3g2,mj2', duration: '15.015000', size: '12345', bit_rate: '6600000' },
});

describe('parseFfprobeJson', () => {
  it('reduces ffprobe JSON to what conditioning needs', () => {
    const r = parseFfprobeJson(MP4);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({ formatName: 'mov,mp4,m4a,3gp,3g2,mj2', durationSec: 15.015, sizeBytes: 12345 });
    expect(r.value.video).toMatchObject({ codec: 'h264', level: 40, width: 1920, fpsRational: '30000/1001' });
    expect(r.value.video!.fps).toBeCloseTo(29.97, 2);
    expect(r.value.audio).toMatchObject({ sampleRate: 48000, channels: 2 });
  });
  it('skips cover art: an MP3 with a picture is audio-only', () => {
    const r = parseFfprobeJson(JSON.stringify({ streams: [{ codec_type: 'audio', codec_name: 'mp3', sample_rate: '44100', channels: 2 }, { codec_type: 'video', codec_name: 'mjpeg', width: 500, height: 500, disposition: { attached_pic: 1 } }], format: { format_name: 'mp3', duration: '30' } }));
    expect(r.ok && r.value.video).toBeUndefined();
    expect(r.ok && checkSourceProbe(r.value)?.code).toBe('TRANSCODE_AUDIO_ONLY');
  });
});

describe('checkSourceProbe', () => {
  const video = { codec: 'h264', width: 640, height: 360, fps: 25, fpsRational: '25', attachedPicture: false };
  const ok: MediaProbe = { formatName: 'mov,mp4,m4a,3gp,3g2,mj2', durationSec: 10, video };
  it('accepts a real video and refuses text, stills and stubs', () => {
    expect(checkSourceProbe(ok)).toBeUndefined();
    expect(checkSourceProbe({ ...ok, formatName: 'tty', video: { ...video, codec: 'ansi' } })?.code).toBe('TRANSCODE_NOT_VIDEO');
    expect(checkSourceProbe({ ...ok, formatName: 'image2', video: { ...video, codec: 'mjpeg' } })?.code).toBe('TRANSCODE_NOT_VIDEO');
    expect(checkSourceProbe({ ...ok, durationSec: 0.04 })?.message).toMatch(/too short/);
    expect(checkSourceProbe({ formatName: 'mp4', durationSec: 0 })?.code).toBe('TRANSCODE_NOT_VIDEO');
  });
});

describe('sniffText', () => {
  it('names XML, HTML and JSON bodies; lets binary through', () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(sniffText(enc('<?xml version="1.0"?><VAST version="4.0"/>'))?.message).toMatch(/XML/);
    expect(sniffText(enc('{"error":"nope"}'))?.message).toMatch(/JSON/);
    expect(sniffText(new Uint8Array([0, 0, 0, 0x20, 0x66, 0x74, 0x79, 0x70]))).toBeUndefined();
    expect(sniffText(new Uint8Array())?.code).toBe('TRANSCODE_MEDIA_CORRUPT');
  });
});
