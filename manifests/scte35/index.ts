/**
 * The SCTE-35 codec's public API (ANSI/SCTE 35 2022b). Everything other folders use is exported
 * here; the other files of this folder are internal.
 *
 * - `decodeScte35(input, options)` reads a splice_info_section from base64, hex (with or
 *   without `0x`) or bytes and returns `Result<SpliceInfoSection, ManifestError>`; it never throws.
 * - `encodeScte35(section)` writes it back; decode → encode is byte-identical for well-formed input.
 * - `spliceSummary(section)` tells a cue reader whether the message opens or closes a break.
 * - `scte35ToJson(section)` is the snake_case JSON form the CLI and the service print.
 */
export { decodeScte35, encodeScte35 } from './splice-info-section.js';
export { toBase64, toHex, parseScte35Input } from './encoding.js';
export {
  segmentationTypeName,
  BREAK_START_SEGMENTATION_TYPES,
  BREAK_END_SEGMENTATION_TYPES,
} from './segmentation-types.js';
export { segmentationUpidTypeName, formatUpid, textUpid, SEGMENTATION_UPID_TYPE } from './segmentation-upid.js';
export { spliceSummary } from './summary.js';
export { scte35ToJson, descriptorJson, commandJson, upidJson, ticksToSeconds, type Scte35Json, type JsonObject, type JsonValue } from './to-json.js';
export { crc32Mpeg2 } from './crc32.js';
export {
  SPLICE_COMMAND_TYPE,
  SPLICE_DESCRIPTOR_TAG,
  CUEI_IDENTIFIER,
  type SpliceInfoSection,
  type SpliceCommand,
  type SpliceCommandName,
  type SpliceNull,
  type SpliceSchedule,
  type SpliceScheduleEvent,
  type SpliceScheduleComponent,
  type SpliceInsert,
  type SpliceInsertComponent,
  type TimeSignal,
  type BandwidthReservation,
  type PrivateCommand,
  type SpliceTime,
  type BreakDuration,
  type SpliceDescriptor,
  type AvailDescriptor,
  type DtmfDescriptor,
  type SegmentationDescriptor,
  type SegmentationComponent,
  type SegmentationUpid,
  type TimeDescriptor,
  type AudioDescriptor,
  type AudioComponent,
  type PrivateDescriptor,
  type DecodeOptions,
  type SpliceSummary,
} from './types.js';
