import { z } from 'zod';
import { openRtbParamsSchema } from '../decisioning/sources/openrtb/params.js';

/**
 * What a channel is: an origin, where its ads come from, and how breaks behave. The same
 * schema validates control-plane bodies, config-file channels and records read back from a
 * store, and generates the OpenAPI document's schemas (so the doc cannot drift from it).
 * It has no transforms on purpose: `z.toJSONSchema` must be able to describe all of it.
 */

export const CHANNEL_ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

export const channelIdSchema = z.string().regex(CHANNEL_ID_PATTERN, {
  error: 'must be a slug: 1-64 lower-case letters, digits and dashes, not starting or ending with a dash',
});

const httpUrl = (what: string) => z.url({ protocol: /^https?$/, error: `${what} must be an absolute http(s) URL` });

/**
 * Ad decision sources, one entry each. Adding a source (OpenRTB, say) is one more entry here
 * and one folder under src/decisioning/sources/; the discriminated union below is built from
 * this list.
 */
export const adDecisionSchemas = [
  z.strictObject({
    type: z.literal('vast'),
    /** VAST/VMAP URL template; MediaTailor-style `[session.id]`, `[player_params.x]` macros allowed. */
    url: httpUrl('adDecision.url'),
    timeoutMs: z.number().int().min(50).max(30_000).default(1500),
  }),
  /** The embedded OpenRTB 2.6 pod auction: its params (decisioning/sources/openrtb/params.ts) plus the type. */
  openRtbParamsSchema.safeExtend({ type: z.literal('openrtb') }),
  z.strictObject({ type: z.literal('demo') }),
  z.strictObject({ type: z.literal('none') }),
] as const;

export const adDecisionSchema = z.discriminatedUnion('type', adDecisionSchemas);

const channelFields = {
  id: channelIdSchema,
  origin: httpUrl('origin').meta({ description: 'Origin base URL; the player path after the channel id is resolved against it.' }),
  adDecision: adDecisionSchema,
  slate: httpUrl('slate').optional().meta({ description: 'HLS playlist played for unfilled break time (live).' }),
  vodMidrollOffsetsSec: z.array(z.number().nonnegative()).max(100).default([])
    .meta({ description: 'VOD break points (seconds of content) for assets without cue markers.' }),
  vodPreroll: z.boolean().default(true),
  liveJoinMidBreak: z.enum(['ad', 'content']).default('ad')
    .meta({ description: 'What a viewer who joins a live stream mid-break sees for the rest of it.' }),
  createdAt: z.iso.datetime().optional().meta({ description: 'Set by the service when the channel is created; ignored on input.', readOnly: true }),
};

/** A full channel definition (POST body, config-file entry, stored record). */
export const channelSchema = z.strictObject(channelFields);

/** A PUT body: the id comes from the path, so the body may leave it out. */
export const channelReplaceSchema = z.strictObject({ ...channelFields, id: channelIdSchema.optional() });

/** A channel as stored and served: defaults applied. */
export type Channel = z.output<typeof channelSchema>;
/** A channel as a client may send it: defaulted fields optional. */
export type ChannelInput = z.input<typeof channelSchema>;
export type AdDecisionConfig = z.output<typeof adDecisionSchema>;
export type AdDecisionType = AdDecisionConfig['type'];
