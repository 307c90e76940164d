import { describe, expect, it } from 'vitest';
import { createConditionHandler } from '../../../src/conditioning/condition-processor.js';
import { createConditioningMetrics } from '../../../src/conditioning/conditioning-metrics.js';
import { createLogger } from '../../../src/observability/logger.js';
import { createMetrics } from '../../../src/observability/metrics.js';
import { isPermanentJobError } from '../../../src/queue/job-errors.js';
import type { JobContext } from '../../../src/queue/job-queue.js';
import type { JsonValue } from '../../../src/errors/index.js';
import { transcodeError, type Downloader, type Runner, type Prober, type CreativeStore } from '../../../transcode/index.js';
import { demoProfiles } from '../../transcode/support/profiles.js';

function handlerWith(downloader: Downloader) {
  const metrics = createMetrics({ defaultMetrics: false });
  const unused = {} as Runner & Prober & CreativeStore;
  const handler = createConditionHandler({
    runner: unused, prober: unused, store: unused, downloader,
    logger: createLogger({ level: 'silent' }), metrics: createConditioningMetrics(metrics.registry),
  });
  return { handler, metrics };
}

const ctx = (data: JsonValue, attempt = 1, maxAttempts = 3): JobContext<JsonValue> => ({
  id: 'cond-x', name: 'transcode', data, attempt, maxAttempts, updateProgress: () => Promise.resolve(),
});
const job = { identity: 'reg:a', mediaFiles: [{ url: 'http://ads.test/a.mp4', mimeType: 'video/mp4' }], profiles: demoProfiles() } as unknown as JsonValue;

async function failure(p: Promise<unknown>): Promise<{ permanent: boolean; message: string }> {
  try {
    await p;
  } catch (e) {
    return { permanent: isPermanentJobError(e), message: e instanceof Error ? e.message : String(e) };
  }
  throw new Error('expected a failure');
}

describe('conditioning job handler', () => {
  it('refuses job data that does not validate, permanently', async () => {
    const { handler } = handlerWith({ download: () => Promise.reject(new Error('not called')) });
    const f = await failure(handler(ctx({ identity: 'x', mediaFiles: [{ url: 'file:///etc/passwd' }], profiles: {} })));
    expect(f.permanent).toBe(true);
    expect(f.message).toMatch(/^TRANSCODE_JOB_INVALID: .*mediaFiles\.0\.url/);
  });

  it('fails permanently on a non-retryable TranscodeError, naming its code', async () => {
    const { handler, metrics } = handlerWith({ download: () => Promise.reject(transcodeError('TRANSCODE_DOWNLOAD_TOO_LARGE', 'source is larger than the limit')) });
    const f = await failure(handler(ctx(job)));
    expect(f).toEqual({ permanent: true, message: 'TRANSCODE_DOWNLOAD_TOO_LARGE: source is larger than the limit' });
    expect(await metrics.registry.getSingleMetricAsString('transcode_jobs_total')).toContain('transcode_jobs_total{outcome="failed"} 1');
  });

  it('leaves a retryable TranscodeError to the queue\'s bounded retries', async () => {
    const { handler, metrics } = handlerWith({ download: () => Promise.reject(transcodeError('TRANSCODE_DOWNLOAD_TIMEOUT', 'did not finish')) });
    const f = await failure(handler(ctx(job, 1, 3)));
    expect(f).toEqual({ permanent: false, message: 'TRANSCODE_DOWNLOAD_TIMEOUT: did not finish' });
    expect(await metrics.registry.getSingleMetricAsString('transcode_jobs_total')).toContain('transcode_jobs_total{outcome="retried"} 1');
  });
});
