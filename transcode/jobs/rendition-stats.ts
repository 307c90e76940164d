/**
 * Reads back what ffmpeg wrote for one rendition: segment durations from its playlist and
 * segment sizes from disk, giving the peak and average bitrates the multivariant playlist
 * must advertise (RFC 8216bis §4.4.6.2: BANDWIDTH is the peak segment bit rate).
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseHls } from '../../manifests/index.js';
import { transcodeError } from '../errors.js';

export interface RenditionStats {
  readonly segmentDurationsSec: readonly number[];
  readonly peakBps: number;
  readonly averageBps: number;
}

export async function readRenditionStats(renditionDir: string, playlistFile: string): Promise<RenditionStats> {
  const text = await readFile(join(renditionDir, playlistFile), 'utf8');
  const parsed = parseHls(text);
  if (!parsed.ok || parsed.value.kind !== 'media' || parsed.value.segments.length === 0) {
    throw transcodeError('TRANSCODE_FFMPEG_FAILED', `ffmpeg wrote no usable playlist in ${renditionDir}`, { reason: 'empty rendition playlist' });
  }
  const media = parsed.value;
  const initBytes = media.segments[0]?.map === undefined ? 0 : (await stat(join(renditionDir, media.segments[0].map.uri))).size;
  let peak = 0;
  let totalBits = 0;
  let totalSec = 0;
  const durations: number[] = [];
  for (const s of media.segments) {
    const sec = s.durationUs / 1e6;
    const bits = (await stat(join(renditionDir, s.uri))).size * 8;
    durations.push(Math.round(sec * 1e6) / 1e6);
    totalBits += bits;
    totalSec += sec;
    // The last segment is often short; its rate is noisy, so it counts only when alone.
    if (sec > 0 && (s.index < media.segments.length - 1 || media.segments.length === 1)) peak = Math.max(peak, bits / sec);
  }
  const averageBps = totalSec > 0 ? (totalBits + initBytes * 8) / totalSec : 0;
  return { segmentDurationsSec: durations, peakBps: Math.max(peak, averageBps), averageBps };
}
