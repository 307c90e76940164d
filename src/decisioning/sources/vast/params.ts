import { z } from 'zod';

/**
 * A channel's VAST source settings (`adDecision.params` when `adDecision.type` is 'vast').
 * `url` is a template: MediaTailor-style `[…]` variables are filled per request
 * (see decisioning/macros.ts), so it is checked for its scheme, not parsed as a URL.
 */
export const vastParamsSchema = z.object({
  url: z.string()
    .min(1)
    .max(8_192)
    .refine((u) => /^https?:\/\//i.test(u), { message: 'must start with http:// or https://' })
    .refine((u) => !/^https?:\/\/[^/?#]*@/i.test(u), { message: 'must not carry credentials' }),
  /** Budget for the whole decision, every wrapper hop included. */
  timeoutMs: z.number().int().min(50).max(30_000).default(1_500),
  /** Wrapper documents allowed before an InLine one (VAST 4 recommends at most 5; players use up to 10). */
  maxWrapperDepth: z.number().int().min(0).max(10).default(7),
  /** Break length assumed for an open break (no duration yet), for the request and for pod fit. */
  defaultAvailDurationMs: z.number().int().min(1_000).max(600_000).default(60_000),
  /** Size bound per VAST document. */
  maxDocumentBytes: z.number().int().min(1_024).max(10 * 1024 * 1024).default(1024 * 1024),
}).strict();

export type VastParams = z.infer<typeof vastParamsSchema>;
export type VastParamsInput = z.input<typeof vastParamsSchema>;
