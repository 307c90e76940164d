/**
 * One break per announced avail, whatever number of dialects announced it. Origins commonly
 * write two dialects for the same break (OATCLS + CUE-OUT on one segment, DATERANGE + CUE-OUT);
 * downstream must see one.
 *
 * Two breaks are the same when they name the same SCTE-35 event, or start in the same segment,
 * or start within half a second of each other (two estimates of a joined-mid start). The
 * break from the earlier dialect in the registry wins; it keeps its own fields and takes from
 * the other what it lacks: the SCTE-35 message, a duration, the cue-in (`endUs`), the PDT,
 * and a non-positional id (a `seq-…` id yields to an event or origin id). When the other saw
 * the same event start earlier, its start wins.
 */
import type { Break } from '../model/break.js';
import type { Micros } from '../model/time.js';
import { isPositionalId } from './break-draft.js';
import { refEventId } from './scte35-message.js';

const SAME_START_US: Micros = 500_000;

function sameBreak(a: Break, b: Break): boolean {
  const ea = refEventId(a.scte35);
  const eb = refEventId(b.scte35);
  if (ea !== undefined && eb !== undefined) return ea === eb;
  return a.mediaSequence === b.mediaSequence || Math.abs(a.startUs - b.startUs) <= SAME_START_US;
}

function absorb(winner: Break, loser: Break): Break {
  const id = isPositionalId(winner.id) && !isPositionalId(loser.id) ? loser.id : winner.id;
  // Matched by event id but the other dialect saw the break start earlier: the earliest sign is
  // the start (an OATCLS repeated before the cue-in must not move a break joined mid-way).
  if (loser.startUs < winner.startUs - SAME_START_US) {
    const { programDateTime: _drop, ...rest } = winner;
    winner = {
      ...rest,
      startUs: loser.startUs,
      mediaSequence: loser.mediaSequence,
      joinedMidBreak: loser.joinedMidBreak,
      ...(loser.programDateTime === undefined ? {} : { programDateTime: loser.programDateTime }),
    };
  }
  const scte35 = winner.scte35 ?? loser.scte35;
  const programDateTime = winner.programDateTime ?? loser.programDateTime;
  const endUs = winner.endUs ?? loser.endUs;
  return {
    ...winner,
    id,
    durationUs: winner.durationUs ?? loser.durationUs,
    ...(scte35 === undefined ? {} : { scte35 }),
    ...(programDateTime === undefined ? {} : { programDateTime }),
    ...(endUs === undefined ? {} : { endUs }),
  };
}

/**
 * Merges per-dialect lists given in registry order. Within one dialect breaks are never merged
 * (each reader already folds its own repeats). The result is sorted by start, then id.
 */
export function mergeBreaks(perDialect: readonly (readonly Break[])[]): Break[] {
  const kept: Break[] = [];
  const keptDialectIndex: number[] = [];
  perDialect.forEach((breaks, dialectIndex) => {
    for (const b of breaks) {
      const at = kept.findIndex((k, i) => keptDialectIndex[i] !== dialectIndex && sameBreak(k, b));
      const winner = kept[at];
      if (winner === undefined) {
        kept.push(b);
        keptDialectIndex.push(dialectIndex);
      } else {
        kept[at] = absorb(winner, b);
      }
    }
  });
  return kept.sort((a, b) => a.startUs - b.startUs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
