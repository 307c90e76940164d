import type { BitReader } from './bit-reader.js';
import { keptReserved, type BitWriter } from './bit-writer.js';
import { defined } from './fields.js';
import { readTypedUpid, writeTypedUpid } from './segmentation-upid.js';
import type { SegmentationComponent, SegmentationDescriptor, SegmentationUpid } from './types.js';

/**
 * segmentation_descriptor() — SCTE 35 2022b §10.3.3, after the identifier:
 * segmentation_event_id(32) segmentation_event_cancel_indicator(1)
 * segmentation_event_id_compliance_indicator(1) reserved(6)
 * if !cancel:
 *   program_segmentation_flag(1) segmentation_duration_flag(1) delivery_not_restricted_flag(1)
 *   if !delivery_not_restricted: web_delivery_allowed_flag(1) no_regional_blackout_flag(1)
 *     archive_allowed_flag(1) device_restrictions(2)  else reserved(5)
 *   if !program_segmentation: component_count(8) { component_tag(8) reserved(7) pts_offset(33) }
 *   if segmentation_duration_flag: segmentation_duration(40)
 *   segmentation_upid_type(8) segmentation_upid_length(8) segmentation_upid()
 *   segmentation_type_id(8) segment_num(8) segments_expected(8)
 *   if type is 0x34, 0x36, 0x38 or 0x3A: sub_segment_num(8) sub_segments_expected(8)
 *
 * The sub-segment pair is read whenever two bytes remain, whatever the type: pre-2016 encoders
 * omit it for the types that call for it, and some encoders send it for others (the scte35-go
 * "unused subsegments" case); either way the bytes survive a round trip.
 */
export function readSegmentationDescriptor(r: BitReader, identifier: number): SegmentationDescriptor {
  const segmentationEventId = r.uint(32);
  const segmentationEventCancelIndicator = r.flag();
  const segmentationEventIdComplianceIndicator = r.flag();
  const reserved = keptReserved(r.uint(6), 6);
  const head = {
    type: 'segmentation_descriptor' as const,
    identifier,
    segmentationEventId,
    segmentationEventCancelIndicator,
    segmentationEventIdComplianceIndicator,
    reserved,
  };
  if (segmentationEventCancelIndicator) return defined(head);

  const programSegmentationFlag = r.flag();
  const segmentationDurationFlag = r.flag();
  const deliveryNotRestrictedFlag = r.flag();
  const restrictions = deliveryNotRestrictedFlag
    ? { reserved2: keptReserved(r.uint(5), 5) }
    : {
        webDeliveryAllowedFlag: r.flag(),
        noRegionalBlackoutFlag: r.flag(),
        archiveAllowedFlag: r.flag(),
        deviceRestrictions: r.uint(2),
      };
  let components: SegmentationComponent[] | undefined;
  if (!programSegmentationFlag) {
    const count = r.uint(8);
    components = [];
    for (let i = 0; i < count && r.error === undefined; i++) {
      const componentTag = r.uint(8);
      const compReserved = keptReserved(r.uint(7), 7);
      components.push(defined({ componentTag, ptsOffset: r.uint(33), reserved: compReserved }));
    }
  }
  const segmentationDuration = segmentationDurationFlag ? r.uint(40) : undefined;
  const segmentationUpid = readTypedUpid(r);
  const segmentationTypeId = r.uint(8);
  const segmentNum = r.uint(8);
  const segmentsExpected = r.uint(8);
  const hasSub = r.remainingBytes >= 2;
  return defined({
    ...head,
    programSegmentationFlag,
    segmentationDurationFlag,
    deliveryNotRestrictedFlag,
    ...restrictions,
    components,
    segmentationDuration,
    segmentationUpid,
    segmentationTypeId,
    segmentNum,
    segmentsExpected,
    subSegmentNum: hasSub ? r.uint(8) : undefined,
    subSegmentsExpected: hasSub ? r.uint(8) : undefined,
  });
}

const NO_UPID: SegmentationUpid = { kind: 'bytes', segmentationUpidType: 0, bytes: new Uint8Array(0) };

/**
 * Writes the descriptor body. The flags that announce optional fields (program_segmentation_flag,
 * segmentation_duration_flag, delivery_not_restricted_flag) follow the presence of those fields,
 * so they cannot disagree with what is written after them.
 */
export function writeSegmentationDescriptor(w: BitWriter, d: SegmentationDescriptor): void {
  w.uint(32, d.segmentationEventId);
  w.flag(d.segmentationEventCancelIndicator);
  w.flag(d.segmentationEventIdComplianceIndicator);
  w.reserved(6, d.reserved);
  if (d.segmentationEventCancelIndicator) return;
  const program = d.components === undefined;
  const restricted = d.deliveryNotRestrictedFlag === false;
  w.flag(program);
  w.flag(d.segmentationDuration !== undefined);
  w.flag(!restricted);
  if (restricted) {
    w.flag(d.webDeliveryAllowedFlag);
    w.flag(d.noRegionalBlackoutFlag);
    w.flag(d.archiveAllowedFlag);
    w.uint(2, d.deviceRestrictions ?? 0);
  } else {
    w.reserved(5, d.reserved2);
  }
  if (d.components !== undefined) {
    w.uint(8, d.components.length);
    for (const c of d.components) {
      w.uint(8, c.componentTag);
      w.reserved(7, c.reserved);
      w.uint(33, c.ptsOffset);
    }
  }
  if (d.segmentationDuration !== undefined) w.uint(40, d.segmentationDuration);
  writeTypedUpid(w, d.segmentationUpid ?? NO_UPID);
  w.uint(8, d.segmentationTypeId ?? 0);
  w.uint(8, d.segmentNum ?? 0);
  w.uint(8, d.segmentsExpected ?? 0);
  if (d.subSegmentNum !== undefined || d.subSegmentsExpected !== undefined) {
    w.uint(8, d.subSegmentNum ?? 0);
    w.uint(8, d.subSegmentsExpected ?? 0);
  }
}
