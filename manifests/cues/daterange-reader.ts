/**
 * `#EXT-X-DATERANGE` carrying SCTE-35 (RFC 8216bis §4.4.5.1.1): `SCTE35-OUT` opens a break,
 * `SCTE35-IN` closes one, `SCTE35-CMD` is decoded to find out which (or neither). The ID is
 * the break's id. START-DATE is mapped to media time through the segments' program date times
 * (so a range announced ahead of its segment lands where it starts); when the playlist has no
 * PDT, or the date falls in a PDT gap, the tag's own position is used instead.
 *
 * Durations: DURATION and END-DATE are the actual length (they also fix `endUs`);
 * PLANNED-DURATION is the expected one; the SCTE-35 break_duration is the last resort. A later
 * DATERANGE with the same ID is the same range: it may add END-DATE / DURATION (which closes
 * the break) or repeat itself (which changes nothing). DATERANGEs without SCTE35-* attributes
 * (interstitials, ID3-style metadata) are not breaks and are left alone.
 */
import { manifestError, type ManifestError } from '../errors.js';
import { parseSecondsToMicros, type Micros } from '../model/time.js';
import type { CueInput, TagLine } from '../model/tagged-segment.js';
import { closeDraft, finishBreak, type BreakDraft } from './break-draft.js';
import { readCueAttributes, type CueAttributes } from './cue-attributes.js';
import type { CueReader, CueReadResult } from './cue-reader.js';
import { CUE_ATTR, CUE_TAG } from './cue-tags.js';
import { TIME_TOLERANCE_US, hasAnyTag, isoToEpochUs, placedTags, startAtDate, type BreakStart, type CuePosition } from './cue-timeline.js';
import { readCueMessage, refEventId, type CueMessage } from './scte35-message.js';

const DIALECT = 'daterange';
const TAGS: ReadonlySet<string> = new Set([CUE_TAG.DATERANGE]);
const SCTE35_ATTRS = [CUE_ATTR.SCTE35_OUT, CUE_ATTR.SCTE35_IN, CUE_ATTR.SCTE35_CMD] as const;

interface Range {
  readonly id: string;
  readonly draft: BreakDraft;
  readonly eventId?: number;
  closed: boolean;
}

function positionStart(position: CuePosition): BreakStart {
  const base = { startUs: position.startUs, mediaSequence: position.mediaSequence, onBoundary: true };
  return position.programDateTime === undefined ? base : { ...base, programDateTime: position.programDateTime };
}

function read(input: CueInput): CueReadResult {
  const ranges = new Map<string, Range>();
  const order: Range[] = [];
  const errors: ManifestError[] = [];
  const firstStartUs = input.segments[0]?.startUs ?? 0;
  const malformed = (tag: TagLine, why: string): void => {
    errors.push(manifestError('CUE_MALFORMED', `line ${tag.line}: #${tag.name}: ${why}`, { line: tag.line, dialect: DIALECT }));
  };
  const seconds = (tag: TagLine, attrs: CueAttributes, name: string): Micros | undefined => {
    const text = attrs.get(name);
    if (text === undefined) return undefined;
    const us = parseSecondsToMicros(text);
    if (us === undefined) malformed(tag, `${name} "${text}" is not a number of seconds`);
    return us;
  };
  const date = (tag: TagLine, attrs: CueAttributes, name: string): number | undefined => {
    const text = attrs.get(name);
    if (text === undefined || text === '') return undefined;
    const us = isoToEpochUs(text);
    if (us === undefined) malformed(tag, `${name} "${text}" is not an ISO 8601 date`);
    return us;
  };
  /** Actual duration: DURATION, else END-DATE − START-DATE. */
  const actualDuration = (tag: TagLine, attrs: CueAttributes, startDate: number | undefined): Micros | undefined => {
    const d = seconds(tag, attrs, CUE_ATTR.DURATION);
    if (d !== undefined) return d;
    const end = date(tag, attrs, CUE_ATTR.END_DATE);
    return end !== undefined && startDate !== undefined && end >= startDate ? end - startDate : undefined;
  };
  const settle = (r: Range, actual: Micros | undefined): void => {
    if (actual === undefined) return;
    r.draft.durationUs = actual;
    closeDraft(r.draft, r.draft.start.startUs + actual);
    r.closed = true;
  };

  for (const { tag, position } of placedTags(input, TAGS)) {
    const attrs = readCueAttributes(tag.value);
    const which = SCTE35_ATTRS.find((a) => attrs.get(a) !== undefined);
    const id = attrs.get(CUE_ATTR.ID);
    const known = id === undefined ? undefined : ranges.get(id);
    if (which === undefined && known === undefined) continue;
    if (attrs.problem !== undefined) malformed(tag, attrs.problem);
    if (id === undefined || id === '') {
      malformed(tag, 'ID is missing');
      continue;
    }
    let msg: CueMessage | undefined;
    if (which !== undefined) {
      const m = readCueMessage(attrs.get(which) ?? '', tag.line, DIALECT);
      if (m.error) errors.push(m.error);
      msg = m.message;
    }
    const startDate = date(tag, attrs, CUE_ATTR.START_DATE);
    const signal = which === CUE_ATTR.SCTE35_OUT ? 'out' : which === CUE_ATTR.SCTE35_IN ? 'in' : which === CUE_ATTR.SCTE35_CMD ? msg?.kind ?? 'none' : 'update';

    if (signal === 'out' || (signal === 'update' && known !== undefined)) {
      const actual = actualDuration(tag, attrs, startDate);
      if (known) {
        if (known.draft.scte35 === undefined && msg) known.draft.scte35 = msg.ref;
        if (known.draft.durationUs === null) known.draft.durationUs = seconds(tag, attrs, CUE_ATTR.PLANNED_DURATION) ?? null;
        if (!known.closed) settle(known, actual);
        continue;
      }
      const start = (startDate === undefined ? undefined : startAtDate(input, startDate)) ?? positionStart(position);
      const draft: BreakDraft = {
        dialect: DIALECT,
        start,
        joinedMidBreak: start.startUs < firstStartUs - TIME_TOLERANCE_US,
        originId: id,
        durationUs: seconds(tag, attrs, CUE_ATTR.PLANNED_DURATION) ?? msg?.durationUs ?? null,
        ...(msg === undefined ? {} : { scte35: msg.ref }),
      };
      const eventId = refEventId(msg?.ref);
      const r: Range = { id, draft, closed: false, ...(eventId === undefined ? {} : { eventId }) };
      ranges.set(id, r);
      order.push(r);
      settle(r, actual);
    } else if (signal === 'in') {
      const eventId = refEventId(msg?.ref);
      // Same ID first; then the open break with the same SCTE-35 event; only an in without an
      // event id of its own may close whatever break is open (the latest).
      const target =
        known ??
        (eventId !== undefined
          ? order.find((r) => !r.closed && r.eventId === eventId)
          : [...order].reverse().find((r) => !r.closed));
      if (!target) {
        errors.push(manifestError('CUE_UNMATCHED_IN', `line ${tag.line}: #${tag.name} ID="${id}" signals a cue-in with no open break`, { line: tag.line, dialect: DIALECT }));
        continue;
      }
      if (target.draft.scte35 === undefined && msg && target === known) target.draft.scte35 = msg.ref;
      if (target.closed) continue;
      let endUs = position.startUs;
      if (target === known) {
        const endDate = date(tag, attrs, CUE_ATTR.END_DATE);
        const mapped = endDate === undefined ? undefined : startAtDate(input, endDate);
        const d = seconds(tag, attrs, CUE_ATTR.DURATION);
        endUs = mapped?.startUs ?? (d === undefined ? endUs : target.draft.start.startUs + d);
      } else {
        // A separate in-range: packagers (USP) span the whole break with it, so END-DATE is the
        // in point when given; otherwise its START-DATE is.
        const inDate = date(tag, attrs, CUE_ATTR.END_DATE) ?? startDate;
        endUs = (inDate === undefined ? undefined : startAtDate(input, inDate))?.startUs ?? endUs;
      }
      closeDraft(target.draft, endUs);
      target.closed = true;
    }
  }
  return { breaks: order.map((r) => finishBreak(r.draft)), errors };
}

export const daterangeReader: CueReader = {
  dialect: DIALECT,
  probe: (input) => hasAnyTag(input, TAGS, (value) => value.includes('SCTE35-')),
  read,
};
