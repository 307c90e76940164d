/**
 * A canonical text for a profile set: same targets → same text, whatever the key order.
 * jobs/job-id.ts hashes it into the job id and the store key. Pure.
 */
import type { ProfileSet } from './target-profile.js';

export function profileSetSignature(set: ProfileSet, loudness?: object): string {
  // Notes are explanations, not targets: two sets differing only in notes encode the same.
  const { notes: _notes, ...targets } = set;
  return canonicalJson(loudness === undefined ? targets : { targets, loudness });
}

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
