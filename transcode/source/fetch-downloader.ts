/**
 * The default `Downloader`: Node's fetch for http(s) (AbortSignal.timeout bounds the whole
 * transfer), a plain file read for `file:` URLs (fixtures, loopback demos). Bytes are
 * counted and hashed as they stream to disk; the cap is checked per chunk, so a lying or
 * absent Content-Length cannot make us write more than `maxBytes`.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { fileURLToPath } from 'node:url';
import { transcodeError, TranscodeError } from '../errors.js';
import type { DownloadRequest, DownloadResult, Downloader } from './downloader.js';

export function createFetchDownloader(): Downloader {
  return { download };
}

async function download(req: DownloadRequest): Promise<DownloadResult> {
  const timeout = AbortSignal.timeout(req.timeoutMs);
  const signal = req.signal === undefined ? timeout : AbortSignal.any([timeout, req.signal]);
  const url = req.url;
  try {
    if (url.startsWith('file:')) return await writeStream(createReadStream(fileURLToPath(url), { signal }), req, undefined);
    const res = await fetch(url, { signal, redirect: 'follow' });
    if (!res.ok || res.body === null) {
      await res.body?.cancel();
      throw transcodeError('TRANSCODE_DOWNLOAD_FAILED', `download answered HTTP ${res.status}`, { url, status: res.status, reason: `HTTP ${res.status}` });
    }
    const declared = Number(res.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > req.maxBytes) {
      await res.body.cancel();
      throw tooLarge(url, req.maxBytes, declared);
    }
    return await writeStream(Readable.fromWeb(res.body as NodeReadableStream<Uint8Array>), req, res.headers.get('content-type') ?? undefined);
  } catch (e) {
    if (e instanceof TranscodeError) throw e;
    if (req.signal?.aborted === true) throw transcodeError('TRANSCODE_ABORTED', 'download aborted', { url });
    if (timeout.aborted) throw transcodeError('TRANSCODE_DOWNLOAD_TIMEOUT', `download did not finish within ${req.timeoutMs} ms`, { url, timeoutMs: req.timeoutMs });
    const reason = e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e);
    throw new TranscodeError('TRANSCODE_DOWNLOAD_FAILED', `download failed: ${reason}`, { url, reason }, { cause: e });
  }
}

async function writeStream(body: AsyncIterable<Uint8Array> | Readable, req: DownloadRequest, contentType: string | undefined): Promise<DownloadResult> {
  const hash = createHash('sha256');
  const file = await open(req.destPath, 'w');
  let bytes = 0;
  try {
    for await (const piece of body) {
      const chunk = piece as Uint8Array;
      bytes += chunk.byteLength;
      if (bytes > req.maxBytes) throw tooLarge(req.url, req.maxBytes, bytes);
      hash.update(chunk);
      await file.write(chunk);
    }
  } finally {
    await file.close();
  }
  return { bytes, sha256: hash.digest('hex'), ...(contentType === undefined ? {} : { contentType }) };
}

function tooLarge(url: string, maxBytes: number, seen: number): TranscodeError {
  return transcodeError('TRANSCODE_DOWNLOAD_TOO_LARGE', `source is larger than the ${maxBytes}-byte limit (${seen}+ bytes)`, { url, maxBytes });
}
