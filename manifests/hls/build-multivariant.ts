/**
 * Builds the multivariant playlist view: variants (EXT-X-STREAM-INF + the URI line after it),
 * renditions (EXT-X-MEDIA), I-frame variants, session keys and session data.
 */
import { attributeRecord, attrFloat, attrInt, attrResolution, attrString, attrYesNo } from './attr-list.js';
import type { HlsDocument } from './document.js';
import type { HlsAttributes, HlsIFrameVariant, HlsKey, HlsMultivariantPlaylist, HlsRendition, HlsStart, HlsVariant } from './playlist-types.js';
import { readInteger, readKey, readStart, type WarningSink } from './read-helpers.js';
import { HLS_ATTR, HLS_TAG, knownTag } from './tags.js';

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

export function buildMultivariantPlaylist(doc: HlsDocument, sink: WarningSink): HlsMultivariantPlaylist {
  const lines = doc.lines;
  const variants: HlsVariant[] = [];
  const renditions: HlsRendition[] = [];
  const iFrameVariants: HlsIFrameVariant[] = [];
  const sessionKeys: HlsKey[] = [];
  const sessionData: HlsAttributes[] = [];
  let version: number | undefined;
  let independentSegments = false;
  let start: HlsStart | undefined;
  let pending: { list: ReturnType<WarningSink['attributes']>; line: number } | undefined;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === undefined) continue;
    if (line.type === 'uri') {
      if (pending === undefined) continue; // a URI with no EXT-X-STREAM-INF: kept, not a variant
      const { list } = pending;
      variants.push({
        uri: line.uri,
        ...optional('bandwidth', attrInt(list, HLS_ATTR.BANDWIDTH)),
        ...optional('averageBandwidth', attrInt(list, HLS_ATTR.AVERAGE_BANDWIDTH)),
        ...optional('codecs', attrString(list, HLS_ATTR.CODECS)),
        ...optional('resolution', attrResolution(list, HLS_ATTR.RESOLUTION)),
        ...optional('frameRate', attrFloat(list, HLS_ATTR.FRAME_RATE)),
        ...optional('audio', attrString(list, HLS_ATTR.AUDIO)),
        ...optional('video', attrString(list, HLS_ATTR.VIDEO)),
        ...optional('subtitles', attrString(list, HLS_ATTR.SUBTITLES)),
        ...optional('closedCaptions', attrString(list, HLS_ATTR.CLOSED_CAPTIONS)),
        attributes: attributeRecord(list),
        line: pending.line,
        uriLine: i,
      });
      pending = undefined;
      continue;
    }
    if (line.type !== 'tag') continue;
    const name = knownTag(line.name);
    if (name === undefined) continue;
    switch (name) {
      case HLS_TAG.STREAM_INF:
        pending = { list: sink.attributes(line, i), line: i };
        break;
      case HLS_TAG.MEDIA: {
        const list = sink.attributes(line, i);
        const type = attrString(list, HLS_ATTR.TYPE);
        const groupId = attrString(list, HLS_ATTR.GROUP_ID);
        const name = attrString(list, HLS_ATTR.NAME);
        if (type === undefined || groupId === undefined || name === undefined) {
          sink.badValue(line, i, 'TYPE, GROUP-ID or NAME is missing');
          break;
        }
        renditions.push({
          type,
          groupId,
          name,
          ...optional('language', attrString(list, HLS_ATTR.LANGUAGE)),
          ...optional('uri', attrString(list, HLS_ATTR.URI)),
          default: attrYesNo(list, HLS_ATTR.DEFAULT) ?? false,
          autoselect: attrYesNo(list, HLS_ATTR.AUTOSELECT) ?? false,
          forced: attrYesNo(list, HLS_ATTR.FORCED) ?? false,
          ...optional('channels', attrString(list, HLS_ATTR.CHANNELS)),
          attributes: attributeRecord(list),
          line: i,
        });
        break;
      }
      case HLS_TAG.I_FRAME_STREAM_INF: {
        const list = sink.attributes(line, i);
        const uri = attrString(list, HLS_ATTR.URI);
        if (uri === undefined) {
          sink.badValue(line, i, 'URI is missing');
          break;
        }
        iFrameVariants.push({
          uri,
          ...optional('bandwidth', attrInt(list, HLS_ATTR.BANDWIDTH)),
          ...optional('codecs', attrString(list, HLS_ATTR.CODECS)),
          ...optional('resolution', attrResolution(list, HLS_ATTR.RESOLUTION)),
          attributes: attributeRecord(list),
          line: i,
        });
        break;
      }
      case HLS_TAG.SESSION_KEY: {
        const key = readKey(line, i, sink);
        if (key !== undefined) sessionKeys.push(key);
        break;
      }
      case HLS_TAG.SESSION_DATA:
        sessionData.push(attributeRecord(sink.attributes(line, i)));
        break;
      case HLS_TAG.VERSION:
        version = readInteger(line, i, sink);
        break;
      case HLS_TAG.INDEPENDENT_SEGMENTS:
        independentSegments = true;
        break;
      case HLS_TAG.START:
        start = readStart(line, i, sink);
        break;
      // Kept verbatim, not interpreted in a multivariant playlist.
      case HLS_TAG.EXTM3U:
      case HLS_TAG.DEFINE:
      case HLS_TAG.CONTENT_STEERING:
      case HLS_TAG.TARGETDURATION:
      case HLS_TAG.MEDIA_SEQUENCE:
      case HLS_TAG.DISCONTINUITY_SEQUENCE:
      case HLS_TAG.ENDLIST:
      case HLS_TAG.PLAYLIST_TYPE:
      case HLS_TAG.I_FRAMES_ONLY:
      case HLS_TAG.PART_INF:
      case HLS_TAG.SERVER_CONTROL:
      case HLS_TAG.EXTINF:
      case HLS_TAG.BYTERANGE:
      case HLS_TAG.DISCONTINUITY:
      case HLS_TAG.KEY:
      case HLS_TAG.MAP:
      case HLS_TAG.PROGRAM_DATE_TIME:
      case HLS_TAG.GAP:
      case HLS_TAG.BITRATE:
      case HLS_TAG.PART:
      case HLS_TAG.DATERANGE:
      case HLS_TAG.SKIP:
      case HLS_TAG.PRELOAD_HINT:
      case HLS_TAG.RENDITION_REPORT:
        break;
    }
  }

  return {
    kind: 'multivariant',
    document: doc,
    warnings: sink.warnings,
    ...optional('version', version),
    independentSegments,
    ...optional('start', start),
    variants,
    renditions,
    iFrameVariants,
    sessionKeys,
    sessionData,
  };
}
