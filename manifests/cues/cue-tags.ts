/**
 * Cue vocabulary, typed once (STYLE §6). These tags are not in RFC 8216bis, so they live with
 * the readers rather than in manifests/hls/tags.ts (cues may not import hls). Names are written
 * without the leading `#`, as they appear between `#` and `:`.
 */
export const CUE_TAG = {
  CUE_OUT: 'EXT-X-CUE-OUT',
  CUE_OUT_CONT: 'EXT-X-CUE-OUT-CONT',
  CUE_IN: 'EXT-X-CUE-IN',
  DATERANGE: 'EXT-X-DATERANGE',
  OATCLS_SCTE35: 'EXT-OATCLS-SCTE35',
  X_SCTE35: 'EXT-X-SCTE35',
  /** Non-standard spelling seen in the wild (grafov/m3u8 samples); read like EXT-X-SCTE35. */
  SCTE35_LEGACY: 'EXT-SCTE35',
  SPLICEPOINT_SCTE35: 'EXT-X-SPLICEPOINT-SCTE35',
} as const;

export type CueTagName = (typeof CUE_TAG)[keyof typeof CUE_TAG];

/** Attribute names the cue readers look up. CUE-OUT-CONT names are matched case-insensitively. */
export const CUE_ATTR = {
  // EXT-X-CUE-OUT / -CONT
  DURATION: 'DURATION',
  ELAPSED_TIME: 'ELAPSEDTIME',
  SCTE35: 'SCTE35',
  // EXT-X-DATERANGE (RFC 8216bis §4.4.5.1)
  ID: 'ID',
  START_DATE: 'START-DATE',
  END_DATE: 'END-DATE',
  PLANNED_DURATION: 'PLANNED-DURATION',
  SCTE35_OUT: 'SCTE35-OUT',
  SCTE35_IN: 'SCTE35-IN',
  SCTE35_CMD: 'SCTE35-CMD',
  // EXT-X-SCTE35 (SCTE 35 2022b §12.2)
  CUE: 'CUE',
  CUE_OUT: 'CUE-OUT',
  CUE_IN: 'CUE-IN',
  ELAPSED: 'ELAPSED',
} as const;

/** Values of EXT-X-SCTE35 CUE-OUT (SCTE 35 2022b §12.2). */
export const CUE_OUT_VALUE = {
  YES: 'YES',
  NO: 'NO',
  CONT: 'CONT',
} as const;
