import { describe, expect, it } from 'vitest';
import { buildMultivariantPlaylist } from '../../../transcode/index.js';
import { parseHls } from '../../../manifests/index.js';

describe('buildMultivariantPlaylist', () => {
  it('writes muxed variants with every attribute players and the splicer match on', () => {
    const text = buildMultivariantPlaylist([
      { uri: 'v0/index.m3u8', bandwidth: 812345.6, averageBandwidth: 700000, codecs: 'avc1.42c01e,mp4a.40.2', width: 640, height: 360, fps: 25 },
      { uri: 'v1/index.m3u8', bandwidth: 300000, codecs: 'avc1.42c01e,mp4a.40.2', width: 320, height: 180, fps: 29.97 },
    ]);
    expect(text).toBe([
      '#EXTM3U', '#EXT-X-VERSION:3', '#EXT-X-INDEPENDENT-SEGMENTS',
      '#EXT-X-STREAM-INF:BANDWIDTH=812346,AVERAGE-BANDWIDTH=700000,CODECS="avc1.42c01e,mp4a.40.2",RESOLUTION=640x360,FRAME-RATE=25.000',
      'v0/index.m3u8',
      '#EXT-X-STREAM-INF:BANDWIDTH=300000,CODECS="avc1.42c01e,mp4a.40.2",RESOLUTION=320x180,FRAME-RATE=29.970',
      'v1/index.m3u8', '',
    ].join('\n'));
  });
  it('references a demuxed AUDIO group that parses back', () => {
    const text = buildMultivariantPlaylist([{ uri: 'v0/index.m3u8', bandwidth: 1, codecs: 'avc1.4d401f', width: 2, height: 2, fps: 25 }], { groupId: 'aac', uri: 'a0/index.m3u8', channels: 2 });
    const p = parseHls(text);
    if (!p.ok || p.value.kind !== 'multivariant') throw new Error('bad');
    expect(p.value.variants[0]!.audio).toBe('aac');
    expect(p.value.renditions[0]).toMatchObject({ type: 'AUDIO', groupId: 'aac', uri: 'a0/index.m3u8', channels: '2', default: true });
  });
});
