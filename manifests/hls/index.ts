/** The HLS engine: lossless parse / serialize, the typed view, cue input, URI rewriting, edits. */
export { HLS_TAG, HLS_ATTR, KEY_METHOD, MEDIA_TYPE, IDENTITY_KEYFORMAT, isKnownTag, knownTag } from './tags.js';
export type { HlsTagName, HlsTagKey } from './tags.js';
export {
  parseAttributeList, findAttribute, attrString, attrInt, attrFloat, attrYesNo, attrResolution,
  attributeRecord, serializeAttributeList, replaceAttributeValue,
} from './attr-list.js';
export type { HlsAttribute, AttributeList, AttributeToWrite, Resolution } from './attr-list.js';
export {
  scanDocument, scanLine, serializeDocument, tagLine, uriLine, commentLine, blankLine, withTagValue, withUri,
} from './document.js';
export type { HlsDocument, HlsLine, HlsTagLine, HlsUriLine, HlsCommentLine, HlsBlankLine } from './document.js';
export { replaceLines, insertLines, removeLines, findTag, findTags, setHeaderTag, removeTags } from './document-edit.js';
export { parseHls, serializeHls, buildHlsPlaylist, detectKind } from './parse.js';
export type { ParseHlsOptions } from './parse.js';
export type * from './playlist-types.js';
export { toCueInput } from './to-cue-input.js';
export { rewriteUris } from './rewrite-uris.js';
export type { UriKind, UriContext, UriRewriter } from './rewrite-uris.js';
export { playlistToJson } from './to-json.js';
export type { HlsJsonValue, HlsJsonObject } from './to-json.js';
export { writeHlsSplice } from './write-splice.js';
export type { AdSegmentRef, HlsSpliceInput, HlsSpliceOutput } from './write-splice.js';
export { subtitleFillers, fillerPlaylist } from './splice/subtitle-filler.js';
export { toPlanSegments } from './splice/timelines.js';
