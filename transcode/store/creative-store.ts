/**
 * Where conditioned creatives live, keyed by `conditionedKey` (content hash + profile set).
 *
 * Contract (every implementation; test/contract will hold them to it):
 * - `get(key)` returns the record with URLs, or undefined while absent. A record is only
 *   visible once all its files are: writers stage into a private directory and `commit`
 *   publishes it in one step (a rename on a filesystem).
 * - `commit` is idempotent: if the key is already published (another worker finished first)
 *   the staged copy is discarded and the existing record returned, so re-runs are harmless.
 * - `stage(key)` returns an empty writable local directory; `discard(dir)` removes one.
 * - Failures are TranscodeError TRANSCODE_STORE_FAILED with `key` and `reason`.
 */
import type { ConditionedCreative, ConditionedRecord } from './conditioned-creative.js';

export type CreativeStatus = 'ready' | 'absent';

export interface CreativeStore {
  get(key: string): Promise<ConditionedCreative | undefined>;
  status(key: string): Promise<CreativeStatus>;
  stage(key: string): Promise<string>;
  commit(key: string, stagedDir: string, record: ConditionedRecord): Promise<ConditionedCreative>;
  discard(stagedDir: string): Promise<void>;
  /** Public URL of a file of a published creative, e.g. `(key, 'master.m3u8')`. */
  urlFor(key: string, relativePath: string): string;
}
