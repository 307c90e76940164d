/**
 * Ad segment ids: `/v1/segment/:session/<id>` names one URI of an ad (or slate) segment
 * compactly and reversibly, so the redirect needs no per-segment record in the store:
 *
 *   <kind><ad>.<playlist>.<segment>.<part>.<break id, base64url>
 *
 * kind `a` ad (`<ad>` = its 0-based position in the stored pod) or `s` slate (`<ad>` = 0);
 * playlist = index into the creative's playlists (ad-rendition-select.ts `adPlaylistUris`);
 * segment = index in that media playlist; part `m` media, `i` init section (EXT-X-MAP),
 * `k<n>` the segment's n-th key. The id says where to look, never where to go: the target
 * is read from the session's stored decision, so a forged id can only name that session's
 * own creatives (no open redirect).
 */
export type SegmentPart = { readonly kind: 'media' } | { readonly kind: 'map' } | { readonly kind: 'key'; readonly index: number };

export interface AdSegmentId {
  readonly kind: 'ad' | 'slate';
  readonly breakId: string;
  /** Position of the ad in the pod (0 for slate). */
  readonly ad: number;
  /** Index into the creative's playlists. */
  readonly playlist: number;
  readonly segment: number;
  readonly part: SegmentPart;
}

const MAX_BREAK_ID = 256;
const ID = /^([as])(\d{1,4})\.(\d{1,4})\.(\d{1,6})\.(m|i|k\d{1,2})\.([A-Za-z0-9_-]{1,400})$/;

export function encodeSegmentId(id: AdSegmentId): string {
  const part = id.part.kind === 'media' ? 'm' : id.part.kind === 'map' ? 'i' : `k${id.part.index}`;
  const brk = Buffer.from(id.breakId, 'utf8').toString('base64url');
  return `${id.kind === 'ad' ? 'a' : 's'}${id.ad}.${id.playlist}.${id.segment}.${part}.${brk}`;
}

/** The id, or undefined when it is not one we could have written. */
export function decodeSegmentId(text: string): AdSegmentId | undefined {
  const m = ID.exec(text);
  if (m === null) return undefined;
  const [, kind, ad, playlist, segment, part, brk] = m;
  if (kind === undefined || ad === undefined || playlist === undefined || segment === undefined || part === undefined || brk === undefined) return undefined;
  const breakId = Buffer.from(brk, 'base64url').toString('utf8');
  if (breakId.length === 0 || breakId.length > MAX_BREAK_ID || Buffer.from(breakId, 'utf8').toString('base64url') !== brk) return undefined;
  const parsedPart: SegmentPart = part === 'm' ? { kind: 'media' } : part === 'i' ? { kind: 'map' } : { kind: 'key', index: Number(part.slice(1)) };
  return { kind: kind === 'a' ? 'ad' : 'slate', breakId, ad: Number(ad), playlist: Number(playlist), segment: Number(segment), part: parsedPart };
}
