/**
 * Catches the most common wrong download before ffmpeg sees it: text (an HTML error page, a
 * VAST document, JSON) served where a video should be. ffmpeg would call it "Invalid data";
 * the advertiser deserves "this is text". Pure.
 */
import type { TranscodeIssue } from '../errors.js';

/** The first bytes of the file; 512 is plenty. */
export function sniffText(head: Uint8Array): TranscodeIssue | undefined {
  if (head.length === 0) return { code: 'TRANSCODE_MEDIA_CORRUPT', message: 'the file is empty', context: { reason: 'empty file' } };
  let printable = 0;
  for (const b of head) {
    if (b === 0) return undefined;
    if (b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127) || b >= 128) printable++;
  }
  if (printable / head.length < 0.97) return undefined;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head);
  if (text.includes('\uFFFD')) return undefined;
  const start = text.trimStart().slice(0, 40).replace(/\s+/g, ' ');
  const kind = /^<\?xml|^<VAST|^<vmap/i.test(start) ? 'XML' : /^<!doctype html|^<html/i.test(start) ? 'HTML' : /^[{[]/.test(start) ? 'JSON' : 'text';
  return { code: 'TRANSCODE_NOT_VIDEO', message: `not a video file: the download is ${kind} (starts with ${JSON.stringify(start)})`, context: { reason: `${kind} file`, format: kind } };
}
