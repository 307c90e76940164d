// Test-only text → CueInput, for unit tests that want a playlist in three lines. It knows just
// enough HLS for that (EXTINF, MEDIA-SEQUENCE, PROGRAM-DATE-TIME carried forward); the golden
// runner and the CLI go through the real parser (manifests/hls) instead.
import { parseSecondsToMicros } from '../../manifests/model/time.js';
import type { CueInput, TagLine, TaggedSegment } from '../../manifests/model/tagged-segment.js';

function addMicros(iso: string, us: number): string {
  const m = /^(.*?)(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/.exec(iso);
  const ms = Date.parse(iso);
  if (!m || Number.isNaN(ms)) return iso;
  const fracUs = Number(((m[2] ?? '') + '000000').slice(0, 6)) % 1000;
  const total = ms * 1000 + fracUs + us;
  const base = new Date(Math.floor(total / 1000)).toISOString();
  const rest = total % 1000;
  return rest === 0 ? base : `${base.slice(0, -1)}${String(rest).padStart(3, '0')}Z`;
}

export function cueInputFromText(text: string): CueInput {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const segments: TaggedSegment[] = [];
  let pending: TagLine[] = [];
  let seq = 0;
  let startUs = 0;
  let durationUs = 0;
  let pdt: string | undefined;
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    if (line.startsWith('#')) {
      if (!line.startsWith('#EXT')) return;
      const colon = line.indexOf(':');
      const name = (colon < 0 ? line.slice(1) : line.slice(1, colon)).trim();
      const value = colon < 0 ? '' : line.slice(colon + 1);
      if (name === 'EXT-X-MEDIA-SEQUENCE') seq = Number(value);
      if (name === 'EXTINF') durationUs = parseSecondsToMicros(value.split(',')[0] ?? '') ?? 0;
      if (name === 'EXT-X-PROGRAM-DATE-TIME') pdt = value.trim();
      if (name !== 'EXTM3U') pending.push({ name, value, line: i + 1 });
      return;
    }
    segments.push({ mediaSequence: seq, startUs, durationUs, ...(pdt === undefined ? {} : { programDateTime: pdt }), tags: pending });
    if (pdt !== undefined) pdt = addMicros(pdt, durationUs);
    startUs += durationUs;
    seq += 1;
    pending = [];
  });
  return { segments, trailingTags: pending, endUs: startUs };
}
