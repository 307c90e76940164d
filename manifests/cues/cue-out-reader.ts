/**
 * `#EXT-X-CUE-OUT` / `#EXT-X-CUE-OUT-CONT` / `#EXT-X-CUE-IN`: the most common ad markers
 * (Adobe/Elemental style, the first form MediaTailor lists). Forms read:
 * - CUE-OUT: bare, `:30`, `:30.000`, `:DURATION=30` (other attributes such as ID are ignored);
 * - CUE-OUT-CONT: `ElapsedTime=…,Duration=…` in any order and any case, possibly with
 *   `SCTE35=<base64>` (whose event id names the break), or the `6.006/20.020` form, or bare;
 * - CUE-IN: closes the open break where it stands.
 * A window whose first sign of a break is a CONT was joined mid-break: the start is back-dated
 * by ElapsedTime (see cue-timeline.ts for why that start may be negative).
 */
import { manifestError, type ManifestError } from '../errors.js';
import { parseSecondsToMicros, type Micros } from '../model/time.js';
import type { CueInput, TagLine } from '../model/tagged-segment.js';
import { closeDraft, finishBreak, type BreakDraft } from './break-draft.js';
import { readCueAttributes } from './cue-attributes.js';
import type { CueReader, CueReadResult } from './cue-reader.js';
import { CUE_ATTR, CUE_TAG } from './cue-tags.js';
import { hasAnyTag, placedTags, startBefore, type CuePosition } from './cue-timeline.js';
import { readCueMessage } from './scte35-message.js';

const DIALECT = 'cue-out';
const TAGS: ReadonlySet<string> = new Set([CUE_TAG.CUE_OUT, CUE_TAG.CUE_OUT_CONT, CUE_TAG.CUE_IN]);


function malformed(tag: TagLine, why: string): ManifestError {
  return manifestError('CUE_MALFORMED', `line ${tag.line}: #${tag.name}: ${why}`, { line: tag.line, dialect: DIALECT });
}

interface CueOutValue {
  readonly durationUs: Micros | null;
  readonly problem?: string;
}

/** `:30`, `:DURATION=30`, `:30,ID=55,PARTNER=x` (a leading number, then attributes), or nothing. */
export function parseCueOutValue(value: string): CueOutValue {
  const text = value.trim();
  if (text === '') return { durationUs: null };
  const plain = parseSecondsToMicros(text);
  if (plain !== undefined) return { durationUs: plain };
  const comma = text.indexOf(',');
  const lead = comma < 0 ? undefined : parseSecondsToMicros(text.slice(0, comma));
  if (lead !== undefined) return { durationUs: lead };
  const attrs = readCueAttributes(text);
  const d = attrs.get(CUE_ATTR.DURATION);
  if (d === undefined) return attrs.problem === undefined ? { durationUs: null } : { durationUs: null, problem: `cannot read "${text}"` };
  const us = parseSecondsToMicros(d);
  return us === undefined ? { durationUs: null, problem: `DURATION "${d}" is not a number of seconds` } : { durationUs: us };
}

export interface CueOutContValue {
  readonly elapsedUs?: Micros;
  readonly durationUs?: Micros;
  readonly scte35?: string;
  readonly problem?: string;
}

/** `ElapsedTime=e,Duration=d[,SCTE35=…]` in any order, `e/d`, or nothing. */
export function parseCueOutContValue(value: string): CueOutContValue {
  const text = value.trim();
  if (text === '') return {};
  const slash = /^([\d.]+)\s*\/\s*([\d.]+)$/.exec(text);
  if (slash) {
    const e = parseSecondsToMicros(slash[1] ?? '');
    const d = parseSecondsToMicros(slash[2] ?? '');
    if (e === undefined || d === undefined) return { problem: `cannot read "${text}" as elapsed/duration` };
    return { elapsedUs: e, durationUs: d };
  }
  const attrs = readCueAttributes(text);
  const eText = attrs.get(CUE_ATTR.ELAPSED_TIME);
  const dText = attrs.get(CUE_ATTR.DURATION);
  const scte35 = attrs.get(CUE_ATTR.SCTE35);
  const e = eText === undefined ? undefined : parseSecondsToMicros(eText);
  const d = dText === undefined ? undefined : parseSecondsToMicros(dText);
  const problem =
    attrs.problem ??
    (eText !== undefined && e === undefined ? `ElapsedTime "${eText}" is not a number of seconds` : undefined) ??
    (dText !== undefined && d === undefined ? `Duration "${dText}" is not a number of seconds` : undefined);
  return {
    ...(e === undefined ? {} : { elapsedUs: e }),
    ...(d === undefined ? {} : { durationUs: d }),
    ...(scte35 === undefined || scte35 === '' ? {} : { scte35 }),
    ...(problem === undefined ? {} : { problem }),
  };
}

function read(input: CueInput): CueReadResult {
  const drafts: BreakDraft[] = [];
  const errors: ManifestError[] = [];
  let open: BreakDraft | undefined;

  const openAt = (position: CuePosition, durationUs: Micros | null): BreakDraft => {
    const start = { startUs: position.startUs, mediaSequence: position.mediaSequence, onBoundary: true };
    const draft: BreakDraft = {
      dialect: DIALECT,
      start: position.programDateTime === undefined ? start : { ...start, programDateTime: position.programDateTime },
      joinedMidBreak: false,
      durationUs,
    };
    drafts.push(draft);
    return draft;
  };

  for (const { tag, position } of placedTags(input, TAGS)) {
    if (tag.name === CUE_TAG.CUE_OUT) {
      const v = parseCueOutValue(tag.value);
      if (v.problem !== undefined) errors.push(malformed(tag, v.problem));
      // A CUE-OUT while a break is open means the CUE-IN was never written; the old break keeps
      // its planned duration rather than an end the stream did not send.
      open = openAt(position, v.durationUs);
    } else if (tag.name === CUE_TAG.CUE_OUT_CONT) {
      const v = parseCueOutContValue(tag.value);
      if (v.problem !== undefined) errors.push(malformed(tag, v.problem));
      if (!open) {
        const start = startBefore(input, position, v.elapsedUs ?? 0);
        open = { dialect: DIALECT, start, joinedMidBreak: true, durationUs: v.durationUs ?? null };
        drafts.push(open);
      } else if (open.durationUs === null && v.durationUs !== undefined) {
        open.durationUs = v.durationUs;
      }
      if (v.scte35 !== undefined && open.scte35 === undefined) {
        const m = readCueMessage(v.scte35, tag.line, DIALECT);
        if (m.error) errors.push(m.error);
        if (m.message) open.scte35 = m.message.ref;
      }
    } else {
      if (open) {
        closeDraft(open, position.startUs);
        open = undefined;
      } else {
        errors.push(manifestError('CUE_UNMATCHED_IN', `line ${tag.line}: #${tag.name} with no open break`, { line: tag.line, dialect: DIALECT }));
      }
    }
  }
  return { breaks: drafts.map(finishBreak), errors };
}

export const cueOutReader: CueReader = {
  dialect: DIALECT,
  probe: (input) => hasAnyTag(input, TAGS),
  read,
};
