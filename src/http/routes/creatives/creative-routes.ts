/**
 * Control-plane routes for conditioned creatives, rows of the control route table
 * (control-routes.ts) so the OpenAPI document lists them: `GET /creatives` (newest first)
 * and `GET /creatives/:id` (the conditioning job id). Read-only; jobs are created by
 * decisioning when an MP4-only ad first shows up. Without conditioning the list is empty.
 */
import type { Request } from 'express';
import type { CreativeStatus } from '../../../conditioning/creative-status.js';
import { interludeError, type ServiceErrorCode } from '../../../errors/index.js';
import type { IdempotencyAnswer } from '../../idempotency/idempotency-store.js';

/** What the creative routes need from the router; structurally a part of ControlContext. */
export interface CreativeRouteContext {
  readonly creatives?: CreativeStatus;
}

export interface CreativeRoute {
  readonly method: 'get';
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly success: { readonly status: number; readonly description: string; readonly schema: 'Creative' | 'CreativeList' };
  readonly errors: readonly ServiceErrorCode[];
  readonly idempotent: false;
  handle(req: Request, channels: unknown, ctx: CreativeRouteContext): Promise<IdempotencyAnswer>;
}

const LIST_LIMIT_MAX = 1_000;

export const CREATIVE_ROUTES: readonly CreativeRoute[] = [
  {
    method: 'get', path: '/creatives', operationId: 'listCreatives',
    summary: 'Creatives conditioning was asked for, newest first (`?limit=`, default 200): status queued, running (progress), ready (renditions) or failed (reason).',
    success: { status: 200, description: 'The creatives.', schema: 'CreativeList' },
    errors: ['REQUEST_INVALID'], idempotent: false,
    handle: async (req, _channels, ctx) => {
      const raw = req.query.limit;
      const limit = raw === undefined ? 200 : Number(raw);
      if (!Number.isInteger(limit) || limit < 1 || limit > LIST_LIMIT_MAX) {
        throw interludeError('REQUEST_INVALID', 'limit must be an integer from 1 to 1000.', { issues: [{ path: 'limit', message: `must be 1..${LIST_LIMIT_MAX}` }] });
      }
      return { status: 200, body: { creatives: ctx.creatives === undefined ? [] : await ctx.creatives.list(limit) } };
    },
  },
  {
    method: 'get', path: '/creatives/:id', operationId: 'getCreative',
    summary: 'One creative\'s conditioning status by its id (`cond-…`).',
    success: { status: 200, description: 'The creative.', schema: 'Creative' },
    errors: ['CREATIVE_NOT_FOUND'], idempotent: false,
    handle: async (req, _channels, ctx) => {
      const id = String(req.params.id);
      const view = ctx.creatives === undefined ? undefined : await ctx.creatives.get(id);
      if (view === undefined) throw interludeError('CREATIVE_NOT_FOUND', 'No creative has this id.', { creativeId: id.slice(0, 80) });
      return { status: 200, body: view };
    },
  },
];
