/**
 * Small readers shared by the media and multivariant builders: attribute lists with their
 * problems turned into warnings, keys, START. Each reports trouble as a recoverable warning;
 * none fails the parse.
 */
import { manifestError, type ManifestError } from '../errors.js';
import { parseByteRange } from '../model/byte-range.js';
import { attrFloat, attrString, attrYesNo, parseAttributeList, type AttributeList } from './attr-list.js';
import type { HlsTagLine } from './document.js';
import type { HlsKey, HlsStart } from './playlist-types.js';
import { HLS_ATTR, IDENTITY_KEYFORMAT } from './tags.js';

/** Collects warnings; `line` is the 0-based index, reported 1-based as editors show it. */
export class WarningSink {
  readonly warnings: ManifestError[] = [];

  badValue(tag: HlsTagLine, index: number, why: string): void {
    this.warnings.push(manifestError('HLS_BAD_TAG_VALUE', `line ${index + 1}: #${tag.name}: ${why}`, { line: index + 1, tag: tag.name }));
  }

  missingExtinf(uri: string, index: number): void {
    this.warnings.push(manifestError('HLS_BAD_TAG_VALUE', `line ${index + 1}: segment ${uri} has no #EXTINF`, { line: index + 1 }));
  }

  /** Reads the tag's attribute list, reporting an unreadable part. */
  attributes(tag: HlsTagLine, index: number): AttributeList {
    const list = parseAttributeList(tag.value);
    if (list.problem !== undefined) {
      this.warnings.push(manifestError('HLS_BAD_ATTRIBUTE_LIST', `line ${index + 1}: #${tag.name}: ${list.problem}`, { line: index + 1, tag: tag.name }));
    }
    return list;
  }
}

/** EXT-X-KEY / EXT-X-SESSION-KEY. Undefined (with a warning) when METHOD is missing. */
export function readKey(tag: HlsTagLine, index: number, sink: WarningSink): HlsKey | undefined {
  const list = sink.attributes(tag, index);
  const method = attrString(list, HLS_ATTR.METHOD);
  if (method === undefined) {
    sink.badValue(tag, index, 'METHOD is missing');
    return undefined;
  }
  const uri = attrString(list, HLS_ATTR.URI);
  const iv = attrString(list, HLS_ATTR.IV);
  const keyFormatVersions = attrString(list, HLS_ATTR.KEYFORMATVERSIONS);
  return {
    method,
    keyFormat: attrString(list, HLS_ATTR.KEYFORMAT) ?? IDENTITY_KEYFORMAT,
    ...(uri === undefined ? {} : { uri }),
    ...(iv === undefined ? {} : { iv }),
    ...(keyFormatVersions === undefined ? {} : { keyFormatVersions }),
    line: index,
  };
}

export function readStart(tag: HlsTagLine, index: number, sink: WarningSink): HlsStart | undefined {
  const list = sink.attributes(tag, index);
  const timeOffset = attrFloat(list, HLS_ATTR.TIME_OFFSET);
  if (timeOffset === undefined) {
    sink.badValue(tag, index, 'TIME-OFFSET is missing or not a number');
    return undefined;
  }
  return { timeOffset, precise: attrYesNo(list, HLS_ATTR.PRECISE) ?? false };
}

/** A decimal-integer tag value (EXT-X-VERSION, EXT-X-MEDIA-SEQUENCE…). */
export function readInteger(tag: HlsTagLine, index: number, sink: WarningSink): number | undefined {
  const text = tag.value.trim();
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n)) {
    sink.badValue(tag, index, `"${tag.value}" is not a decimal integer`);
    return undefined;
  }
  return n;
}

/** BYTERANGE attribute of EXT-X-MAP / EXT-X-PART. */
export function readByteRangeAttr(list: AttributeList): ReturnType<typeof parseByteRange> {
  const text = attrString(list, HLS_ATTR.BYTERANGE);
  return text === undefined ? undefined : parseByteRange(text);
}
