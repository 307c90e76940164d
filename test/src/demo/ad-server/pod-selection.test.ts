import { describe, expect, it } from 'vitest';
import { selectPod, type DemoCreative } from '../../../../src/demo/ad-server/pod-selection.js';
import { vastDuration } from '../../../../src/demo/ad-server/vast-document.js';

const creatives: DemoCreative[] = [
  { id: 'ad-red', title: 'red', durationSec: 10, delivery: 'hls' },
  { id: 'ad-blue', title: 'blue', durationSec: 15, delivery: 'hls' },
  { id: 'ad-green', title: 'green', durationSec: 5, delivery: 'hls' },
  { id: 'ad-yellow-mp4', title: 'yellow', durationSec: 10, delivery: 'mp4' },
];

const ids = (dur: number, includeMp4?: boolean) => selectPod(creatives, dur, includeMp4 === undefined ? {} : { includeMp4 }).map((c) => c.id);

describe('demo pod selection', () => {
  it('fills the demo breaks exactly, with the MP4-only creative last', () => {
    expect(ids(30)).toEqual(['ad-blue', 'ad-green', 'ad-yellow-mp4']);
    expect(ids(20)).toEqual(['ad-red', 'ad-yellow-mp4']);
  });

  it('leaves the MP4 out when asked, or when the break is too short for it and an HLS ad', () => {
    expect(ids(30, false)).toEqual(['ad-blue', 'ad-red', 'ad-green']);
    expect(ids(12)).toEqual(['ad-red']);
    expect(ids(4)).toEqual([]);
    expect(ids(0)).toEqual([]);
  });

  it('never exceeds the requested duration nor six ads, and is deterministic', () => {
    for (let dur = 0; dur <= 300; dur += 1) {
      const pod = selectPod(creatives, dur);
      expect(pod.reduce((n, c) => n + c.durationSec, 0)).toBeLessThanOrEqual(dur);
      expect(pod.length).toBeLessThanOrEqual(6);
      expect(selectPod(creatives, dur)).toEqual(pod);
    }
  });

  it('writes VAST durations as HH:MM:SS.mmm', () => {
    expect(vastDuration(15)).toBe('00:00:15.000');
    expect(vastDuration(3725.5)).toBe('01:02:05.500');
  });
});
