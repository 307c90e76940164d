/**
 * The contract every cue dialect implements (STYLE §4, after hls.js's demuxer `probe`).
 *
 * - `probe(input)` is cheap: does this playlist carry my tags at all? It must not decode.
 * - `read(input)` returns every break the dialect announces, in playlist order, and every
 *   problem as an error value: CUE_MALFORMED (a tag that cannot be read), CUE_SCTE35_INVALID
 *   (its SCTE-35 message does not decode), CUE_UNMATCHED_IN (a cue-in with nothing open). A
 *   bad tag never stops the other breaks from coming out, and `read` never throws.
 * - Readers see only the `CueInput` view (tags per segment), never playlist text.
 */
import type { ManifestError } from '../errors.js';
import type { Break, CueDialect } from '../model/break.js';
import type { CueInput } from '../model/tagged-segment.js';

export interface CueReadResult {
  readonly breaks: Break[];
  readonly errors: ManifestError[];
}

export interface CueReader {
  readonly dialect: CueDialect;
  probe(input: CueInput): boolean;
  read(input: CueInput): CueReadResult;
}
