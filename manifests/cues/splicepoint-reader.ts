/**
 * `#EXT-X-SPLICEPOINT-SCTE35:<base64>` (MediaTailor's third HLS marker): a time_signal whose
 * segmentation descriptor says placement opportunity start (0x34) or end (0x35), or a
 * splice_insert. Out or in is decided by decoding alone. The message is usually the whole
 * value; an attribute-list form (`SCTE35=…` or `CUE=…`) is accepted too.
 */
import { readCueAttributes } from './cue-attributes.js';
import { CUE_ATTR, CUE_TAG } from './cue-tags.js';
import { messageTagReader } from './message-tag-reader.js';

const BARE_BASE64 = /^[A-Za-z0-9+/_-]+=*$/;

function messageText(value: string): string | undefined {
  const text = value.trim();
  if (text === '' || BARE_BASE64.test(text) || /^0x[0-9a-f]+$/i.test(text)) return text;
  const attrs = readCueAttributes(text);
  return attrs.get(CUE_ATTR.SCTE35) ?? attrs.get(CUE_ATTR.CUE) ?? text;
}

export const splicepointReader = messageTagReader({
  dialect: 'splicepoint',
  tags: new Set([CUE_TAG.SPLICEPOINT_SCTE35]),
  messageText,
});
