/**
 * The cue readers' view of a media playlist (manifests/model/tagged-segment.ts): each segment
 * with the tag lines that precede its URI, and the tags after the last one. The first segment
 * gets every tag from the top of the playlist except #EXTM3U, so a cue tag placed among the
 * header lines is still seen.
 */
import type { TagLine, CueInput, TaggedSegment } from '../model/tagged-segment.js';
import type { HlsDocument } from './document.js';
import type { HlsMediaPlaylist } from './playlist-types.js';
import { HLS_TAG } from './tags.js';

function tagsIn(doc: HlsDocument, from: number, to: number): TagLine[] {
  const out: TagLine[] = [];
  for (let i = from; i < to; i++) {
    const l = doc.lines[i];
    if (l?.type === 'tag' && l.name !== HLS_TAG.EXTM3U) out.push({ name: l.name, value: l.value, line: i + 1 });
  }
  return out;
}

export function toCueInput(playlist: HlsMediaPlaylist): CueInput {
  const doc = playlist.document;
  let from = 0;
  const segments: TaggedSegment[] = playlist.segments.map((s) => {
    const tags = tagsIn(doc, from, s.uriLine);
    from = s.uriLine + 1;
    return {
      mediaSequence: s.mediaSequence,
      startUs: s.startUs,
      durationUs: s.durationUs,
      ...(s.programDateTime === undefined ? {} : { programDateTime: s.programDateTime }),
      tags,
    };
  });
  return { segments, trailingTags: tagsIn(doc, from, doc.lines.length), endUs: playlist.endUs };
}
