import { BitWriter } from './bit-writer.js';
import { toHex } from './encoding.js';
import { segmentationTypeName } from './segmentation-types.js';
import { formatUpid, segmentationUpidTypeName, writeTypedUpid } from './segmentation-upid.js';
import { writeSpliceDescriptor } from './splice-descriptor.js';
import type {
  BreakDuration,
  SegmentationDescriptor,
  SegmentationUpid,
  SpliceCommand,
  SpliceDescriptor,
  SpliceInfoSection,
  SpliceScheduleEvent,
  SpliceTime,
} from './types.js';

export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/**
 * The JSON form of a decoded message, shared by `interlude scte35` and the service. Keys are the
 * spec's syntax element names in snake_case; every 90 kHz time `x` appears twice, as `x_ticks`
 * (integer) and `x` (seconds, 6 decimals). Fields the syntax leaves out are left out.
 */
export interface Scte35Json {
  readonly info_section: JsonObject;
  readonly command: JsonObject;
  readonly descriptors: readonly JsonObject[];
  readonly crc_ok: boolean;
}

/** ticks / 90000, rounded to 6 decimals. */
export function ticksToSeconds(ticks: number): number {
  return Number((ticks / 90000).toFixed(6));
}

function time(out: JsonObject, name: string, ticks: number | undefined): void {
  if (ticks === undefined) return;
  out[`${name}_ticks`] = ticks;
  out[name] = ticksToSeconds(ticks);
}

function put(out: JsonObject, key: string, value: JsonValue | undefined): void {
  if (value !== undefined) out[key] = value;
}

function identifierJson(identifier: number): JsonValue {
  const chars = [24, 16, 8, 0].map((s) => (identifier >>> s) & 0xff);
  return chars.every((c) => c >= 0x20 && c < 0x7f) ? String.fromCharCode(...chars) : identifier;
}

function hex(bytes: Uint8Array): string {
  return `0x${toHex(bytes)}`;
}

function spliceTimeJson(out: JsonObject, t: SpliceTime | undefined): void {
  if (t === undefined) return;
  out.time_specified_flag = t.timeSpecifiedFlag;
  time(out, 'pts_time', t.ptsTime);
}

function breakDurationJson(d: BreakDuration): JsonObject {
  const out: JsonObject = { auto_return: d.autoReturn };
  time(out, 'duration', d.duration);
  return out;
}

function scheduleEventJson(e: SpliceScheduleEvent): JsonObject {
  const out: JsonObject = { splice_event_id: e.spliceEventId, splice_event_cancel_indicator: e.spliceEventCancelIndicator };
  if (e.spliceEventCancelIndicator) return out;
  put(out, 'out_of_network_indicator', e.outOfNetworkIndicator);
  put(out, 'program_splice_flag', e.programSpliceFlag);
  put(out, 'duration_flag', e.durationFlag);
  put(out, 'utc_splice_time', e.utcSpliceTime);
  if (e.components !== undefined) {
    out.component_count = e.components.length;
    out.components = e.components.map((c) => ({ component_tag: c.componentTag, utc_splice_time: c.utcSpliceTime }));
  }
  if (e.breakDuration !== undefined) out.break_duration = breakDurationJson(e.breakDuration);
  put(out, 'unique_program_id', e.uniqueProgramId);
  put(out, 'avail_num', e.availNum);
  put(out, 'avails_expected', e.availsExpected);
  return out;
}

/** The JSON form of a splice command (without the header's splice_command_type). */
export function commandJson(command: SpliceCommand): JsonObject {
  const out: JsonObject = { splice_command_name: command.type };
  switch (command.type) {
    case 'splice_null':
    case 'bandwidth_reservation':
      return out;
    case 'time_signal':
      spliceTimeJson(out, command.spliceTime);
      return out;
    case 'private_command':
      out.identifier = identifierJson(command.identifier);
      out.private_bytes = hex(command.privateBytes);
      return out;
    case 'splice_schedule':
      out.splice_count = command.events.length;
      out.events = command.events.map(scheduleEventJson);
      return out;
    case 'splice_insert': {
      out.splice_event_id = command.spliceEventId;
      out.splice_event_cancel_indicator = command.spliceEventCancelIndicator;
      if (command.spliceEventCancelIndicator) return out;
      put(out, 'out_of_network_indicator', command.outOfNetworkIndicator);
      put(out, 'program_splice_flag', command.programSpliceFlag);
      put(out, 'duration_flag', command.durationFlag);
      put(out, 'splice_immediate_flag', command.spliceImmediateFlag);
      put(out, 'event_id_compliance_flag', command.eventIdComplianceFlag);
      spliceTimeJson(out, command.spliceTime);
      if (command.components !== undefined) {
        out.component_count = command.components.length;
        out.components = command.components.map((c) => {
          const comp: JsonObject = { component_tag: c.componentTag };
          spliceTimeJson(comp, c.spliceTime);
          return comp;
        });
      }
      if (command.breakDuration !== undefined) out.break_duration = breakDurationJson(command.breakDuration);
      put(out, 'unique_program_id', command.uniqueProgramId);
      put(out, 'avail_num', command.availNum);
      put(out, 'avails_expected', command.availsExpected);
      return out;
    }
  }
}

function upidLength(upid: SegmentationUpid): number {
  const w = new BitWriter();
  writeTypedUpid(w, upid);
  return w.finish().length - 2;
}

function upidValueJson(upid: SegmentationUpid): JsonValue {
  switch (upid.kind) {
    case 'bytes':
      return formatUpid(upid);
    case 'atsc':
      return { tsid: upid.tsid, end_of_day: upid.endOfDay, unique_for: upid.uniqueFor, content_id: hex(upid.contentId) };
    case 'mpu':
      return { format_identifier: upid.formatIdentifier, format_identifier_text: identifierJson(upid.formatIdentifier), private_data: hex(upid.privateData) };
    case 'mid':
      return upid.upids.map(upidJson);
  }
}

/** segmentation_upid_type, its name, segmentation_upid_length and segmentation_upid. */
export function upidJson(upid: SegmentationUpid): JsonObject {
  return {
    segmentation_upid_type: upid.segmentationUpidType,
    segmentation_upid_type_name: segmentationUpidTypeName(upid.segmentationUpidType),
    segmentation_upid_length: upidLength(upid),
    segmentation_upid: upidValueJson(upid),
  };
}

function segmentationJson(out: JsonObject, d: SegmentationDescriptor): void {
  out.segmentation_event_id = d.segmentationEventId;
  out.segmentation_event_cancel_indicator = d.segmentationEventCancelIndicator;
  out.segmentation_event_id_compliance_indicator = d.segmentationEventIdComplianceIndicator;
  if (d.segmentationEventCancelIndicator) return;
  put(out, 'program_segmentation_flag', d.programSegmentationFlag);
  put(out, 'segmentation_duration_flag', d.segmentationDurationFlag);
  put(out, 'delivery_not_restricted_flag', d.deliveryNotRestrictedFlag);
  put(out, 'web_delivery_allowed_flag', d.webDeliveryAllowedFlag);
  put(out, 'no_regional_blackout_flag', d.noRegionalBlackoutFlag);
  put(out, 'archive_allowed_flag', d.archiveAllowedFlag);
  put(out, 'device_restrictions', d.deviceRestrictions);
  if (d.components !== undefined) {
    out.component_count = d.components.length;
    out.components = d.components.map((c) => {
      const comp: JsonObject = { component_tag: c.componentTag };
      time(comp, 'pts_offset', c.ptsOffset);
      return comp;
    });
  }
  time(out, 'segmentation_duration', d.segmentationDuration);
  if (d.segmentationUpid !== undefined) Object.assign(out, upidJson(d.segmentationUpid));
  if (d.segmentationTypeId !== undefined) {
    out.segmentation_type_id = d.segmentationTypeId;
    out.segmentation_type_name = segmentationTypeName(d.segmentationTypeId);
  }
  put(out, 'segment_num', d.segmentNum);
  put(out, 'segments_expected', d.segmentsExpected);
  put(out, 'sub_segment_num', d.subSegmentNum);
  put(out, 'sub_segments_expected', d.subSegmentsExpected);
}

/** The JSON form of one splice descriptor, with its encoded tag and descriptor_length. */
export function descriptorJson(d: SpliceDescriptor): JsonObject {
  const w = new BitWriter();
  writeSpliceDescriptor(w, d);
  const encoded = w.finish();
  const out: JsonObject = {
    splice_descriptor_tag: encoded[0] ?? 0,
    splice_descriptor_name: d.type,
    descriptor_length: encoded[1] ?? 0,
    identifier: identifierJson(d.identifier),
  };
  switch (d.type) {
    case 'private_descriptor':
      out.private_bytes = hex(d.privateBytes);
      return out;
    case 'avail_descriptor':
      out.provider_avail_id = d.providerAvailId;
      break;
    case 'dtmf_descriptor':
      out.preroll = d.preroll;
      out.dtmf_count = d.dtmfChars.length;
      out.dtmf_chars = d.dtmfChars;
      break;
    case 'time_descriptor':
      out.tai_seconds = d.taiSeconds;
      out.tai_ns = d.taiNs;
      out.utc_offset = d.utcOffset;
      break;
    case 'audio_descriptor':
      out.audio_count = d.components.length;
      out.components = d.components.map((c) => ({
        component_tag: c.componentTag,
        iso_code: c.isoCode,
        bit_stream_mode: c.bitStreamMode,
        num_channels: c.numChannels,
        full_srvc_audio: c.fullSrvcAudio,
      }));
      break;
    case 'segmentation_descriptor':
      segmentationJson(out, d);
      break;
  }
  if (d.trailingBytes !== undefined) out.trailing_bytes = hex(d.trailingBytes);
  return out;
}

/**
 * The JSON form of a decoded section. `crcOk` is whether CRC_32 verified (false only for sections
 * decoded with `ignoreCrc`).
 */
export function scte35ToJson(section: SpliceInfoSection, crcOk = true): Scte35Json {
  const info: JsonObject = {
    table_id: section.tableId,
    section_syntax_indicator: section.sectionSyntaxIndicator,
    private_indicator: section.privateIndicator,
    sap_type: section.sapType,
    section_length: section.sectionLength,
    protocol_version: section.protocolVersion,
    encrypted_packet: section.encryptedPacket,
    encryption_algorithm: section.encryptionAlgorithm,
  };
  time(info, 'pts_adjustment', section.ptsAdjustment);
  info.cw_index = section.cwIndex;
  info.tier = section.tier;
  info.splice_command_length = section.spliceCommandLength;
  info.splice_command_type = section.spliceCommandType;
  info.descriptor_loop_length = section.descriptorLoopLength;
  if (section.spliceCommandTrailingBytes !== undefined) info.splice_command_trailing_bytes = hex(section.spliceCommandTrailingBytes);
  if (section.alignmentStuffing !== undefined) info.alignment_stuffing = hex(section.alignmentStuffing);
  info.crc_32 = `0x${section.crc32.toString(16).padStart(8, '0')}`;
  return {
    info_section: info,
    command: commandJson(section.spliceCommand),
    descriptors: section.spliceDescriptors.map(descriptorJson),
    crc_ok: crcOk,
  };
}
