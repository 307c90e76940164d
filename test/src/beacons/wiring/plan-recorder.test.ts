import { describe, expect, it } from 'vitest';
import type { PlannedBreak, SplicePlan } from '../../../../manifests/index.js';
import { PlanRecorder } from '../../../../src/beacons/wiring/plan-recorder.js';
import type { RenditionMap } from '../../../../src/manifest-service/rendition-map.js';
import { sampleSession } from '../../../contract/session-store.contract.js';

const S = 1_000_000;
const MAP: RenditionMap = { base: 'http://origin.test/master.m3u8', e: [{ u: 'v.m3u8', g: 'v' }, { u: 'a.m3u8', g: 'm:AUDIO:aac' }] };

function brk(breakId: string, startUs: number, durationUs = 10 * S): PlannedBreak {
  return { breakId, startUs, durationUs, replacedUs: 0, ads: [], slateUs: 0, notes: [] };
}

function plan(mode: SplicePlan['mode'], breaks: PlannedBreak[]): SplicePlan {
  return { mode, mediaSequence: 0, discontinuitySequence: 0, breaks };
}

describe('PlanRecorder', () => {
  it('places VOD breaks as pre-, mid- and post-rolls from the output end', () => {
    const recorder = new PlanRecorder();
    const session = sampleSession();
    recorder.hook({ session, map: MAP, rendition: 0, plan: plan('vod', [brk('pre', 0), brk('mid', 40 * S), brk('post', 90 * S)]), outputEndUs: 100 * S });
    expect(recorder.placement(session.id, 'pre')).toEqual({ startUs: 0, mode: 'vod', position: 'preroll' });
    expect(recorder.placement(session.id, 'mid')?.position).toBe('midroll');
    expect(recorder.placement(session.id, 'post')).toEqual({ startUs: 90 * S, mode: 'vod', position: 'postroll' });
  });

  it('calls every live break a mid-roll, and keeps only the tracking rendition', () => {
    const recorder = new PlanRecorder();
    const session = sampleSession();
    recorder.hook({ session, map: MAP, rendition: 1, plan: plan('vod', [brk('audio', 0)]), outputEndUs: 10 * S });
    expect(recorder.placement(session.id, 'audio')).toBeUndefined();
    recorder.hook({ session, map: MAP, rendition: 0, plan: plan('live', [brk('first', 0)]) });
    expect(recorder.placement(session.id, 'first')?.position).toBe('midroll');
  });
});
