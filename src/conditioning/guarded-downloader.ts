/**
 * The service's `Downloader` for creative sources (transcode/source/downloader.ts states the
 * contract): undici, every URL and redirect target through the URL guard (http(s) only, no
 * credentials), at most `maxRedirects` hops, the whole transfer under `timeoutMs`, at most
 * `maxBytes` written (declared Content-Length checked first, then every chunk), and the
 * bytes hashed as they stream to disk. Failures are TranscodeError codes so the processor
 * can tell retryable from permanent.
 */
import { request, type Dispatcher } from 'undici';
import { downloadTooLarge, transcodeError, TranscodeError, writeDownload, type DownloadRequest, type DownloadResult, type Downloader } from '../../transcode/index.js';
import { headerValue } from '../net/undici-response.js';
import { redactUrl, urlRejection } from '../net/url-guard.js';

export interface GuardedDownloaderOptions {
  readonly dispatcher?: Dispatcher;
  readonly maxRedirects?: number;
  readonly userAgent?: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export function createGuardedDownloader(options: GuardedDownloaderOptions = {}): Downloader {
  const maxRedirects = options.maxRedirects ?? 5;
  const userAgent = options.userAgent ?? 'interlude-conditioning';

  async function download(req: DownloadRequest): Promise<DownloadResult> {
    const timeout = AbortSignal.timeout(req.timeoutMs);
    const signal = req.signal === undefined ? timeout : AbortSignal.any([timeout, req.signal]);
    const shown = redactUrl(req.url);
    try {
      let current = guarded(req.url);
      for (let hop = 0; ; hop++) {
        const res = await request(current, {
          method: 'GET', signal, headers: { 'user-agent': userAgent },
          ...(options.dispatcher === undefined ? {} : { dispatcher: options.dispatcher }),
        });
        // destroying the body (cap hit, abort) errors it; the await below already reports that
        res.body.on('error', () => undefined);
        const location = headerValue(res.headers.location);
        if (REDIRECTS.has(res.statusCode) && location !== undefined) {
          await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
          if (hop >= maxRedirects) throw transcodeError('TRANSCODE_DOWNLOAD_FAILED', `more than ${maxRedirects} redirects`, { url: shown, reason: 'too many redirects' });
          current = guarded(new URL(location, current).href);
          continue;
        }
        if (res.statusCode < 200 || res.statusCode > 299) {
          await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
          // 4xx other than 408/429 will not get better; the error code stays retryable-by-table
          // (DOWNLOAD_FAILED), so say it in the reason and let attempts bound it.
          throw transcodeError('TRANSCODE_DOWNLOAD_FAILED', `download answered HTTP ${res.statusCode}`, { url: shown, status: res.statusCode, reason: `HTTP ${res.statusCode}` });
        }
        const declared = Number(headerValue(res.headers['content-length']) ?? NaN);
        if (Number.isFinite(declared) && declared > req.maxBytes) {
          res.body.destroy();
          throw downloadTooLarge(shown, req.maxBytes, declared);
        }
        return await writeDownload(res.body as AsyncIterable<Buffer>, req, shown, headerValue(res.headers['content-type']));
      }
    } catch (e) {
      if (e instanceof TranscodeError) throw e;
      if (req.signal?.aborted === true) throw transcodeError('TRANSCODE_ABORTED', 'download aborted', { url: shown });
      if (timeout.aborted) throw transcodeError('TRANSCODE_DOWNLOAD_TIMEOUT', `download did not finish within ${req.timeoutMs} ms`, { url: shown, timeoutMs: req.timeoutMs });
      const reason = e instanceof Error ? e.message : String(e);
      throw new TranscodeError('TRANSCODE_DOWNLOAD_FAILED', `download failed: ${reason}`, { url: shown, reason }, { cause: e });
    }
  }

  return { download };
}

function guarded(raw: string): URL {
  const reason = urlRejection(raw);
  if (reason !== undefined) {
    // a refused URL never becomes acceptable: not retryable (NO_MEDIA_FILE is permanent)
    throw transcodeError('TRANSCODE_NO_MEDIA_FILE', `source URL refused: ${reason}`, { url: redactUrl(raw), reason });
  }
  return new URL(raw);
}
