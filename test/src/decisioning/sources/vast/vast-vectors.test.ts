// IAB VAST samples (1.0 … 4.2), read in place, through the whole VAST source path with a
// fetcher that serves the sample as the first document and refuses every other URL (the
// samples' wrapper targets live on the internet; tests stay offline). Each sample must give
// ads or a clear reason, never a throw.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Break } from '../../../../../manifests/index.js';
import { createDeadline } from '../../../../../src/decisioning/deadline.js';
import { silentLogger } from '../../../../../src/decisioning/source-logger.js';
import { VastSource } from '../../../../../src/decisioning/sources/vast/vast-source.js';
import { vastParamsSchema } from '../../../../../src/decisioning/sources/vast/params.js';
import { FetchError } from '../../../../../src/net/fetch-error.js';
import type { Fetcher } from '../../../../../src/net/fetcher.js';
import type { Session } from '../../../../../src/sessions/session.js';
import { vectorPath, vectorsAvailable } from '../../../../support/vectors.js';

const ROOT_URL = 'http://vectors.invalid/root.xml';

function xmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'schemas' ? [] : xmlFiles(p);
    return name.endsWith('.xml') ? [p] : [];
  });
}

const session: Session = {
  id: 's1', channelId: 'c', originPath: 'p.m3u8', format: 'hls', playerParams: {},
  clientIp: '198.51.100.1', userAgent: 'UA', reportingMode: 'server', createdAtMs: 0,
};
const brk: Break = { id: 'b1', startUs: 0, durationUs: 120_000_000, mediaSequence: 0, dialect: 'cue-out', joinedMidBreak: false };

describe.skipIf(!vectorsAvailable)('IAB VAST samples through the VAST source', () => {
  const dir = vectorPath('vast', 'iab-vast-samples');
  const files = vectorsAvailable ? xmlFiles(dir) : [];

  it('finds the samples', () => expect(files.length).toBeGreaterThan(40));

  it.each(files.map((f) => [relative(dir, f), f]))('%s gives ads or a reason', async (_name, file) => {
    const text = readFileSync(file, 'utf8');
    const fetcher: Fetcher = {
      fetchText: (url) => (url === ROOT_URL
        ? Promise.resolve({ status: 200, headers: {}, body: text, url })
        : Promise.reject(new FetchError('FETCH_NETWORK', 'offline test: wrapper targets are not fetched', { url }))),
    };
    const source = new VastSource(vastParamsSchema.parse({ url: ROOT_URL }), { fetcher, clock: { nowMs: () => 0 }, random: () => 0.5, logger: silentLogger });
    const deadline = createDeadline(2_000, { nowMs: () => 0 });
    const pod = await source.decide(brk, session, { availNum: 1, availIndex: 0 }, deadline);
    deadline.dispose();
    expect(pod.breakId).toBe('b1');
    if (pod.ads.length === 0) {
      expect(pod.notes.length).toBeGreaterThan(0);
      for (const note of pod.notes) expect(note).toMatch(/\S{3,}/);
    }
    // None of the IAB samples carries an HLS MediaFile, so the reasons must say why each ad was left out.
    if (/<(InLine|Wrapper)\b/.test(text) && pod.ads.length === 0) {
      expect(pod.notes.join('\n')).toMatch(/skipped|no ads|rejected|failed|refused|not well-formed|root element/);
    }
    for (const ad of pod.ads) {
      expect(ad.hlsUrl).toMatch(/^https?:\/\//);
      expect(ad.durationUs).toBeGreaterThan(0);
    }
  });
});
