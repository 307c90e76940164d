/**
 * The part every `Downloader` shares: stream a body to `req.destPath`, counting and hashing
 * the bytes as they go, and stop at `req.maxBytes` per chunk, so a lying or absent
 * Content-Length cannot make it write more.
 */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { transcodeError, type TranscodeError } from '../errors.js';
import type { DownloadRequest, DownloadResult } from './downloader.js';

/** `shownUrl`: the URL as errors may show it (redacted by the caller when it must be). */
export async function writeDownload(body: AsyncIterable<Uint8Array>, req: DownloadRequest, shownUrl: string, contentType: string | undefined): Promise<DownloadResult> {
  const hash = createHash('sha256');
  const file = await open(req.destPath, 'w');
  let bytes = 0;
  try {
    for await (const chunk of body) {
      bytes += chunk.byteLength;
      if (bytes > req.maxBytes) throw downloadTooLarge(shownUrl, req.maxBytes, bytes);
      hash.update(chunk);
      await file.write(chunk);
    }
  } finally {
    await file.close();
  }
  return { bytes, sha256: hash.digest('hex'), ...(contentType === undefined ? {} : { contentType }) };
}

export function downloadTooLarge(url: string, maxBytes: number, seen: number): TranscodeError {
  return transcodeError('TRANSCODE_DOWNLOAD_TOO_LARGE', `source is larger than the ${maxBytes}-byte limit (${seen}+ bytes)`, { url, maxBytes });
}
