/**
 * Job names and keys. A creative is conditioned once cluster-wide because every instance
 * derives the same job id from the same facts (the queue dedupes on it), and the output is
 * stored under a content address, so identical bytes under two ad ids share one copy.
 *
 * - `profileSetKey(profiles, loudness)`: what we encode to (16 hex).
 * - `conditionJobId({ identity, profileSetKey, sourceSha256? })`: the queue job id. `identity`
 *   is the UniversalAdId (`registry:value`) or else the media URL. Pass `sourceSha256`
 *   when the service knows the bytes (a re-check after a HEAD/ETag change, a re-used ad id
 *   whose file changed): different bytes then give a different job.
 * - `conditionedKey(sourceSha256, profileSetKey)`: the store key the processor writes to.
 */
import { createHash } from 'node:crypto';
import type { LoudnessTarget } from '../loudness/loudness-target.js';
import { profileSetSignature } from '../profiles/profile-set-key.js';
import type { ProfileSet } from '../profiles/target-profile.js';

/** The queue job name the service registers `conditionCreative` under. */
export const CONDITION_JOB_NAME = 'transcode';

export function profileSetKey(profiles: ProfileSet, loudness: LoudnessTarget): string {
  return sha256(profileSetSignature(profiles, loudness)).slice(0, 16);
}

export interface ConditionJobIdInput {
  readonly identity: string;
  readonly profileSetKey: string;
  readonly sourceSha256?: string;
}

/** `cond-<32 hex>`: valid for both queue implementations (letters, digits, `-`, not numeric). */
export function conditionJobId(input: ConditionJobIdInput): string {
  const parts = ['v1', input.identity, input.profileSetKey, input.sourceSha256 ?? ''];
  return `cond-${sha256(parts.join('\u0000')).slice(0, 32)}`;
}

export function conditionedKey(sourceSha256: string, profileSetKeyValue: string): string {
  return `${sourceSha256.slice(0, 24)}-${profileSetKeyValue}`;
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
