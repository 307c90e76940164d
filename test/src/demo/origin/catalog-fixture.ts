// A synthetic media catalog (no ffmpeg): the origin's playlists depend only on segment lists.
import type { DemoHlsAsset, DemoMediaCatalog, DemoRendition } from '../../../../src/demo/media/media-catalog.js';

function rendition(name: string, width: number, height: number, durationSec: number): DemoRendition {
  const count = Math.ceil(durationSec / 2);
  return {
    name,
    width,
    height,
    bandwidth: width * 2000,
    averageBandwidth: width * 1800,
    codecs: 'avc1.42c01e,mp4a.40.2',
    frameRate: 25,
    segments: Array.from({ length: count }, (_, i) => ({
      file: `${name}/seg-${String(i).padStart(3, '0')}.ts`,
      durationSec: Math.min(2, durationSec - i * 2),
      bytes: 1000,
    })),
  };
}

function asset(id: string, kind: DemoHlsAsset['kind'], durationSec: number): DemoHlsAsset {
  return { id, kind, title: id, durationSec, renditions: [rendition('360p', 640, 360, durationSec), rendition('180p', 320, 180, durationSec)] };
}

export function syntheticCatalog(): DemoMediaCatalog {
  return {
    generatorVersion: 'test',
    segmentDurationSec: 2,
    generationMs: 0,
    hls: [asset('content', 'content', 120), asset('ad-red', 'ad', 10), asset('ad-blue', 'ad', 15), asset('ad-green', 'ad', 5), asset('slate', 'slate', 2)],
    mp4: [{ id: 'ad-yellow-mp4', title: 'yellow', file: 'ad-yellow-mp4.mp4', durationSec: 10, width: 480, height: 270, bitrate: 500_000, bytes: 625_000 }],
  };
}

export function contentRendition(catalog: DemoMediaCatalog = syntheticCatalog()): DemoRendition {
  const r = catalog.hls.find((a) => a.id === 'content')?.renditions[0];
  if (r === undefined) throw new Error('fixture has no content');
  return r;
}
