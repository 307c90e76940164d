// The golden SCTE-35 cases, built as models and encoded by our encoder. `generate-fixtures.ts`
// writes them to fixtures/scte35/{valid,invalid}; golden.test.ts replays the files and checks that
// these builders still produce the same bytes. Spec samples (§14) are rebuilt from the field values
// the spec prints, so their bytes are a hand check of the encoder against the spec's own bytes.
import {
  CUEI_IDENTIFIER,
  crc32Mpeg2,
  encodeScte35,
  textUpid,
  type SegmentationDescriptor,
  type SegmentationUpid,
  type SpliceCommand,
  type SpliceDescriptor,
  type SpliceInfoSection,
} from '../../../manifests/scte35/index.js';

export interface ValidCase {
  readonly name: string;
  readonly source: string;
  readonly section: SpliceInfoSection;
}

export interface InvalidCase {
  readonly name: string;
  readonly source: string;
  readonly input: { readonly base64?: string; readonly hex?: string; readonly bytes?: Uint8Array };
  readonly expectedError: { readonly code: string; readonly offset: number };
}

export function section(spliceCommand: SpliceCommand, spliceDescriptors: SpliceDescriptor[] = [], extra: Partial<SpliceInfoSection> = {}): SpliceInfoSection {
  return {
    tableId: 0xfc,
    sectionSyntaxIndicator: false,
    privateIndicator: false,
    sapType: 3,
    sectionLength: 0,
    protocolVersion: 0,
    encryptedPacket: false,
    encryptionAlgorithm: 0,
    ptsAdjustment: 0,
    cwIndex: 0xff,
    tier: 0xfff,
    spliceCommandLength: 0,
    spliceCommandType: 0,
    spliceCommand,
    descriptorLoopLength: 0,
    spliceDescriptors,
    crc32: 0,
    ...extra,
  };
}

export function timeSignal(ptsTime?: number): SpliceCommand {
  return { type: 'time_signal', spliceTime: ptsTime === undefined ? { timeSpecifiedFlag: false } : { timeSpecifiedFlag: true, ptsTime } };
}

const bytesUpid = (segmentationUpidType: number, hex: string): SegmentationUpid => ({
  kind: 'bytes',
  segmentationUpidType,
  bytes: Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16)),
});

export function seg(fields: Partial<SegmentationDescriptor> & { segmentationTypeId: number; segmentationUpid: SegmentationUpid }): SegmentationDescriptor {
  return {
    type: 'segmentation_descriptor',
    identifier: CUEI_IDENTIFIER,
    segmentationEventId: 0x4800008e,
    segmentationEventCancelIndicator: false,
    segmentationEventIdComplianceIndicator: true,
    programSegmentationFlag: true,
    segmentationDurationFlag: fields.segmentationDuration !== undefined,
    deliveryNotRestrictedFlag: true,
    segmentNum: 1,
    segmentsExpected: 1,
    ...fields,
  };
}

const restricted = { deliveryNotRestrictedFlag: false, webDeliveryAllowedFlag: false, noRegionalBlackoutFlag: true, archiveAllowedFlag: true, deviceRestrictions: 3 };
const SPEC = 'ANSI/SCTE 35 2022b §14';
const TI = bytesUpid(0x08, '000000002ca0a18a');

function upidCase(type: number, slug: string, upid: SegmentationUpid, note: string): ValidCase {
  return {
    name: `upid-0x${type.toString(16).padStart(2, '0')}-${slug}`,
    source: `Constructed: time_signal with one segmentation_descriptor carrying segmentation_upid_type 0x${type.toString(16).padStart(2, '0')} (${note}); SCTE 35 2022b §10.3.3.1`,
    section: section(timeSignal(900000), [seg({ segmentationTypeId: 0x34, segmentationUpid: upid, segmentationDuration: 2700000, subSegmentNum: 0, subSegmentsExpected: 0 })]),
  };
}

export const validCases: readonly ValidCase[] = [
  {
    name: 'sample-14.1-time-signal-placement-opportunity-start',
    source: `${SPEC}.1, rebuilt from the printed fields (time_signal, Provider Placement Opportunity Start, TI UPID, 307 s)`,
    section: section(timeSignal(0x072bd0050), [
      seg({ ...restricted, webDeliveryAllowedFlag: false, segmentationEventId: 0x4800008e, segmentationDuration: 0x0001a599b0, segmentationUpid: TI, segmentationTypeId: 0x34, segmentNum: 2, segmentsExpected: 0 }),
    ]),
  },
  {
    name: 'sample-14.2-splice-insert',
    source: `${SPEC}.2, rebuilt from the printed fields (splice_insert out, auto-return 60.293567 s, avail_descriptor 309)`,
    section: section(
      {
        type: 'splice_insert', spliceEventId: 0x4800008f, spliceEventCancelIndicator: false, outOfNetworkIndicator: true, programSpliceFlag: true,
        durationFlag: true, spliceImmediateFlag: false, eventIdComplianceFlag: true, spliceTime: { timeSpecifiedFlag: true, ptsTime: 0x07369c02e },
        breakDuration: { autoReturn: true, duration: 0x00052ccf5 }, uniqueProgramId: 0, availNum: 0, availsExpected: 0,
      },
      [{ type: 'avail_descriptor', identifier: CUEI_IDENTIFIER, providerAvailId: 0x00000135 }],
    ),
  },
  {
    name: 'sample-14.3-time-signal-placement-opportunity-end',
    source: `${SPEC}.3, rebuilt from the printed fields (time_signal, Provider Placement Opportunity End, TI UPID)`,
    section: section(timeSignal(0x0746290a0), [
      seg({ ...restricted, webDeliveryAllowedFlag: true, segmentationEventId: 0x4800008e, segmentationUpid: TI, segmentationTypeId: 0x35, segmentNum: 2, segmentsExpected: 0 }),
    ]),
  },
  upidCase(0x00, 'not-used-zero-length', bytesUpid(0x00, ''), 'Not Used, zero-length UPID'),
  upidCase(0x01, 'user-defined', textUpid(0x01, 'house-id-42'), 'User Defined, deprecated'),
  upidCase(0x02, 'isci', textUpid(0x02, 'ABCD1234'), 'ISCI, 8 characters, deprecated'),
  upidCase(0x03, 'ad-id', textUpid(0x03, 'ABCD0001000H'), 'Ad-ID, 12 characters'),
  upidCase(0x04, 'umid', bytesUpid(0x04, '060a2b340101010501010d4313000000fa4b2a4a8d5e4b5e9a2c4f3a1b2c3d4e'), 'UMID, SMPTE 330M, 32 bytes'),
  upidCase(0x05, 'isan-deprecated', bytesUpid(0x05, '0000000123456789'), 'ISAN, deprecated 8-byte form'),
  upidCase(0x06, 'v-isan', bytesUpid(0x06, '0000000123450000abcd0000'), 'V-ISAN, 12 bytes'),
  upidCase(0x07, 'tid', textUpid(0x07, 'MV0000012345'), 'Tribune TID, 12 characters'),
  upidCase(0x08, 'ti', TI, 'Turner Identifier, 8 bytes'),
  upidCase(0x09, 'adi', textUpid(0x09, 'PREVIEW:provider.com/asset123'), 'CableLabs ADI'),
  upidCase(0x0a, 'eidr', bytesUpid(0x0a, '14778be5e3f6000000000000'), 'EIDR compact binary, 12 bytes'),
  upidCase(0x0b, 'atsc-content-identifier', { kind: 'atsc', segmentationUpidType: 0x0b, tsid: 0x1234, endOfDay: 5, uniqueFor: 300, contentId: new TextEncoder().encode('ATSC-CID') }, 'ATSC A/57B content identifier'),
  upidCase(0x0c, 'mpu', { kind: 'mpu', segmentationUpidType: 0x0c, formatIdentifier: 0x44495343, privateData: new TextEncoder().encode('YMWF0452000H') }, 'MPU with format_identifier DISC'),
  upidCase(0x0d, 'mid-with-ti-and-adi', { kind: 'mid', segmentationUpidType: 0x0d, upids: [TI, textUpid(0x09, 'SIGNAL:abc123')] }, 'MID holding a TI and an ADI'),
  upidCase(0x0e, 'ads', textUpid(0x0e, 'availid=914866065&bitmap=&inactivity=3120'), 'ADS information'),
  upidCase(0x0f, 'uri', textUpid(0x0f, 'urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6'), 'URI'),
  upidCase(0x10, 'uuid', bytesUpid(0x10, 'f81d4fae7dec11d0a76500a0c91e6bf6'), 'UUID, 16 bytes'),
  upidCase(0x11, 'scr', textUpid(0x11, 'SCR-0001'), 'SCR'),
  upidCase(0x12, 'reserved-type-kept-as-bytes', bytesUpid(0x12, 'deadbeef'), 'reserved type'),
  upidCase(0x0d, 'mid-with-eidr-ads-and-empty-entries', { kind: 'mid', segmentationUpidType: 0x0d, upids: [bytesUpid(0x0a, '1477f9b97b34000000000000'), textUpid(0x0e, 'type=LA'), bytesUpid(0xc7, ''), bytesUpid(0x00, '')] }, 'MID with zero-length entries'),
  {
    name: 'time-signal-pts-time-2-pow-33-minus-1',
    source: 'Constructed: the largest 33-bit pts_time (8589934591), above 2^32',
    section: section(timeSignal(2 ** 33 - 1)),
  },
  {
    name: 'pts-adjustment-wraps-past-2-pow-33',
    source: 'Constructed: pts_adjustment 2^33-90000 with pts_time 180000; pts_time + pts_adjustment wraps to 90000 (§9.6.1)',
    section: section(timeSignal(180000), [seg({ segmentationTypeId: 0x22, segmentationUpid: bytesUpid(0, ''), segmentationDuration: 2700000 })], { ptsAdjustment: 2 ** 33 - 90000 }),
  },
  {
    name: 'time-signal-without-time',
    source: 'Constructed: time_signal with time_specified_flag 0 (§9.8.1)',
    section: section(timeSignal()),
  },
  {
    name: 'splice-insert-component-mode',
    source: 'Constructed: splice_insert with program_splice_flag 0, three components with their own splice_time (§9.7.3)',
    section: section({
      type: 'splice_insert', spliceEventId: 7, spliceEventCancelIndicator: false, outOfNetworkIndicator: true, programSpliceFlag: false, durationFlag: true,
      spliceImmediateFlag: false, eventIdComplianceFlag: true,
      components: [{ componentTag: 1, spliceTime: { timeSpecifiedFlag: true, ptsTime: 900000 } }, { componentTag: 2, spliceTime: { timeSpecifiedFlag: true, ptsTime: 900900 } }, { componentTag: 3, spliceTime: { timeSpecifiedFlag: false } }],
      breakDuration: { autoReturn: false, duration: 2700000 }, uniqueProgramId: 100, availNum: 1, availsExpected: 2,
    }),
  },
  {
    name: 'splice-insert-component-mode-immediate',
    source: 'Constructed: splice_insert, program_splice_flag 0 and splice_immediate_flag 1: components carry no splice_time (§9.7.3)',
    section: section({
      type: 'splice_insert', spliceEventId: 8, spliceEventCancelIndicator: false, outOfNetworkIndicator: false, programSpliceFlag: false, durationFlag: false,
      spliceImmediateFlag: true, eventIdComplianceFlag: true, components: [{ componentTag: 0x21 }, { componentTag: 0x22 }], uniqueProgramId: 1, availNum: 0, availsExpected: 0,
    }),
  },
  {
    name: 'splice-insert-program-immediate-out',
    source: 'Constructed: splice_insert program mode with splice_immediate_flag 1 (no splice_time) and a 30 s auto-return break',
    section: section({
      type: 'splice_insert', spliceEventId: 9, spliceEventCancelIndicator: false, outOfNetworkIndicator: true, programSpliceFlag: true, durationFlag: true,
      spliceImmediateFlag: true, eventIdComplianceFlag: true, breakDuration: { autoReturn: true, duration: 2700000 }, uniqueProgramId: 2, availNum: 1, availsExpected: 1,
    }),
  },
  {
    name: 'splice-insert-event-cancel',
    source: 'Constructed: splice_insert with splice_event_cancel_indicator 1: nothing follows the cancel byte (§9.7.3)',
    section: section({ type: 'splice_insert', spliceEventId: 10, spliceEventCancelIndicator: true }),
  },
  {
    name: 'segmentation-delivery-restricted-flags-all-clear',
    source: 'Constructed: delivery_not_restricted_flag 0 with web/regional/archive flags 0 and device_restrictions 0 (§10.3.3)',
    section: section(timeSignal(1000), [seg({ segmentationTypeId: 0x30, segmentationUpid: TI, deliveryNotRestrictedFlag: false, webDeliveryAllowedFlag: false, noRegionalBlackoutFlag: false, archiveAllowedFlag: false, deviceRestrictions: 0 })]),
  },
  {
    name: 'segmentation-delivery-restricted-flags-all-set',
    source: 'Constructed: delivery_not_restricted_flag 0 with every restriction flag 1 and device_restrictions 2',
    section: section(timeSignal(1000), [seg({ segmentationTypeId: 0x31, segmentationUpid: TI, deliveryNotRestrictedFlag: false, webDeliveryAllowedFlag: true, noRegionalBlackoutFlag: true, archiveAllowedFlag: true, deviceRestrictions: 2 })]),
  },
  {
    name: 'segmentation-event-cancel-indicator',
    source: 'Constructed: segmentation_event_cancel_indicator 1: the descriptor ends after the cancel byte (§10.3.3)',
    section: section(timeSignal(1000), [{ type: 'segmentation_descriptor', identifier: CUEI_IDENTIFIER, segmentationEventId: 77, segmentationEventCancelIndicator: true, segmentationEventIdComplianceIndicator: true }]),
  },
  {
    name: 'segmentation-component-mode',
    source: 'Constructed: program_segmentation_flag 0 with two components and their 33-bit pts_offset (§10.3.3)',
    section: section(timeSignal(1000), [seg({ segmentationTypeId: 0x22, segmentationUpid: TI, programSegmentationFlag: false, components: [{ componentTag: 1, ptsOffset: 0 }, { componentTag: 2, ptsOffset: 2 ** 33 - 1 }] })]),
  },
  ...[0x34, 0x36, 0x38, 0x3a].map((type) => ({
    name: `segmentation-type-0x${type.toString(16)}-with-sub-segments`,
    source: `Constructed: segmentation_type_id 0x${type.toString(16)}, which carries sub_segment_num/sub_segments_expected (§10.3.3)`,
    section: section(timeSignal(5000), [seg({ segmentationTypeId: type, segmentationUpid: TI, segmentationDuration: 1800000, segmentNum: 1, segmentsExpected: 2, subSegmentNum: 3, subSegmentsExpected: 4 })]),
  })),
  {
    name: 'segmentation-type-0x34-without-sub-segments',
    source: 'Constructed: a pre-2016 style 0x34 descriptor that omits the sub-segment bytes (as the §14.1 sample does)',
    section: section(timeSignal(5000), [seg({ segmentationTypeId: 0x34, segmentationUpid: TI })]),
  },
  {
    name: 'splice-null-heartbeat',
    source: 'Constructed: splice_null, no descriptors (§9.7.1)',
    section: section({ type: 'splice_null' }),
  },
  {
    name: 'bandwidth-reservation',
    source: 'Constructed: bandwidth_reservation (§9.7.5)',
    section: section({ type: 'bandwidth_reservation' }),
  },
  {
    name: 'private-command',
    source: 'Constructed: private_command with identifier "ABCD" and four private bytes (§9.7.6)',
    section: section({ type: 'private_command', identifier: 0x41424344, privateBytes: Uint8Array.of(1, 2, 3, 4) }),
  },
  {
    name: 'splice-schedule-program-component-and-cancel',
    source: 'Constructed: splice_schedule with a program event with break_duration, a component event and a cancelled event (§9.7.2)',
    section: section({
      type: 'splice_schedule',
      events: [
        { spliceEventId: 1, spliceEventCancelIndicator: false, outOfNetworkIndicator: true, programSpliceFlag: true, durationFlag: true, utcSpliceTime: 1400000000, breakDuration: { autoReturn: true, duration: 5400000 }, uniqueProgramId: 5, availNum: 1, availsExpected: 2 },
        { spliceEventId: 2, spliceEventCancelIndicator: false, outOfNetworkIndicator: false, programSpliceFlag: false, durationFlag: false, components: [{ componentTag: 1, utcSpliceTime: 1400000060 }], uniqueProgramId: 5, availNum: 2, availsExpected: 2 },
        { spliceEventId: 3, spliceEventCancelIndicator: true },
      ],
    }),
  },
  {
    name: 'descriptors-avail-dtmf-time-audio',
    source: 'Constructed: splice_null carrying avail, DTMF, time and audio descriptors (§10.3.1, §10.3.2, §10.3.4, §10.3.5)',
    section: section({ type: 'splice_null' }, [
      { type: 'avail_descriptor', identifier: CUEI_IDENTIFIER, providerAvailId: 309 },
      { type: 'dtmf_descriptor', identifier: CUEI_IDENTIFIER, preroll: 80, dtmfChars: '519*' },
      { type: 'time_descriptor', identifier: CUEI_IDENTIFIER, taiSeconds: 1700000037, taiNs: 500000000, utcOffset: 37 },
      { type: 'audio_descriptor', identifier: CUEI_IDENTIFIER, components: [{ componentTag: 1, isoCode: 'eng', bitStreamMode: 0, numChannels: 2, fullSrvcAudio: true }, { componentTag: 2, isoCode: 'spa', bitStreamMode: 2, numChannels: 5, fullSrvcAudio: false }] },
    ]),
  },
  {
    name: 'private-descriptor-non-cuei-kept-raw',
    source: 'Constructed: a descriptor with identifier "SAPS" (not CUEI) before a segmentation descriptor; kept as raw bytes (§10.2)',
    section: section(timeSignal(1000), [
      { type: 'private_descriptor', spliceDescriptorTag: 0, identifier: 0x53415053, privateBytes: Uint8Array.of(0x0b) },
      seg({ segmentationTypeId: 0x31, segmentationUpid: textUpid(0x0f, 'urn:example:1') }),
    ]),
  },
  {
    name: 'legacy-splice-command-length-0xfff',
    source: 'Constructed: splice_command_length 0xFFF (pre-2013 "not given"), kept on re-encode (§9.6.1)',
    section: section(timeSignal(1000), [], { spliceCommandLength: 0xfff }),
  },
  {
    name: 'alignment-stuffing-three-bytes',
    source: 'Constructed: three 0xFF alignment_stuffing bytes between the descriptor loop and CRC_32 (§9.6)',
    section: section(timeSignal(1000), [], { alignmentStuffing: Uint8Array.of(0xff, 0xff, 0xff) }),
  },
  {
    name: 'reserved-bits-zero-kept',
    source: 'Constructed: reserved bits written as 0 (non-conforming encoders do this); decode keeps them so re-encoding is identical',
    section: section({ type: 'time_signal', spliceTime: { timeSpecifiedFlag: true, ptsTime: 1000, reserved: 0 } }, [seg({ segmentationTypeId: 0x22, segmentationUpid: TI, reserved: 0, reserved2: 0 })]),
  },
  {
    name: 'header-fields-non-default',
    source: 'Constructed: private_indicator 1, sap_type 0, protocol_version 0, cw_index 0x01, tier 8 (§9.6.1)',
    section: section({ type: 'splice_null' }, [], { privateIndicator: true, sapType: 0, cwIndex: 1, tier: 8 }),
  },
];

/** Recomputes CRC_32 so a deliberately broken field is what the decoder trips on. */
export function withCrc(bytes: Uint8Array): Uint8Array {
  const out = bytes.slice();
  const crc = crc32Mpeg2(out, 0, out.length - 4);
  out.set([crc >>> 24, (crc >>> 16) & 0xff, (crc >>> 8) & 0xff, crc & 0xff], out.length - 4);
  return out;
}

function patched(base: Uint8Array, patches: Record<number, number>, fixCrc = true): Uint8Array {
  const out = base.slice();
  for (const [i, v] of Object.entries(patches)) out[Number(i)] = v;
  return fixCrc ? withCrc(out) : out;
}

const sample141 = encodeScte35(validCases[0]!.section);
const insert = encodeScte35(validCases.find((c) => c.name === 'splice-insert-component-mode')!.section);
const midSection = encodeScte35(validCases.find((c) => c.name === 'upid-0x0d-mid-with-ti-and-adi')!.section);

export const invalidCases: readonly InvalidCase[] = [
  { name: 'empty-message', source: 'Constructed: empty text', input: { base64: '' }, expectedError: { code: 'SCTE35_TRUNCATED', offset: 0 } },
  { name: 'not-base64', source: 'Constructed: "%" is not a base64 character', input: { base64: '/DBaf%^' }, expectedError: { code: 'SCTE35_BAD_ENCODING', offset: 5 } },
  { name: 'hex-with-bad-digit', source: 'Constructed: 0x-prefixed hex with a "g"', input: { hex: '0xfc30g1' }, expectedError: { code: 'SCTE35_BAD_ENCODING', offset: 6 } },
  { name: 'bad-table-id', source: 'Constructed: sample 14.1 with table_id 0xFD', input: { bytes: patched(sample141, { 0: 0xfd }) }, expectedError: { code: 'SCTE35_BAD_TABLE_ID', offset: 0 } },
  { name: 'crc-mismatch', source: 'Constructed: sample 14.1 with the last CRC byte changed', input: { bytes: patched(sample141, { [sample141.length - 1]: 0x7f }, false) }, expectedError: { code: 'SCTE35_CRC_MISMATCH', offset: sample141.length - 4 } },
  { name: 'truncated-section-length-overrun', source: 'Constructed: sample 14.1 cut to 40 bytes', input: { bytes: sample141.subarray(0, 40) }, expectedError: { code: 'SCTE35_LENGTH_OVERRUN', offset: 1 } },
  { name: 'section-length-below-minimum', source: 'Constructed: section_length 10', input: { hex: 'fc300a000000000000fffff00000' }, expectedError: { code: 'SCTE35_INVALID_FIELD', offset: 1 } },
  { name: 'encrypted-packet', source: 'Constructed: sample 14.1 with encrypted_packet set (DES-ECB)', input: { bytes: patched(sample141, { 4: 0x82 }) }, expectedError: { code: 'SCTE35_ENCRYPTED', offset: 4 } },
  { name: 'reserved-command-type', source: 'Constructed: splice_command_type 0x01 (reserved)', input: { bytes: patched(sample141, { 13: 0x01 }) }, expectedError: { code: 'SCTE35_UNKNOWN_COMMAND', offset: 13 } },
  { name: 'splice-command-length-overrun', source: 'Constructed: splice_command_length 0x0FF past the section end', input: { bytes: patched(sample141, { 11: 0xf0, 12: 0xff }) }, expectedError: { code: 'SCTE35_LENGTH_OVERRUN', offset: 11 } },
  { name: 'descriptor-loop-length-overrun', source: 'Constructed: descriptor_loop_length 0x00FF', input: { bytes: patched(sample141, { 19: 0x00, 20: 0xff }) }, expectedError: { code: 'SCTE35_LENGTH_OVERRUN', offset: 19 } },
  { name: 'descriptor-length-overrun', source: 'Constructed: descriptor_length 0x40 past the descriptor loop', input: { bytes: patched(sample141, { 22: 0x40 }) }, expectedError: { code: 'SCTE35_LENGTH_OVERRUN', offset: 22 } },
  { name: 'descriptor-length-below-identifier', source: 'Constructed: descriptor_length 2 cannot hold the identifier', input: { bytes: patched(sample141, { 20: 0x04, 22: 0x02 }) }, expectedError: { code: 'SCTE35_INVALID_FIELD', offset: 22 } },
  { name: 'segmentation-upid-length-overrun', source: 'Constructed: segmentation_upid_length 0x30 in sample 14.1', input: { bytes: patched(sample141, { 39: 0x30 }) }, expectedError: { code: 'SCTE35_LENGTH_OVERRUN', offset: 39 } },
  { name: 'splice-insert-component-count-past-command', source: 'Constructed: component_count 200 in a 3-component splice_insert', input: { bytes: patched(insert, { 20: 200 }) }, expectedError: { code: 'SCTE35_TRUNCATED', offset: insert.length - 6 } },
  { name: 'mid-entry-length-overrun', source: 'Constructed: the first MID entry claims 0x40 bytes', input: { bytes: patched(midSection, { 41: 0x40 }) }, expectedError: { code: 'SCTE35_LENGTH_OVERRUN', offset: 41 } },
];
