/**
 * Cue readers: one `Break` model from every HLS cue dialect. Public entry points:
 * - `readBreaks(input)`: runs every reader whose probe says yes, in registry order, merges the
 *   same break found by several dialects, sorts by start. Never throws.
 * - `cueReaders`: the ordered table, for callers that want one dialect's view.
 */
import type { ManifestError } from '../errors.js';
import type { Break } from '../model/break.js';
import type { CueInput } from '../model/tagged-segment.js';
import { mergeBreaks } from './merge-breaks.js';
import { cueReaders } from './registry.js';

export type { CueReader, CueReadResult } from './cue-reader.js';
export { cueReaders } from './registry.js';
export { CUE_TAG, CUE_ATTR } from './cue-tags.js';

export interface ReadBreaksResult {
  readonly breaks: Break[];
  readonly errors: ManifestError[];
}

export function readBreaks(input: CueInput): ReadBreaksResult {
  const perDialect: Break[][] = [];
  const errors: ManifestError[] = [];
  for (const reader of cueReaders) {
    if (!reader.probe(input)) continue;
    const result = reader.read(input);
    perDialect.push(result.breaks);
    errors.push(...result.errors);
  }
  errors.sort((a, b) => lineOf(a) - lineOf(b));
  return { breaks: mergeBreaks(perDialect), errors };
}

function lineOf(e: ManifestError): number {
  const line = e.context?.line;
  return typeof line === 'number' ? line : 0;
}
