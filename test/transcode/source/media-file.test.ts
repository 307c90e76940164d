import { describe, expect, it } from 'vitest';
import { pickSourceMediaFile, type CreativeMediaFile } from '../../../transcode/index.js';

const mp4 = (w: number, h: number, kbps: number): CreativeMediaFile => ({ url: `https://cdn.example/${w}x${h}-${kbps}.mp4`, mimeType: 'video/mp4', delivery: 'progressive', width: w, height: h, bitrateKbps: kbps });

describe('pickSourceMediaFile', () => {
  it('prefers the Mezzanine', () => {
    const mezz: CreativeMediaFile = { url: 'https://cdn.example/master.mov', mimeType: 'video/quicktime', mezzanine: true };
    expect(pickSourceMediaFile([mp4(1920, 1080, 8000), mezz])).toBe(mezz);
  });
  it('else the largest, then highest-bitrate progressive MP4', () => {
    expect(pickSourceMediaFile([mp4(640, 360, 800), mp4(1920, 1080, 4000), mp4(1920, 1080, 6000), mp4(1280, 720, 9000)])?.url).toMatch(/1920x1080-6000/);
  });
  it('skips streaming, VPAID and non-video, and falls back to other progressive video', () => {
    const webm: CreativeMediaFile = { url: 'https://cdn.example/a.webm', mimeType: 'video/webm', width: 640, height: 360 };
    const files: CreativeMediaFile[] = [
      { url: 'https://cdn.example/a.m3u8', mimeType: 'application/x-mpegURL', delivery: 'streaming' },
      { url: 'https://cdn.example/vpaid.js', mimeType: 'application/javascript', apiFramework: 'VPAID' },
      webm,
    ];
    expect(pickSourceMediaFile(files)).toBe(webm);
    expect(pickSourceMediaFile(files.slice(0, 2))).toBeUndefined();
  });
});
