import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGuardedDownloader } from '../../../src/conditioning/guarded-downloader.js';
import { isTranscodeError } from '../../../transcode/index.js';
import { startLoopbackServer } from '../../support/loopback-server.js';
import { tempDir } from '../../transcode/support/media.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir('dl'));
});
afterEach(async () => {
  await cleanup();
});

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'resolved';
  } catch (e) {
    return isTranscodeError(e) ? e.code : `not a TranscodeError: ${String(e)}`;
  }
}

describe('createGuardedDownloader', () => {
  const dl = createGuardedDownloader();

  it('streams to disk, hashes the bytes and follows a guarded redirect', async () => {
    const body = Buffer.from('x'.repeat(10_000));
    const srv = await startLoopbackServer((req, res) => {
      if (req.url === '/moved') return void res.writeHead(302, { location: '/file.mp4' }).end();
      res.writeHead(200, { 'content-type': 'video/mp4' }).end(body);
    });
    const dest = join(dir, 'a');
    const r = await dl.download({ url: srv.url('/moved'), destPath: dest, maxBytes: 20_000, timeoutMs: 2_000 });
    expect(r).toEqual({ bytes: 10_000, sha256: createHash('sha256').update(body).digest('hex'), contentType: 'video/mp4' });
    expect((await readFile(dest)).equals(body)).toBe(true);
  });

  it('refuses a declared or streamed body over maxBytes (not retryable)', async () => {
    const srv = await startLoopbackServer((req, res) => {
      if (req.url === '/declared') return void res.writeHead(200, { 'content-length': '5000' }).end(Buffer.alloc(5000));
      res.writeHead(200); // chunked, no length
      res.write(Buffer.alloc(3000));
      res.end(Buffer.alloc(3000));
    });
    expect(await codeOf(dl.download({ url: srv.url('/declared'), destPath: join(dir, 'b'), maxBytes: 4000, timeoutMs: 2_000 }))).toBe('TRANSCODE_DOWNLOAD_TOO_LARGE');
    expect(await codeOf(dl.download({ url: srv.url('/chunked'), destPath: join(dir, 'c'), maxBytes: 4000, timeoutMs: 2_000 }))).toBe('TRANSCODE_DOWNLOAD_TOO_LARGE');
  });

  it('bounds the whole transfer by timeoutMs, a slow body included', async () => {
    const srv = await startLoopbackServer((_req, res) => void res.writeHead(200).write(Buffer.alloc(100)));
    const started = Date.now();
    expect(await codeOf(dl.download({ url: srv.url('/slow'), destPath: join(dir, 'd'), maxBytes: 4000, timeoutMs: 300 }))).toBe('TRANSCODE_DOWNLOAD_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('refuses non-http schemes, credentials and redirects to them; reports HTTP errors', async () => {
    expect(await codeOf(dl.download({ url: 'file:///etc/passwd', destPath: join(dir, 'e'), maxBytes: 4000, timeoutMs: 300 }))).toBe('TRANSCODE_NO_MEDIA_FILE');
    expect(await codeOf(dl.download({ url: 'http://u:p@127.0.0.1/x', destPath: join(dir, 'e'), maxBytes: 4000, timeoutMs: 300 }))).toBe('TRANSCODE_NO_MEDIA_FILE');
    const srv = await startLoopbackServer((req, res) => {
      if (req.url === '/to-file') return void res.writeHead(302, { location: 'file:///etc/passwd' }).end();
      res.writeHead(404).end();
    });
    expect(await codeOf(dl.download({ url: srv.url('/to-file'), destPath: join(dir, 'f'), maxBytes: 4000, timeoutMs: 1_000 }))).toBe('TRANSCODE_NO_MEDIA_FILE');
    expect(await codeOf(dl.download({ url: srv.url('/gone'), destPath: join(dir, 'g'), maxBytes: 4000, timeoutMs: 1_000 }))).toBe('TRANSCODE_DOWNLOAD_FAILED');
  });

  it('stops when the caller aborts (worker shutdown)', async () => {
    const srv = await startLoopbackServer((_req, res) => void res.writeHead(200).write(Buffer.alloc(100)));
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 50);
    expect(await codeOf(dl.download({ url: srv.url('/x'), destPath: join(dir, 'h'), maxBytes: 4000, timeoutMs: 5_000, signal: abort.signal }))).toBe('TRANSCODE_ABORTED');
  });
});
