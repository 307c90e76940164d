import { z } from 'zod';

/** Body of `POST /v1/session/:channel/<origin path>`. Unknown fields are problems, listed. */
export const sessionStartBodySchema = z.strictObject({
  playerParams: z.record(z.string().max(64), z.string().max(512))
    .refine((p) => Object.keys(p).length <= 32, { error: 'at most 32 player params' })
    .optional(),
  reportingMode: z.enum(['server', 'client']).optional(),
});

export type SessionStartBody = z.output<typeof sessionStartBodySchema>;
