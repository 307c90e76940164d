import type { BitReader } from './bit-reader.js';
import { keptReserved, type BitWriter } from './bit-writer.js';
import { readBreakDuration, writeBreakDuration } from './break-duration.js';
import { defined } from './fields.js';
import type { SpliceSchedule, SpliceScheduleComponent, SpliceScheduleEvent } from './types.js';

/**
 * splice_schedule() — SCTE 35 2022b §9.7.2:
 * splice_count(8) { splice_event_id(32) splice_event_cancel_indicator(1) reserved(7)
 *   if !cancel: out_of_network_indicator(1) program_splice_flag(1) duration_flag(1) reserved(5)
 *     if program: utc_splice_time(32) else component_count(8) { component_tag(8) utc_splice_time(32) }
 *     if duration: break_duration()
 *     unique_program_id(16) avail_num(8) avails_expected(8) }
 */
export function readSpliceSchedule(r: BitReader): SpliceSchedule {
  const count = r.uint(8);
  const events: SpliceScheduleEvent[] = [];
  for (let i = 0; i < count && r.error === undefined; i++) events.push(readEvent(r));
  return { type: 'splice_schedule', events };
}

function readEvent(r: BitReader): SpliceScheduleEvent {
  const spliceEventId = r.uint(32);
  const spliceEventCancelIndicator = r.flag();
  const reserved = keptReserved(r.uint(7), 7);
  if (spliceEventCancelIndicator) return defined({ spliceEventId, spliceEventCancelIndicator, reserved });
  const outOfNetworkIndicator = r.flag();
  const programSpliceFlag = r.flag();
  const durationFlag = r.flag();
  const reserved2 = keptReserved(r.uint(5), 5);
  let utcSpliceTime: number | undefined;
  let components: SpliceScheduleComponent[] | undefined;
  if (programSpliceFlag) {
    utcSpliceTime = r.uint(32);
  } else {
    const n = r.uint(8);
    components = [];
    for (let j = 0; j < n && r.error === undefined; j++) {
      components.push({ componentTag: r.uint(8), utcSpliceTime: r.uint(32) });
    }
  }
  const breakDuration = durationFlag ? readBreakDuration(r) : undefined;
  return defined({
    spliceEventId,
    spliceEventCancelIndicator,
    reserved,
    outOfNetworkIndicator,
    programSpliceFlag,
    durationFlag,
    reserved2,
    utcSpliceTime,
    components,
    breakDuration,
    uniqueProgramId: r.uint(16),
    availNum: r.uint(8),
    availsExpected: r.uint(8),
  });
}

/** Writes a splice_schedule; duration_flag follows the presence of `breakDuration`. */
export function writeSpliceSchedule(w: BitWriter, c: SpliceSchedule): void {
  w.uint(8, c.events.length);
  for (const e of c.events) {
    w.uint(32, e.spliceEventId);
    w.flag(e.spliceEventCancelIndicator);
    w.reserved(7, e.reserved);
    if (e.spliceEventCancelIndicator) continue;
    const program = e.programSpliceFlag ?? e.components === undefined;
    w.flag(e.outOfNetworkIndicator);
    w.flag(program);
    w.flag(e.breakDuration !== undefined);
    w.reserved(5, e.reserved2);
    if (program) {
      w.uint(32, e.utcSpliceTime ?? 0);
    } else {
      const components = e.components ?? [];
      w.uint(8, components.length);
      for (const comp of components) {
        w.uint(8, comp.componentTag);
        w.uint(32, comp.utcSpliceTime);
      }
    }
    if (e.breakDuration !== undefined) writeBreakDuration(w, e.breakDuration);
    w.uint(16, e.uniqueProgramId ?? 0);
    w.uint(8, e.availNum ?? 0);
    w.uint(8, e.availsExpected ?? 0);
  }
}
