/**
 * HLS wire vocabulary (RFC 8216bis and the LL-HLS additions), typed once. Other files name a
 * tag or attribute only through these objects (STYLE §6), so a typo is a compile error and
 * `switch` statements over `HlsTagName` are checked for exhaustiveness.
 *
 * Names are written without the leading `#`, as they appear between `#` and `:`.
 */
export const HLS_TAG = {
  EXTM3U: 'EXTM3U',
  VERSION: 'EXT-X-VERSION',
  INDEPENDENT_SEGMENTS: 'EXT-X-INDEPENDENT-SEGMENTS',
  START: 'EXT-X-START',
  DEFINE: 'EXT-X-DEFINE',
  // Media playlist header
  TARGETDURATION: 'EXT-X-TARGETDURATION',
  MEDIA_SEQUENCE: 'EXT-X-MEDIA-SEQUENCE',
  DISCONTINUITY_SEQUENCE: 'EXT-X-DISCONTINUITY-SEQUENCE',
  ENDLIST: 'EXT-X-ENDLIST',
  PLAYLIST_TYPE: 'EXT-X-PLAYLIST-TYPE',
  I_FRAMES_ONLY: 'EXT-X-I-FRAMES-ONLY',
  PART_INF: 'EXT-X-PART-INF',
  SERVER_CONTROL: 'EXT-X-SERVER-CONTROL',
  // Media segment
  EXTINF: 'EXTINF',
  BYTERANGE: 'EXT-X-BYTERANGE',
  DISCONTINUITY: 'EXT-X-DISCONTINUITY',
  KEY: 'EXT-X-KEY',
  MAP: 'EXT-X-MAP',
  PROGRAM_DATE_TIME: 'EXT-X-PROGRAM-DATE-TIME',
  GAP: 'EXT-X-GAP',
  BITRATE: 'EXT-X-BITRATE',
  PART: 'EXT-X-PART',
  // Media metadata
  DATERANGE: 'EXT-X-DATERANGE',
  SKIP: 'EXT-X-SKIP',
  PRELOAD_HINT: 'EXT-X-PRELOAD-HINT',
  RENDITION_REPORT: 'EXT-X-RENDITION-REPORT',
  // Multivariant playlist
  MEDIA: 'EXT-X-MEDIA',
  STREAM_INF: 'EXT-X-STREAM-INF',
  I_FRAME_STREAM_INF: 'EXT-X-I-FRAME-STREAM-INF',
  SESSION_DATA: 'EXT-X-SESSION-DATA',
  SESSION_KEY: 'EXT-X-SESSION-KEY',
  CONTENT_STEERING: 'EXT-X-CONTENT-STEERING',
} as const;

export type HlsTagKey = keyof typeof HLS_TAG;
export type HlsTagName = (typeof HLS_TAG)[HlsTagKey];

const KNOWN_TAGS: ReadonlyMap<string, HlsTagName> = new Map(Object.values(HLS_TAG).map((t) => [t, t]));

/** Narrows a tag name read from a playlist to the known vocabulary; unknown tags stay strings. */
export function isKnownTag(name: string): name is HlsTagName {
  return KNOWN_TAGS.has(name);
}

/**
 * The vocabulary's own string for a tag name read from text, or undefined for unknown tags.
 * Switching on the returned constant is much faster than on the sliced text: the engine
 * compares interned strings by identity instead of character by character.
 */
export function knownTag(name: string): HlsTagName | undefined {
  return KNOWN_TAGS.get(name);
}

/** Attribute names used inside attribute lists (RFC 8216bis §4.4). */
export const HLS_ATTR = {
  URI: 'URI',
  METHOD: 'METHOD',
  IV: 'IV',
  KEYFORMAT: 'KEYFORMAT',
  KEYFORMATVERSIONS: 'KEYFORMATVERSIONS',
  BYTERANGE: 'BYTERANGE',
  BANDWIDTH: 'BANDWIDTH',
  AVERAGE_BANDWIDTH: 'AVERAGE-BANDWIDTH',
  CODECS: 'CODECS',
  RESOLUTION: 'RESOLUTION',
  FRAME_RATE: 'FRAME-RATE',
  HDCP_LEVEL: 'HDCP-LEVEL',
  VIDEO_RANGE: 'VIDEO-RANGE',
  AUDIO: 'AUDIO',
  VIDEO: 'VIDEO',
  SUBTITLES: 'SUBTITLES',
  CLOSED_CAPTIONS: 'CLOSED-CAPTIONS',
  PROGRAM_ID: 'PROGRAM-ID',
  TYPE: 'TYPE',
  GROUP_ID: 'GROUP-ID',
  LANGUAGE: 'LANGUAGE',
  ASSOC_LANGUAGE: 'ASSOC-LANGUAGE',
  NAME: 'NAME',
  DEFAULT: 'DEFAULT',
  AUTOSELECT: 'AUTOSELECT',
  FORCED: 'FORCED',
  INSTREAM_ID: 'INSTREAM-ID',
  CHANNELS: 'CHANNELS',
  CHARACTERISTICS: 'CHARACTERISTICS',
  TIME_OFFSET: 'TIME-OFFSET',
  PRECISE: 'PRECISE',
  ID: 'ID',
  CLASS: 'CLASS',
  START_DATE: 'START-DATE',
  END_DATE: 'END-DATE',
  DURATION: 'DURATION',
  PLANNED_DURATION: 'PLANNED-DURATION',
  END_ON_NEXT: 'END-ON-NEXT',
  SCTE35_CMD: 'SCTE35-CMD',
  SCTE35_OUT: 'SCTE35-OUT',
  SCTE35_IN: 'SCTE35-IN',
  INDEPENDENT: 'INDEPENDENT',
  GAP: 'GAP',
  CAN_SKIP_UNTIL: 'CAN-SKIP-UNTIL',
  CAN_SKIP_DATERANGES: 'CAN-SKIP-DATERANGES',
  HOLD_BACK: 'HOLD-BACK',
  PART_HOLD_BACK: 'PART-HOLD-BACK',
  CAN_BLOCK_RELOAD: 'CAN-BLOCK-RELOAD',
  PART_TARGET: 'PART-TARGET',
  DATA_ID: 'DATA-ID',
  SKIPPED_SEGMENTS: 'SKIPPED-SEGMENTS',
  VALUE: 'VALUE',
} as const;

/** Values of METHOD in EXT-X-KEY / EXT-X-SESSION-KEY. Others are kept as written. */
export const KEY_METHOD = {
  NONE: 'NONE',
  AES_128: 'AES-128',
  SAMPLE_AES: 'SAMPLE-AES',
  SAMPLE_AES_CTR: 'SAMPLE-AES-CTR',
} as const;

/** KEYFORMAT's default when the attribute is absent (RFC 8216bis §4.4.4.4). */
export const IDENTITY_KEYFORMAT = 'identity';

export const MEDIA_TYPE = {
  AUDIO: 'AUDIO',
  VIDEO: 'VIDEO',
  SUBTITLES: 'SUBTITLES',
  CLOSED_CAPTIONS: 'CLOSED-CAPTIONS',
} as const;
