/**
 * `#EXT-X-SCTE35` (ANSI/SCTE 35 2022b §12.2): `CUE="<base64>"` with optional `CUE-OUT=YES|NO|CONT`,
 * `CUE-IN=YES`, `ID`, `DURATION`, `ELAPSED` (and TYPE, UPID, TIME, BLACKOUT, which a break does
 * not need). The legacy spelling `#EXT-SCTE35` is read the same way.
 *
 * Out or in: the CUE-OUT / CUE-IN attributes when present (they are what the packager meant,
 * and they still work when CUE does not decode, as in the spec's own example with `CUE="..."`);
 * otherwise the decoded message decides. Tags naming an open break's event (same ID attribute
 * or same SCTE-35 event id) are that break again, not a new one. CUE-OUT=CONT or ELAPSED > 0
 * as the first sign of a break means the window joined it mid-way; the start is back-dated.
 */
import { manifestError, type ManifestError } from '../errors.js';
import { parseSecondsToMicros, type Micros } from '../model/time.js';
import type { CueInput, TagLine } from '../model/tagged-segment.js';
import { closeDraft, finishBreak, type BreakDraft } from './break-draft.js';
import { readCueAttributes } from './cue-attributes.js';
import type { CueReader, CueReadResult } from './cue-reader.js';
import { CUE_ATTR, CUE_OUT_VALUE, CUE_TAG } from './cue-tags.js';
import { hasAnyTag, placedTags, startBefore, type CuePosition } from './cue-timeline.js';
import { readCueMessage, refEventId, type CueMessage } from './scte35-message.js';

const DIALECT = 'ext-x-scte35';
const TAGS: ReadonlySet<string> = new Set([CUE_TAG.X_SCTE35, CUE_TAG.SCTE35_LEGACY]);

type Signal = 'out' | 'cont' | 'in' | 'none';

interface OpenBreak {
  readonly draft: BreakDraft;
  readonly idAttr?: string;
  readonly eventId?: number;
}

function signalOf(cueOut: string | undefined, cueIn: string | undefined, msg: CueMessage | undefined): Signal {
  if (cueOut === CUE_OUT_VALUE.YES) return 'out';
  if (cueOut === CUE_OUT_VALUE.CONT) return 'cont';
  if (cueIn === CUE_OUT_VALUE.YES) return 'in';
  if (cueOut === CUE_OUT_VALUE.NO) return 'none';
  return msg?.kind ?? 'none';
}

function read(input: CueInput): CueReadResult {
  const seen: OpenBreak[] = [];
  const open: OpenBreak[] = [];
  const errors: ManifestError[] = [];
  const malformed = (tag: TagLine, why: string): void => {
    errors.push(manifestError('CUE_MALFORMED', `line ${tag.line}: #${tag.name}: ${why}`, { line: tag.line, dialect: DIALECT }));
  };
  const seconds = (tag: TagLine, name: string, text: string | undefined): Micros | undefined => {
    if (text === undefined) return undefined;
    const us = parseSecondsToMicros(text);
    if (us === undefined) malformed(tag, `${name} "${text}" is not a number of seconds`);
    return us;
  };
  const sameEvent = (b: OpenBreak, idAttr: string | undefined, eventId: number | undefined): boolean =>
    (idAttr !== undefined && b.idAttr === idAttr) || (eventId !== undefined && b.eventId === eventId);

  const begin = (position: CuePosition, elapsedUs: Micros | undefined, joined: boolean, idAttr: string | undefined, msg: CueMessage | undefined, durationUs: Micros | undefined): void => {
    const base = { startUs: position.startUs, mediaSequence: position.mediaSequence, onBoundary: true };
    const start = elapsedUs !== undefined && elapsedUs > 0 ? startBefore(input, position, elapsedUs)
      : position.programDateTime === undefined ? base : { ...base, programDateTime: position.programDateTime };
    const draft: BreakDraft = {
      dialect: DIALECT,
      start,
      joinedMidBreak: joined,
      durationUs: durationUs ?? msg?.durationUs ?? null,
      ...(idAttr === undefined ? {} : { fallbackId: idAttr }),
      ...(msg === undefined ? {} : { scte35: msg.ref }),
    };
    const entry: OpenBreak = { draft, ...(idAttr === undefined ? {} : { idAttr }), ...(msg?.eventId === undefined ? {} : { eventId: msg.eventId }) };
    seen.push(entry);
    open.push(entry);
  };

  for (const { tag, position } of placedTags(input, TAGS)) {
    const attrs = readCueAttributes(tag.value);
    if (attrs.problem !== undefined) malformed(tag, attrs.problem);
    const cue = attrs.get(CUE_ATTR.CUE);
    let msg: CueMessage | undefined;
    if (cue === undefined || cue.trim() === '') {
      malformed(tag, 'CUE is missing');
    } else {
      const m = readCueMessage(cue, tag.line, DIALECT);
      if (m.error) errors.push(m.error);
      msg = m.message;
    }
    const cueOut = attrs.get(CUE_ATTR.CUE_OUT)?.toUpperCase();
    if (cueOut !== undefined && !Object.values<string>(CUE_OUT_VALUE).includes(cueOut)) malformed(tag, `CUE-OUT "${cueOut}" is not YES, NO or CONT`);
    const signal = signalOf(cueOut, attrs.get(CUE_ATTR.CUE_IN)?.toUpperCase(), msg);
    const idAttr = attrs.get(CUE_ATTR.ID);
    const eventId = msg?.eventId ?? refEventId(msg?.ref);
    const durationUs = seconds(tag, CUE_ATTR.DURATION, attrs.get(CUE_ATTR.DURATION));
    const elapsedUs = seconds(tag, CUE_ATTR.ELAPSED, attrs.get(CUE_ATTR.ELAPSED));

    if (signal === 'out' || signal === 'cont') {
      // A CONT that names nothing (no ID, no decodable CUE) continues the latest open break.
      const anonymousCont = signal === 'cont' && idAttr === undefined && eventId === undefined;
      const known = anonymousCont ? open[open.length - 1] : open.find((b) => sameEvent(b, idAttr, eventId));
      if (known) {
        if (known.draft.durationUs === null && durationUs !== undefined) known.draft.durationUs = durationUs;
        if (known.draft.scte35 === undefined && msg) known.draft.scte35 = msg.ref;
        continue;
      }
      const joined = signal === 'cont' || (elapsedUs !== undefined && elapsedUs > 0);
      begin(position, elapsedUs, joined, idAttr, msg, durationUs);
    } else if (signal === 'in') {
      let at = open.findIndex((b) => sameEvent(b, idAttr, eventId));
      if (at < 0) at = open.length - 1;
      const target = open[at];
      if (target) {
        closeDraft(target.draft, position.startUs);
        open.splice(at, 1);
      } else {
        errors.push(manifestError('CUE_UNMATCHED_IN', `line ${tag.line}: #${tag.name} signals a cue-in with no open break`, { line: tag.line, dialect: DIALECT }));
      }
    }
  }
  return { breaks: seen.map((b) => finishBreak(b.draft)), errors };
}

export const extXScte35Reader: CueReader = {
  dialect: DIALECT,
  probe: (input) => hasAnyTag(input, TAGS),
  read,
};
