/**
 * Bad creatives and bad downloads end in a typed TranscodeError with a clear reason, never a
 * crash, and leave nothing in the store.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  conditionCreative, createFluentRunner, TranscodeError, type ConditionJob, type TranscodeErrorCode,
} from '../../../transcode/index.js';
import { startLoopbackServer } from '../../support/loopback-server.js';
import { FFMPEG, makeCreative, makeDeps, tempDir } from '../support/media.js';
import { demoProfilesSmall } from '../support/profiles.js';

let t: Awaited<ReturnType<typeof tempDir>>;
let good: string;
beforeAll(async () => {
  t = await tempDir('faults');
  good = makeCreative(t.dir, 'good.mp4', { width: 160, height: 90, fps: 25, durationSec: 2 });
});
afterAll(async () => t.cleanup());

function job(url: string, extra: Partial<ConditionJob> = {}): ConditionJob {
  return { identity: 'fault', mediaFiles: [{ url, mimeType: 'video/mp4' }], profiles: demoProfilesSmall(), ...extra };
}

async function expectCode(p: Promise<unknown>, code: TranscodeErrorCode, reason: RegExp): Promise<TranscodeError> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(e).toBeInstanceOf(TranscodeError);
  const te = e as TranscodeError;
  expect(te.code).toBe(code);
  expect(te.message).toMatch(reason);
  return te;
}

function fileUrl(name: string, bytes: Buffer | string): string {
  const path = join(t.dir, name);
  writeFileSync(path, bytes);
  return pathToFileURL(path).href;
}

describe('conditionCreative faults', () => {
  it('random bytes → TRANSCODE_MEDIA_CORRUPT', async () => {
    const noise = Buffer.alloc(40_000);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
    const deps = makeDeps(t.dir);
    await expectCode(conditionCreative(job(fileUrl('noise.mp4', noise)), deps), 'TRANSCODE_MEDIA_CORRUPT', /Invalid data/);
    expect(existsSync(deps.storeDir) ? readdirSync(deps.storeDir).filter((f) => !f.startsWith('.')) : []).toEqual([]);
  });

  it('MP4 cut in half, moov at the end → TRANSCODE_MEDIA_TRUNCATED', async () => {
    const src = makeCreative(t.dir, 'moov-last.mp4', { width: 160, height: 90, fps: 25, durationSec: 2, faststart: false });
    const bytes = readFileSync(src);
    await expectCode(conditionCreative(job(fileUrl('cut.mp4', bytes.subarray(0, bytes.length >> 1))), makeDeps(t.dir)), 'TRANSCODE_MEDIA_TRUNCATED', /moov atom not found/);
  });

  it('MP4 cut in half, moov first → TRANSCODE_MEDIA_TRUNCATED (found while decoding)', async () => {
    const bytes = readFileSync(good);
    await expectCode(conditionCreative(job(fileUrl('cut-fs.mp4', bytes.subarray(0, Math.floor(bytes.length * 0.6)))), makeDeps(t.dir)), 'TRANSCODE_MEDIA_TRUNCATED', /partial file/);
  });

  it('a text file (an HTML error page) → TRANSCODE_NOT_VIDEO naming what it is', async () => {
    const e = await expectCode(conditionCreative(job(fileUrl('page.mp4', '<!DOCTYPE html><html><body>404 Not Found</body></html>\n')), makeDeps(t.dir)), 'TRANSCODE_NOT_VIDEO', /HTML/);
    expect(e.retryable).toBe(false);
  });

  it('an audio-only file → TRANSCODE_AUDIO_ONLY', async () => {
    const m4a = join(t.dir, 'tone.m4a');
    spawnSync(FFMPEG, ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000', '-t', '2', '-c:a', 'aac', m4a]);
    await expectCode(conditionCreative(job(pathToFileURL(m4a).href), makeDeps(t.dir)), 'TRANSCODE_AUDIO_ONLY', /audio-only/);
  });

  it('no usable MediaFile → TRANSCODE_NO_MEDIA_FILE', async () => {
    await expectCode(conditionCreative({ ...job('x'), mediaFiles: [{ url: 'https://ads.example/a.m3u8', mimeType: 'application/x-mpegURL', delivery: 'streaming' }] }, makeDeps(t.dir)), 'TRANSCODE_NO_MEDIA_FILE', /no progressive video/);
  });

  it('a download that hangs → TRANSCODE_DOWNLOAD_TIMEOUT', async () => {
    const server = await startLoopbackServer((_req, res) => { res.writeHead(200, { 'content-type': 'video/mp4' }); res.write(Buffer.alloc(1000)); });
    const started = Date.now();
    await expectCode(conditionCreative(job(server.url('/slow.mp4'), { limits: { downloadTimeoutMs: 300 } }), makeDeps(t.dir)), 'TRANSCODE_DOWNLOAD_TIMEOUT', /300 ms/);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('a download over the byte cap → TRANSCODE_DOWNLOAD_TOO_LARGE (declared, and streamed without length)', async () => {
    const declared = await startLoopbackServer((_req, res) => { res.writeHead(200, { 'content-length': '5000000' }); res.end(Buffer.alloc(5_000_000)); });
    await expectCode(conditionCreative(job(declared.url('/big.mp4'), { limits: { maxBytes: 100_000 } }), makeDeps(t.dir)), 'TRANSCODE_DOWNLOAD_TOO_LARGE', /100000-byte limit/);
    const chunked = await startLoopbackServer(async (_req, res) => {
      res.writeHead(200);
      for (let i = 0; i < 50; i++) {
        if (!res.write(Buffer.alloc(10_000))) await new Promise((r) => res.once('drain', r));
      }
      res.end();
    });
    await expectCode(conditionCreative(job(chunked.url('/big.mp4'), { limits: { maxBytes: 100_000 } }), makeDeps(t.dir)), 'TRANSCODE_DOWNLOAD_TOO_LARGE', /limit/);
  });

  it('HTTP 404 → TRANSCODE_DOWNLOAD_FAILED (retryable)', async () => {
    const server = await startLoopbackServer((_req, res) => { res.writeHead(404); res.end(); });
    const e = await expectCode(conditionCreative(job(server.url('/gone.mp4')), makeDeps(t.dir)), 'TRANSCODE_DOWNLOAD_FAILED', /404/);
    expect(e.retryable).toBe(true);
  });

  it('ffmpeg missing → TRANSCODE_FFMPEG_UNAVAILABLE, and the process survives', async () => {
    const deps = makeDeps(t.dir, { runner: createFluentRunner({ ffmpegPath: join(t.dir, 'no-such-ffmpeg') }) });
    await expectCode(conditionCreative(job(pathToFileURL(good).href), deps), 'TRANSCODE_FFMPEG_UNAVAILABLE', /not executable/);
  });
});
