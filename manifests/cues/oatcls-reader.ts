/**
 * `#EXT-OATCLS-SCTE35:<base64>`: the SCTE-35 message itself, set just before the segment it
 * applies to. Origins usually pair it with #EXT-X-CUE-OUT/-CONT/-IN on the same segment;
 * `readBreaks` then keeps one break (this one: it is earlier in the registry and carries the
 * message) and takes the cue-in from the cue-out reader's break.
 */
import { CUE_TAG } from './cue-tags.js';
import { messageTagReader } from './message-tag-reader.js';

const LATER_IN_BREAK: ReadonlySet<string> = new Set([CUE_TAG.CUE_IN, CUE_TAG.CUE_OUT_CONT]);

export const oatclsReader = messageTagReader({
  dialect: 'oatcls',
  tags: new Set([CUE_TAG.OATCLS_SCTE35]),
  messageText: (value) => value,
  // Origins repeat the out message next to the CUE-IN (and sometimes a CONT): in a window that
  // no longer shows the cue-out, that repeat must not start a phantom break.
  isRestatement: (segmentTags) => segmentTags.some((t) => LATER_IN_BREAK.has(t.name)),
});
