import { defined } from './fields.js';
import { BREAK_END_SEGMENTATION_TYPES, BREAK_START_SEGMENTATION_TYPES } from './segmentation-types.js';
import { formatUpid } from './segmentation-upid.js';
import type { SegmentationDescriptor, SpliceInfoSection, SpliceSummary, SpliceTime } from './types.js';

const PTS_MODULUS = 2 ** 33;

/** pts_time + pts_adjustment modulo 2^33 (SCTE 35 2022b §9.6.1, pts_adjustment). */
function adjusted(time: SpliceTime | undefined, ptsAdjustment: number): number | undefined {
  if (time?.ptsTime === undefined) return undefined;
  return (time.ptsTime + ptsAdjustment) % PTS_MODULUS;
}

function segmentationDescriptors(section: SpliceInfoSection): SegmentationDescriptor[] {
  return section.spliceDescriptors.filter(
    (d): d is SegmentationDescriptor => d.type === 'segmentation_descriptor' && !d.segmentationEventCancelIndicator,
  );
}

function isBreakBoundary(d: SegmentationDescriptor): boolean {
  const id = d.segmentationTypeId ?? -1;
  return BREAK_START_SEGMENTATION_TYPES.has(id) || BREAK_END_SEGMENTATION_TYPES.has(id);
}

/**
 * What a cue reader needs from a message.
 *
 * - splice_insert: 'out' when out_of_network_indicator is set, 'in' when clear, 'none' when the
 *   event is cancelled. `durationTicks` is break_duration; `ptsTicks` is the program splice_time
 *   (or the first component's). A segmentation descriptor riding along contributes its UPID/type.
 * - time_signal: the first non-cancelled segmentation descriptor whose type is in
 *   BREAK_START_SEGMENTATION_TYPES ('out') or BREAK_END_SEGMENTATION_TYPES ('in') decides;
 *   `eventId` is its segmentation_event_id and `durationTicks` its segmentation_duration.
 *   Without one the kind is 'none'.
 * - any other command: 'none'.
 *
 * `ptsTicks` already includes pts_adjustment (mod 2^33); it is absent for immediate splices and
 * time_signal without a time.
 */
export function spliceSummary(section: SpliceInfoSection): SpliceSummary {
  const command = section.spliceCommand;
  switch (command.type) {
    case 'splice_insert': {
      if (command.spliceEventCancelIndicator) return { kind: 'none', eventId: command.spliceEventId };
      const seg = segmentationDescriptors(section)[0];
      return defined({
        kind: command.outOfNetworkIndicator === true ? 'out' : 'in',
        eventId: command.spliceEventId,
        durationTicks: command.breakDuration?.duration,
        ptsTicks: adjusted(command.spliceTime ?? command.components?.[0]?.spliceTime, section.ptsAdjustment),
        upid: seg?.segmentationUpid === undefined ? undefined : formatUpid(seg.segmentationUpid),
        segmentationTypeId: seg?.segmentationTypeId,
      });
    }
    case 'time_signal': {
      const ptsTicks = adjusted(command.spliceTime, section.ptsAdjustment);
      const seg = segmentationDescriptors(section).find(isBreakBoundary);
      if (seg === undefined) return defined({ kind: 'none', ptsTicks });
      const id = seg.segmentationTypeId ?? -1;
      return defined({
        kind: BREAK_START_SEGMENTATION_TYPES.has(id) ? 'out' : 'in',
        eventId: seg.segmentationEventId,
        durationTicks: seg.segmentationDuration,
        ptsTicks,
        upid: seg.segmentationUpid === undefined ? undefined : formatUpid(seg.segmentationUpid),
        segmentationTypeId: seg.segmentationTypeId,
      });
    }
    case 'splice_null':
    case 'splice_schedule':
    case 'bandwidth_reservation':
    case 'private_command':
      return { kind: 'none' };
  }
}
