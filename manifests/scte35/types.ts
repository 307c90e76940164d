/**
 * The SCTE-35 data model, one interface per syntax structure of ANSI/SCTE 35 2022b.
 *
 * Conventions, applied everywhere in this folder:
 * - Field names are the spec's syntax element names in camelCase (`splice_event_id` →
 *   `spliceEventId`). Length and count fields are not stored when the encoder can derive them
 *   from the content (descriptor_length, component_count, segmentation_upid_length…); the
 *   section-level lengths are kept as decoded, for display, and recomputed on encode.
 * - A field that the spec's syntax only carries under a condition is optional here and is
 *   present exactly when it is on the wire (e.g. `spliceTime` of a splice_insert).
 * - 90 kHz times (33-bit `pts_time`, `pts_adjustment`, `duration`, 40-bit
 *   `segmentation_duration`) are plain `number`s: every value below 2^53 is exact in a double.
 * - `reserved*` fields hold reserved bits only when they are NOT all ones (the spec's value),
 *   so that decode → encode is byte-identical even for encoders that write zeros there.
 * - Byte strings are `Uint8Array`.
 */

/** Values of `splice_command_type` (SCTE 35 2022b §9.6.1, splice_command_type table). */
export const SPLICE_COMMAND_TYPE = {
  splice_null: 0x00,
  splice_schedule: 0x04,
  splice_insert: 0x05,
  time_signal: 0x06,
  bandwidth_reservation: 0x07,
  private_command: 0xff,
} as const;
export type SpliceCommandName = keyof typeof SPLICE_COMMAND_TYPE;

/** Values of `splice_descriptor_tag` for the `CUEI` identifier (SCTE 35 2022b §10.2, splice_descriptor_tag table). */
export const SPLICE_DESCRIPTOR_TAG = {
  avail_descriptor: 0x00,
  dtmf_descriptor: 0x01,
  segmentation_descriptor: 0x02,
  time_descriptor: 0x03,
  audio_descriptor: 0x04,
} as const;

/** The identifier "CUEI" (0x43554549) that marks SCTE-defined splice descriptors (§10.2). */
export const CUEI_IDENTIFIER = 0x43554549;

/** `splice_time()` (SCTE 35 2022b §9.8.1). `ptsTime` is present iff `timeSpecifiedFlag`. */
export interface SpliceTime {
  readonly timeSpecifiedFlag: boolean;
  /** 33-bit PTS in 90 kHz ticks, before pts_adjustment is added. */
  readonly ptsTime?: number;
  readonly reserved?: number;
}

/** `break_duration()` (SCTE 35 2022b §9.8.2). */
export interface BreakDuration {
  readonly autoReturn: boolean;
  /** 33-bit duration in 90 kHz ticks. */
  readonly duration: number;
  readonly reserved?: number;
}

/** `splice_null()` (SCTE 35 2022b §9.7.1). */
export interface SpliceNull {
  readonly type: 'splice_null';
}

/** One component of a component-mode splice_insert. `spliceTime` iff not immediate. */
export interface SpliceInsertComponent {
  readonly componentTag: number;
  readonly spliceTime?: SpliceTime;
}

/**
 * `splice_insert()` (SCTE 35 2022b §9.7.3). Everything after the cancel indicator is
 * present iff `spliceEventCancelIndicator` is false. `spliceTime` is present iff program mode and
 * not immediate; `components` iff component mode (`programSpliceFlag` false); `breakDuration`
 * iff `durationFlag`.
 */
export interface SpliceInsert {
  readonly type: 'splice_insert';
  readonly spliceEventId: number;
  readonly spliceEventCancelIndicator: boolean;
  readonly reserved?: number;
  readonly outOfNetworkIndicator?: boolean;
  readonly programSpliceFlag?: boolean;
  readonly durationFlag?: boolean;
  readonly spliceImmediateFlag?: boolean;
  readonly eventIdComplianceFlag?: boolean;
  readonly reserved2?: number;
  readonly spliceTime?: SpliceTime;
  readonly components?: readonly SpliceInsertComponent[];
  readonly breakDuration?: BreakDuration;
  readonly uniqueProgramId?: number;
  readonly availNum?: number;
  readonly availsExpected?: number;
}

/** A component of a component-mode splice_schedule event. */
export interface SpliceScheduleComponent {
  readonly componentTag: number;
  /** Seconds since the GPS epoch (1980-01-06). */
  readonly utcSpliceTime: number;
}

/** One event of `splice_schedule()`. Conditional fields follow the syntax as in SpliceInsert. */
export interface SpliceScheduleEvent {
  readonly spliceEventId: number;
  readonly spliceEventCancelIndicator: boolean;
  readonly reserved?: number;
  readonly outOfNetworkIndicator?: boolean;
  readonly programSpliceFlag?: boolean;
  readonly durationFlag?: boolean;
  readonly reserved2?: number;
  /** Program mode only: seconds since the GPS epoch. */
  readonly utcSpliceTime?: number;
  readonly components?: readonly SpliceScheduleComponent[];
  readonly breakDuration?: BreakDuration;
  readonly uniqueProgramId?: number;
  readonly availNum?: number;
  readonly availsExpected?: number;
}

/** `splice_schedule()` (SCTE 35 2022b §9.7.2). */
export interface SpliceSchedule {
  readonly type: 'splice_schedule';
  readonly events: readonly SpliceScheduleEvent[];
}

/** `time_signal()` (SCTE 35 2022b §9.7.4). */
export interface TimeSignal {
  readonly type: 'time_signal';
  readonly spliceTime: SpliceTime;
}

/** `bandwidth_reservation()` (SCTE 35 2022b §9.7.5): no fields. */
export interface BandwidthReservation {
  readonly type: 'bandwidth_reservation';
}

/** `private_command()` (SCTE 35 2022b §9.7.6). */
export interface PrivateCommand {
  readonly type: 'private_command';
  readonly identifier: number;
  readonly privateBytes: Uint8Array;
}

/** The splice command of a section, discriminated on `type` (the spec name). */
export type SpliceCommand = SpliceNull | SpliceSchedule | SpliceInsert | TimeSignal | BandwidthReservation | PrivateCommand;

/** Fields every known (CUEI) descriptor may carry besides its own. */
interface DescriptorCommon {
  readonly identifier: number;
  /** Bytes inside descriptor_length after the last field the spec defines (kept for lossless re-encoding). */
  readonly trailingBytes?: Uint8Array;
}

/** `avail_descriptor()` (SCTE 35 2022b §10.3.1). */
export interface AvailDescriptor extends DescriptorCommon {
  readonly type: 'avail_descriptor';
  readonly providerAvailId: number;
}

/** `DTMF_descriptor()` (SCTE 35 2022b §10.3.2). `dtmfChars` are ASCII. */
export interface DtmfDescriptor extends DescriptorCommon {
  readonly type: 'dtmf_descriptor';
  /** Tenths of a second before the splice point. */
  readonly preroll: number;
  readonly dtmfChars: string;
  readonly reserved?: number;
}

/** A component of a component-mode segmentation descriptor. */
export interface SegmentationComponent {
  readonly componentTag: number;
  /** 33-bit offset in 90 kHz ticks. */
  readonly ptsOffset: number;
  readonly reserved?: number;
}

/**
 * `segmentation_upid()` (SCTE 35 2022b §10.3.3.1). `segmentationUpidType` is the
 * segmentation_upid_type. Most types are opaque bytes (text types are ASCII/UTF-8 bytes; see
 * `formatUpid` for their display); three have structure of their own.
 */
export type SegmentationUpid =
  | { readonly kind: 'bytes'; readonly segmentationUpidType: number; readonly bytes: Uint8Array }
  | {
      /** ATSC Content Identifier (type 0x0B, ATSC A/57B): TSID, end_of_day, unique_for, content_id. */
      readonly kind: 'atsc';
      readonly segmentationUpidType: 0x0b;
      readonly tsid: number;
      readonly reserved?: number;
      readonly endOfDay: number;
      readonly uniqueFor: number;
      readonly contentId: Uint8Array;
    }
  | {
      /** MPU() (type 0x0C): a registered format identifier and private data. */
      readonly kind: 'mpu';
      readonly segmentationUpidType: 0x0c;
      readonly formatIdentifier: number;
      readonly privateData: Uint8Array;
    }
  | {
      /** MID() (type 0x0D): several UPIDs, each with its own type and length. */
      readonly kind: 'mid';
      readonly segmentationUpidType: 0x0d;
      readonly upids: readonly SegmentationUpid[];
    };

/**
 * `segmentation_descriptor()` (SCTE 35 2022b §10.3.3). Everything after the cancel
 * indicator is present iff `segmentationEventCancelIndicator` is false. The four delivery
 * restriction fields are present iff `deliveryNotRestrictedFlag` is false; `components` iff
 * `programSegmentationFlag` is false; `segmentationDuration` iff `segmentationDurationFlag`.
 * `subSegmentNum`/`subSegmentsExpected` are present iff they were on the wire (the spec calls for
 * them with types 0x34, 0x36, 0x38, 0x3A; some encoders omit or add them).
 */
export interface SegmentationDescriptor extends DescriptorCommon {
  readonly type: 'segmentation_descriptor';
  readonly segmentationEventId: number;
  readonly segmentationEventCancelIndicator: boolean;
  readonly segmentationEventIdComplianceIndicator: boolean;
  readonly reserved?: number;
  readonly programSegmentationFlag?: boolean;
  readonly segmentationDurationFlag?: boolean;
  readonly deliveryNotRestrictedFlag?: boolean;
  readonly webDeliveryAllowedFlag?: boolean;
  readonly noRegionalBlackoutFlag?: boolean;
  readonly archiveAllowedFlag?: boolean;
  readonly deviceRestrictions?: number;
  /** The 5 bits standing in for the restriction flags when delivery is not restricted, if not all ones. */
  readonly reserved2?: number;
  readonly components?: readonly SegmentationComponent[];
  /** 40-bit duration in 90 kHz ticks. */
  readonly segmentationDuration?: number;
  readonly segmentationUpid?: SegmentationUpid;
  readonly segmentationTypeId?: number;
  readonly segmentNum?: number;
  readonly segmentsExpected?: number;
  readonly subSegmentNum?: number;
  readonly subSegmentsExpected?: number;
}

/** `time_descriptor()` (SCTE 35 2022b §10.3.4): a PTP/TAI wall-clock time. */
export interface TimeDescriptor extends DescriptorCommon {
  readonly type: 'time_descriptor';
  /** 48-bit TAI seconds. */
  readonly taiSeconds: number;
  readonly taiNs: number;
  readonly utcOffset: number;
}

/** One audio component of an audio_descriptor. `isoCode` is 3 ASCII letters. */
export interface AudioComponent {
  readonly componentTag: number;
  readonly isoCode: string;
  readonly bitStreamMode: number;
  readonly numChannels: number;
  readonly fullSrvcAudio: boolean;
}

/** `audio_descriptor()` (SCTE 35 2022b §10.3.5). */
export interface AudioDescriptor extends DescriptorCommon {
  readonly type: 'audio_descriptor';
  readonly components: readonly AudioComponent[];
  readonly reserved?: number;
}

/**
 * A descriptor this codec does not interpret: a non-CUEI identifier (private, §10.2) or a tag the
 * spec reserves. Its bytes after the identifier are kept as they came.
 */
export interface PrivateDescriptor {
  readonly type: 'private_descriptor';
  readonly spliceDescriptorTag: number;
  readonly identifier: number;
  readonly privateBytes: Uint8Array;
}

/** A `splice_descriptor()` (SCTE 35 2022b §10.2), discriminated on `type`. */
export type SpliceDescriptor =
  | AvailDescriptor
  | DtmfDescriptor
  | SegmentationDescriptor
  | TimeDescriptor
  | AudioDescriptor
  | PrivateDescriptor;

/**
 * `splice_info_section()` (SCTE 35 2022b §9.6). `sectionLength`, `spliceCommandLength`,
 * `descriptorLoopLength` and `crc32` are what was decoded; the encoder recomputes them, except
 * that a `spliceCommandLength` of 0xFFF (the legacy "unknown" value) is written back as 0xFFF.
 */
export interface SpliceInfoSection {
  readonly tableId: number;
  readonly sectionSyntaxIndicator: boolean;
  readonly privateIndicator: boolean;
  /** 2 bits; 3 = not specified. */
  readonly sapType: number;
  readonly sectionLength: number;
  readonly protocolVersion: number;
  readonly encryptedPacket: boolean;
  readonly encryptionAlgorithm: number;
  /** 33-bit, 90 kHz ticks, added (mod 2^33) to every pts_time of the command. */
  readonly ptsAdjustment: number;
  readonly cwIndex: number;
  readonly tier: number;
  readonly spliceCommandLength: number;
  readonly spliceCommandType: number;
  readonly spliceCommand: SpliceCommand;
  /** Bytes inside splice_command_length after the command's last field (kept for lossless re-encoding). */
  readonly spliceCommandTrailingBytes?: Uint8Array;
  readonly descriptorLoopLength: number;
  readonly spliceDescriptors: readonly SpliceDescriptor[];
  /** alignment_stuffing bytes between the descriptor loop and CRC_32 (§9.6), when any. */
  readonly alignmentStuffing?: Uint8Array;
  readonly crc32: number;
}

/** Options of `decodeScte35`. */
export interface DecodeOptions {
  /** Accept a section whose CRC_32 does not verify (tolerant callers). Default false. */
  readonly ignoreCrc?: boolean;
}

/** What a cue reader needs from a message: does it open a break, close one, or neither. */
export interface SpliceSummary {
  readonly kind: 'out' | 'in' | 'none';
  readonly eventId?: number;
  readonly durationTicks?: number;
  /** The splice time in 90 kHz ticks: (pts_time + pts_adjustment) mod 2^33. */
  readonly ptsTicks?: number;
  readonly upid?: string;
  readonly segmentationTypeId?: number;
}
