// Shared by the firing tests: a real BeaconTracker over an in-memory once-guard and a
// recording enqueuer, so request sequences show what would actually be queued.
import { readFileSync, writeFileSync } from 'node:fs';
import type { BeaconJob } from '../../../../src/beacons/beacon-job.js';
import { BeaconTracker } from '../../../../src/beacons/beacon-tracker.js';
import type { BeaconRequest } from '../../../../src/beacons/firing/index.js';

export function recordingTracker(): { tracker: BeaconTracker; jobs: BeaconJob[] } {
  const marked = new Set<string>();
  const jobs: BeaconJob[] = [];
  const tracker = new BeaconTracker({
    guard: {
      markOnce(sessionId, key) {
        const k = `${sessionId}/${key}`;
        if (marked.has(k)) return Promise.resolve(false);
        marked.add(k);
        return Promise.resolve(true);
      },
    },
    enqueuer: { enqueue: (j) => { jobs.push(j); return Promise.resolve(); } },
    nowMs: () => 1_700_000_000_000,
  });
  return { tracker, jobs };
}

/** Fires every request through the tracker; answers `<adInstanceId> <event>` for those that fired. */
export async function fireAll(tracker: BeaconTracker, beacons: readonly BeaconRequest[]): Promise<string[]> {
  const fired: string[] = [];
  for (const b of beacons) {
    if (await tracker.fireOnce(b.sessionId, b.adInstanceId, b.event, b.urls, b.viewer, b.context)) fired.push(`${b.adInstanceId} ${b.event}`);
  }
  return fired;
}

export function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** UPDATE_GOLDEN=1 rewrites expected files; otherwise compares. Review every rewrite by hand. */
export const updateGolden = process.env.UPDATE_GOLDEN === '1';

export function writeJson(path: string, value: unknown): void {
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}
