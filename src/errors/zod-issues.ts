import type { z } from 'zod';
import type { Issue } from './interlude-error.js';

/** `['channels', 0, 'origin']` → `channels[0].origin`; the root is `(root)`. */
export function formatPath(path: readonly PropertyKey[], prefix = ''): string {
  let out = prefix;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

/**
 * Every zod issue as `{ path, message }`, in order. An unknown key gets its own issue at its
 * own path ("server.prot: unknown option") so a typo is named where it is, not at its parent.
 */
export function issuesFromZod(error: z.ZodError, prefix = ''): Issue[] {
  const issues: Issue[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) issues.push({ path: formatPath([...issue.path, key], prefix), message: 'unknown option' });
    } else {
      issues.push({ path: formatPath(issue.path, prefix), message: issue.message });
    }
  }
  return issues;
}
