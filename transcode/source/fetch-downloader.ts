/**
 * The default `Downloader`: Node's fetch for http(s) (AbortSignal.timeout bounds the whole
 * transfer), a plain file read for `file:` URLs (fixtures, loopback demos). Bytes are
 * counted and hashed as they stream to disk; the cap is checked per chunk, so a lying or
 * absent Content-Length cannot make us write more than `maxBytes`.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { fileURLToPath } from 'node:url';
import { transcodeError, TranscodeError } from '../errors.js';
import type { DownloadRequest, DownloadResult, Downloader } from './downloader.js';
import { downloadTooLarge, writeDownload } from './write-download.js';

export function createFetchDownloader(): Downloader {
  return { download };
}

async function download(req: DownloadRequest): Promise<DownloadResult> {
  const timeout = AbortSignal.timeout(req.timeoutMs);
  const signal = req.signal === undefined ? timeout : AbortSignal.any([timeout, req.signal]);
  const url = req.url;
  try {
    if (url.startsWith('file:')) return await writeDownload(createReadStream(fileURLToPath(url), { signal }) as AsyncIterable<Buffer>, req, url, undefined);
    const res = await fetch(url, { signal, redirect: 'follow' });
    if (!res.ok || res.body === null) {
      await res.body?.cancel();
      throw transcodeError('TRANSCODE_DOWNLOAD_FAILED', `download answered HTTP ${res.status}`, { url, status: res.status, reason: `HTTP ${res.status}` });
    }
    const declared = Number(res.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > req.maxBytes) {
      await res.body.cancel();
      throw downloadTooLarge(url, req.maxBytes, declared);
    }
    return await writeDownload(Readable.fromWeb(res.body as NodeReadableStream<Uint8Array>) as AsyncIterable<Buffer>, req, url, res.headers.get('content-type') ?? undefined);
  } catch (e) {
    if (e instanceof TranscodeError) throw e;
    if (req.signal?.aborted === true) throw transcodeError('TRANSCODE_ABORTED', 'download aborted', { url });
    if (timeout.aborted) throw transcodeError('TRANSCODE_DOWNLOAD_TIMEOUT', `download did not finish within ${req.timeoutMs} ms`, { url, timeoutMs: req.timeoutMs });
    const reason = e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e);
    throw new TranscodeError('TRANSCODE_DOWNLOAD_FAILED', `download failed: ${reason}`, { url, reason }, { cause: e });
  }
}
