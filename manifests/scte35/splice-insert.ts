import type { BitReader } from './bit-reader.js';
import { keptReserved, type BitWriter } from './bit-writer.js';
import { readBreakDuration, writeBreakDuration } from './break-duration.js';
import { defined } from './fields.js';
import { readSpliceTime, writeSpliceTime } from './splice-time.js';
import type { SpliceInsert, SpliceInsertComponent } from './types.js';

/**
 * splice_insert() — SCTE 35 2022b §9.7.3:
 * splice_event_id(32) splice_event_cancel_indicator(1) reserved(7)
 * if !cancel: out_of_network_indicator(1) program_splice_flag(1) duration_flag(1)
 *   splice_immediate_flag(1) event_id_compliance_flag(1) reserved(3)
 *   if program && !immediate: splice_time()
 *   if !program: component_count(8) { component_tag(8) if !immediate: splice_time() }
 *   if duration: break_duration()
 *   unique_program_id(16) avail_num(8) avails_expected(8)
 */
export function readSpliceInsert(r: BitReader): SpliceInsert {
  const spliceEventId = r.uint(32);
  const spliceEventCancelIndicator = r.flag();
  const reserved = keptReserved(r.uint(7), 7);
  if (spliceEventCancelIndicator) {
    return defined({ type: 'splice_insert', spliceEventId, spliceEventCancelIndicator, reserved });
  }
  const outOfNetworkIndicator = r.flag();
  const programSpliceFlag = r.flag();
  const durationFlag = r.flag();
  const spliceImmediateFlag = r.flag();
  const eventIdComplianceFlag = r.flag();
  const reserved2 = keptReserved(r.uint(3), 3);
  const spliceTime = programSpliceFlag && !spliceImmediateFlag ? readSpliceTime(r) : undefined;
  let components: SpliceInsertComponent[] | undefined;
  if (!programSpliceFlag) {
    const count = r.uint(8);
    components = [];
    for (let i = 0; i < count && r.error === undefined; i++) {
      const componentTag = r.uint(8);
      components.push(spliceImmediateFlag ? { componentTag } : { componentTag, spliceTime: readSpliceTime(r) });
    }
  }
  const breakDuration = durationFlag ? readBreakDuration(r) : undefined;
  return defined({
    type: 'splice_insert',
    spliceEventId,
    spliceEventCancelIndicator,
    reserved,
    outOfNetworkIndicator,
    programSpliceFlag,
    durationFlag,
    spliceImmediateFlag,
    eventIdComplianceFlag,
    reserved2,
    spliceTime,
    components,
    breakDuration,
    uniqueProgramId: r.uint(16),
    availNum: r.uint(8),
    availsExpected: r.uint(8),
  });
}

/**
 * Writes a splice_insert. duration_flag is written as "breakDuration is present" and
 * program_splice_flag as given (default: program mode unless `components` is set), so the flags
 * can never disagree with the fields that follow them.
 */
export function writeSpliceInsert(w: BitWriter, c: SpliceInsert): void {
  w.uint(32, c.spliceEventId);
  w.flag(c.spliceEventCancelIndicator);
  w.reserved(7, c.reserved);
  if (c.spliceEventCancelIndicator) return;
  const program = c.programSpliceFlag ?? c.components === undefined;
  const immediate = c.spliceImmediateFlag === true;
  w.flag(c.outOfNetworkIndicator);
  w.flag(program);
  w.flag(c.breakDuration !== undefined);
  w.flag(immediate);
  w.flag(c.eventIdComplianceFlag);
  w.reserved(3, c.reserved2);
  if (program && !immediate) writeSpliceTime(w, c.spliceTime ?? { timeSpecifiedFlag: false });
  if (!program) {
    const components = c.components ?? [];
    w.uint(8, components.length);
    for (const comp of components) {
      w.uint(8, comp.componentTag);
      if (!immediate) writeSpliceTime(w, comp.spliceTime ?? { timeSpecifiedFlag: false });
    }
  }
  if (c.breakDuration !== undefined) writeBreakDuration(w, c.breakDuration);
  w.uint(16, c.uniqueProgramId ?? 0);
  w.uint(8, c.availNum ?? 0);
  w.uint(8, c.availsExpected ?? 0);
}
