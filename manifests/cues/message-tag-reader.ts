/**
 * Shared walk for dialects whose tag is just an SCTE-35 message (OATCLS, SPLICEPOINT): the
 * decoded message decides. An out (splice_insert with out_of_network_indicator, or a
 * time_signal whose segmentation type starts a break) opens a break with the message's
 * duration; an in closes the open one. A message repeating the open break's event id is the
 * same event announced again (origins repeat it, even right before the cue-in), not a new break. Each dialect keeps its own file (STYLE §4) and passes how to find the message text.
 */
import { manifestError, type ManifestError } from '../errors.js';
import type { CueDialect } from '../model/break.js';
import type { CueInput, TagLine } from '../model/tagged-segment.js';
import { closeDraft, finishBreak, type BreakDraft } from './break-draft.js';
import type { CueReader, CueReadResult } from './cue-reader.js';
import { hasAnyTag, placedTags } from './cue-timeline.js';
import { readCueMessage, refEventId } from './scte35-message.js';

export interface MessageTagDialect {
  readonly dialect: CueDialect;
  readonly tags: ReadonlySet<string>;
  /** The message text in the tag's value, or undefined when there is none. */
  messageText(value: string): string | undefined;
  /**
   * True when an out message is only a restatement of a break that began earlier, judged by
   * the other tags on the same segment (OATCLS repeated next to a CUE-IN or a CUE-OUT-CONT).
   */
  isRestatement?(segmentTags: readonly TagLine[]): boolean;
}

function readWith(spec: MessageTagDialect, input: CueInput): CueReadResult {
  const { dialect } = spec;
  const drafts: BreakDraft[] = [];
  const errors: ManifestError[] = [];
  let open: BreakDraft | undefined;
  const problem = (code: 'CUE_MALFORMED' | 'CUE_UNMATCHED_IN', tag: TagLine, why: string): void => {
    errors.push(manifestError(code, `line ${tag.line}: #${tag.name} ${why}`, { line: tag.line, dialect }));
  };
  for (const { tag, position } of placedTags(input, spec.tags)) {
    const text = spec.messageText(tag.value);
    if (text === undefined || text.trim() === '') {
      problem('CUE_MALFORMED', tag, 'carries no SCTE-35 message');
      continue;
    }
    const m = readCueMessage(text, tag.line, dialect);
    if (m.error) errors.push(m.error);
    const msg = m.message;
    if (!msg) continue;
    if (msg.kind === 'out') {
      // The open break announced again (origins repeat the message, even right before the cue-in).
      if (open && msg.eventId !== undefined && refEventId(open.scte35) === msg.eventId) continue;
      const siblings = input.segments[position.segmentIndex]?.tags ?? input.trailingTags;
      if (spec.isRestatement?.(siblings) === true) continue;
      // A new out while another is open does not end the old one here: that would invent a
      // cue-in the stream never sent. The old break keeps its own duration.
      const start = { startUs: position.startUs, mediaSequence: position.mediaSequence, onBoundary: true };
      open = {
        dialect,
        start: position.programDateTime === undefined ? start : { ...start, programDateTime: position.programDateTime },
        joinedMidBreak: false,
        durationUs: msg.durationUs ?? null,
        scte35: msg.ref,
      };
      drafts.push(open);
    } else if (msg.kind === 'in') {
      if (open) {
        closeDraft(open, position.startUs);
        open = undefined;
      } else {
        problem('CUE_UNMATCHED_IN', tag, 'signals a cue-in with no open break');
      }
    }
  }
  return { breaks: drafts.map(finishBreak), errors };
}

export function messageTagReader(spec: MessageTagDialect): CueReader {
  return {
    dialect: spec.dialect,
    probe: (input) => hasAnyTag(input, spec.tags),
    read: (input) => readWith(spec, input),
  };
}
