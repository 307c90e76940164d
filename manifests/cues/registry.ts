import type { CueReader } from './cue-reader.js';
import { cueOutReader } from './cue-out-reader.js';
import { daterangeReader } from './daterange-reader.js';
import { extXScte35Reader } from './ext-x-scte35-reader.js';
import { oatclsReader } from './oatcls-reader.js';
import { splicepointReader } from './splicepoint-reader.js';

/**
 * Every HLS cue dialect, in precedence order: when two dialects announce the same break, the
 * earlier one's break is kept (see merge-breaks.ts). Dialects that carry an origin id or the
 * SCTE-35 message come before the bare #EXT-X-CUE-OUT, which has neither.
 */
export const cueReaders: readonly CueReader[] = [
  daterangeReader,
  extXScte35Reader,
  splicepointReader,
  oatclsReader,
  cueOutReader,
];
