import { Router, type Request } from 'express';
import type { ChannelService } from '../../channels/channel-service.js';
import { interludeError, type ServiceErrorCode } from '../../errors/index.js';
import type { IdempotencyAnswer, IdempotencyStore } from '../idempotency/idempotency-store.js';
import { answering, idempotent } from '../idempotency/idempotent.js';
import { CREATIVE_ROUTES, type CreativeRouteContext } from './creatives/creative-routes.js';

/** The control plane's base path; the player routes live under /v1 instead. */
export const CONTROL_BASE_PATH = '/api/v1';

/** Names of the schemas in the OpenAPI document's components (see openapi/control-openapi.ts). */
export type SchemaName = 'Channel' | 'ChannelInput' | 'ChannelReplace' | 'ChannelList' | 'Creative' | 'CreativeList';

/** Services beyond channels that some routes read (each optional: absent means "off"). */
export type ControlContext = CreativeRouteContext;

/**
 * One control-plane route. This table drives both the express router and the OpenAPI
 * document, so a route cannot exist without being documented (and the docs test checks
 * the router's actual stack against the document anyway).
 */
export interface ControlRoute {
  readonly method: 'get' | 'post' | 'put' | 'delete';
  /** Express path under CONTROL_BASE_PATH, e.g. `/channels/:id`. */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly requestBody?: SchemaName;
  readonly success: { readonly status: number; readonly description: string; readonly schema?: SchemaName };
  /** Catalogue codes the route can answer with (besides AUTH_REQUIRED and INTERNAL). */
  readonly errors: readonly ServiceErrorCode[];
  /** Honours Idempotency-Key. */
  readonly idempotent: boolean;
  handle(req: Request, channels: ChannelService, ctx: ControlContext): Promise<IdempotencyAnswer>;
}

function jsonBody(req: Request): unknown {
  if (req.body === undefined) {
    throw interludeError('REQUEST_INVALID', 'Expected a JSON body.', {
      issues: [{ path: '(body)', message: 'missing; send JSON with Content-Type: application/json' }],
    });
  }
  return req.body;
}

function idParam(req: Request): string {
  return String(req.params.id);
}

const IDEMPOTENCY_ERRORS: readonly ServiceErrorCode[] = ['IDEMPOTENCY_CONFLICT', 'IDEMPOTENCY_IN_PROGRESS'];

export const CONTROL_ROUTES: readonly ControlRoute[] = [
  {
    method: 'get', path: '/channels', operationId: 'listChannels', summary: 'List every channel, sorted by id.',
    success: { status: 200, description: 'The channels.', schema: 'ChannelList' },
    errors: [], idempotent: false,
    handle: async (_req, channels) => ({ status: 200, body: { channels: await channels.list() } }),
  },
  {
    method: 'post', path: '/channels', operationId: 'createChannel', summary: 'Create a channel.',
    requestBody: 'ChannelInput',
    success: { status: 201, description: 'The channel as stored, defaults applied.', schema: 'Channel' },
    errors: ['REQUEST_INVALID', 'CHANNEL_INVALID', 'CHANNEL_EXISTS', 'REQUEST_TOO_LARGE', ...IDEMPOTENCY_ERRORS], idempotent: true,
    handle: async (req, channels) => ({ status: 201, body: await channels.create(jsonBody(req)) }),
  },
  {
    method: 'get', path: '/channels/:id', operationId: 'getChannel', summary: 'Read one channel.',
    success: { status: 200, description: 'The channel.', schema: 'Channel' },
    errors: ['CHANNEL_NOT_FOUND'], idempotent: false,
    handle: async (req, channels) => ({ status: 200, body: await channels.get(idParam(req)) }),
  },
  {
    method: 'put', path: '/channels/:id', operationId: 'replaceChannel', summary: 'Replace an existing channel (createdAt is kept).',
    requestBody: 'ChannelReplace',
    success: { status: 200, description: 'The channel as stored, defaults applied.', schema: 'Channel' },
    errors: ['REQUEST_INVALID', 'CHANNEL_INVALID', 'CHANNEL_NOT_FOUND', 'REQUEST_TOO_LARGE', ...IDEMPOTENCY_ERRORS], idempotent: true,
    handle: async (req, channels) => ({ status: 200, body: await channels.replace(idParam(req), jsonBody(req)) }),
  },
  {
    method: 'delete', path: '/channels/:id', operationId: 'deleteChannel', summary: 'Delete a channel. Sessions already playing it keep their copy.',
    success: { status: 204, description: 'Deleted.' },
    errors: ['CHANNEL_NOT_FOUND'], idempotent: false,
    handle: async (req, channels) => {
      await channels.delete(idParam(req));
      return { status: 204, body: null };
    },
  },
  ...CREATIVE_ROUTES,
];

export interface ControlRouterDeps {
  readonly channels: ChannelService;
  readonly idempotency: IdempotencyStore;
  readonly idempotencyTtlMs: number;
  /** Conditioned creatives' status (GET /creatives); the list is empty without it. */
  readonly creatives?: ControlContext['creatives'];
}

/** The control plane's routes (auth is applied by the app around this router). */
export function createControlRouter(deps: ControlRouterDeps, routes: readonly ControlRoute[] = CONTROL_ROUTES): Router {
  const router = Router();
  for (const route of routes) {
    const ctx: ControlContext = deps.creatives === undefined ? {} : { creatives: deps.creatives };
    const run = (req: Request) => route.handle(req, deps.channels, ctx);
    // GET and DELETE are idempotent by nature and ignore the header
    const handler = route.idempotent ? idempotent(deps.idempotency, deps.idempotencyTtlMs, run) : answering(run);
    router[route.method](route.path, handler);
  }
  return router;
}
