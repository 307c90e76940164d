import { z } from 'zod';

// Cross-field checks run even when a sibling field is bad (zod skips refinements after other
// issues unless `when` says otherwise), so a config lists all of its problems at once.
const numbersPresent = (...keys: string[]) => (payload: { value: unknown }): boolean => {
  const v = payload.value as Record<string, unknown> | null;
  return typeof v === 'object' && v !== null && keys.every((k) => typeof v[k] === 'number');
};

/**
 * How one kind of outbound request behaves (STYLE §11): fetch behaviour is data, one policy
 * per request kind, units in names. `maxTimeToFirstByteMs` and `maxLoadTimeMs` bound each
 * attempt; a caller's deadline bounds the whole call, retries included.
 */
export const retryPolicySchema = z.strictObject({
  /** Extra attempts after the first; 0 means no retry. */
  maxRetries: z.number().int().min(0).max(10),
  retryDelayMs: z.number().int().min(0),
  maxRetryDelayMs: z.number().int().min(0),
  backoff: z.enum(['exponential', 'linear']),
}).refine((r) => r.maxRetryDelayMs >= r.retryDelayMs, {
  error: 'maxRetryDelayMs must be at least retryDelayMs',
  path: ['maxRetryDelayMs'],
  when: numbersPresent('retryDelayMs', 'maxRetryDelayMs'),
});

export const fetchPolicySchema = z.strictObject({
  /** From sending the request until the response headers arrive (connect included). */
  maxTimeToFirstByteMs: z.number().int().positive(),
  /** From sending the request until the last body byte, per attempt. */
  maxLoadTimeMs: z.number().int().positive(),
  /** Body size bound, enforced while streaming. */
  maxBytes: z.number().int().positive(),
  retry: retryPolicySchema,
}).refine((p) => p.maxLoadTimeMs >= p.maxTimeToFirstByteMs, {
  error: 'maxLoadTimeMs must be at least maxTimeToFirstByteMs',
  path: ['maxLoadTimeMs'],
  when: numbersPresent('maxTimeToFirstByteMs', 'maxLoadTimeMs'),
});

export type RetryPolicy = z.output<typeof retryPolicySchema>;
export type FetchPolicy = z.output<typeof fetchPolicySchema>;

/** The request kinds that have a policy; `config.fetch[kind]`. */
export const FETCH_KINDS = ['originManifest', 'vast', 'bidRequest', 'beacon'] as const;
export type FetchKind = (typeof FETCH_KINDS)[number];

export const fetchPoliciesSchema = z.strictObject({
  originManifest: fetchPolicySchema,
  vast: fetchPolicySchema,
  bidRequest: fetchPolicySchema,
  beacon: fetchPolicySchema,
} satisfies Record<FetchKind, typeof fetchPolicySchema>);
