// Golden request sequences: fixtures/beacons/firing/<case>/input.json (session, plan, pod,
// requests) → expected.json (the beacons each request triggers, and what the tracker fires
// over the whole sequence once duplicates are dropped).
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Pod, SplicePlan, Timeline } from '../../../../manifests/index.js';
import { beaconsForAdSegmentRequest, type AdSegmentRequestRef } from '../../../../src/beacons/firing/index.js';
import type { Session } from '../../../../src/sessions/session.js';
import { fixturePath } from '../../../support/vectors.js';
import { fireAll, readJson, recordingTracker, updateGolden, writeJson } from './helpers.js';

interface Input {
  readonly description: string;
  readonly session: Session;
  readonly plan: SplicePlan;
  readonly pod: Pod;
  readonly requests: readonly { readonly ref: AdSegmentRequestRef; readonly timeline?: Timeline }[];
}

const root = fixturePath('beacons', 'firing');
const cases = readdirSync(root).filter((d) => existsSync(join(root, d, 'input.json'))).sort();

describe('server-side firing golden sequences', () => {
  it('has the cases the issue asks for', () => {
    expect(cases).toEqual(expect.arrayContaining([
      'four-2s-segments-8s-ad', 'single-3s-segment-ad', 'uneven-segments', 'seek-skips-ad1-tail',
      'abr-switch-different-segmentation', 'vmap-break-start-end', 'live-window-with-timeline',
    ]));
  });

  it.each(cases)('%s', async (name) => {
    const input = readJson<Input>(join(root, name, 'input.json'));
    const { tracker } = recordingTracker();
    const perRequest: unknown[] = [];
    const fired: string[] = [];
    for (const r of input.requests) {
      const res = beaconsForAdSegmentRequest({ session: input.session, plan: input.plan, pod: input.pod, ref: r.ref, ...(r.timeline === undefined ? {} : { timeline: r.timeline }) });
      expect(res.ok).toBe(true);
      if (!res.ok) return;
      for (const b of res.value) {
        expect(b.sessionId).toBe(input.session.id);
        expect(b.viewer).toEqual({ ip: input.session.clientIp, userAgent: input.session.userAgent });
      }
      perRequest.push({
        segment: `${r.ref.podAdId}#${r.ref.segment}`,
        beacons: res.value.map((b) => ({ adInstanceId: b.adInstanceId, event: b.event, urls: b.urls, context: b.context })),
      });
      fired.push(...await fireAll(tracker, res.value));
    }
    const actual = { perRequest, fired };
    const path = join(root, name, 'expected.json');
    if (updateGolden) writeJson(path, actual);
    expect(actual).toEqual(readJson(path));
  });
});
