import express, { type Express, type Router } from 'express';
import type { ChannelService } from '../channels/channel-service.js';
import type { Conditioning } from '../conditioning/create-conditioning.js';
import { CREATIVES_PATH } from '../conditioning/store-paths.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { ReadinessRegistry } from '../observability/readiness.js';
import type { IdempotencyStore } from './idempotency/idempotency-store.js';
import { playerCors } from './middleware/cors.js';
import { errorHandler, notFound } from './middleware/error-handler.js';
import { requestContext } from './middleware/request-context.js';
import { requireApiKey } from './middleware/require-api-key.js';
import { buildControlOpenApi, OPENAPI_PATH } from './openapi/control-openapi.js';
import { CONTROL_BASE_PATH, createControlRouter } from './routes/control-routes.js';
import { createCreativesStatic } from './routes/creatives/creatives-static.js';
import { createHealthRouter } from './routes/health-routes.js';

/** Everything the HTTP edge calls; built by the composition root (src/app.ts). */
export interface HttpServices {
  readonly channels: ChannelService;
  readonly idempotency: IdempotencyStore;
  readonly metrics: Metrics;
  readonly readiness: ReadinessRegistry;
  readonly logger: Logger;
  /** Conditioning: the store served under /creatives and the creatives API; absent when off. */
  readonly conditioning?: Conditioning | undefined;
}

export interface CreateHttpAppOptions {
  readonly services: HttpServices;
  /** When set, /api/v1 requires `Authorization: Bearer <apiKey>` (except the OpenAPI document). */
  readonly apiKey?: string;
  readonly bodyLimitBytes: number;
  readonly idempotencyTtlMs: number;
  /** express `trust proxy`, for client IPs behind a load balancer. */
  readonly trustProxy?: boolean | number | string;
  /** Request id generator; tests inject a deterministic one. */
  readonly newRequestId?: () => string;
  /**
   * EXTENSION POINT for the player routes (`/v1/master/...`, `/v1/manifest/...`,
   * `/v1/dash/...`, `/v1/session/...`, `/v1/tracking/...`, `/v1/segment/...`). Mounted at
   * `/v1` behind CORS (`Access-Control-Allow-Origin: *`, OPTIONS preflight answered 204) and
   * in front of the JSON 404 and the error handler, so it may throw catalogue errors.
   * Use `requestIdOf(res)` / `requestLog(res, logger)` from ./locals.ts inside it.
   */
  readonly playerRouter?: Router;
}

/** The express app: request context, CORS on player routes, health, control plane, errors. */
export function createHttpApp(options: CreateHttpAppOptions): Express {
  const { services } = options;
  const app = express();
  app.disable('x-powered-by');
  if (options.trustProxy !== undefined) app.set('trust proxy', options.trustProxy);

  app.use(requestContext(services.logger, options.newRequestId));
  app.use(express.json({ limit: options.bodyLimitBytes }));

  app.use(createHealthRouter({ readiness: services.readiness, metrics: services.metrics }));

  // Player routes: CORS for every /v1 request (the preflight included) even when no
  // player router is mounted yet, so the 404s a browser sees are readable too.
  app.use('/v1', playerCors());
  if (options.playerRouter !== undefined) app.use('/v1', options.playerRouter);
  const conditioning = services.conditioning;
  if (conditioning?.servesStore === true) app.use(CREATIVES_PATH, createCreativesStatic(conditioning.storeDir));

  const openApi = buildControlOpenApi({ secured: options.apiKey !== undefined });
  app.get(OPENAPI_PATH, (_req, res) => {
    res.json(openApi);
  });
  if (options.apiKey !== undefined) app.use(CONTROL_BASE_PATH, requireApiKey(options.apiKey));
  app.use(CONTROL_BASE_PATH, createControlRouter({
    channels: services.channels,
    idempotency: services.idempotency,
    idempotencyTtlMs: options.idempotencyTtlMs,
    ...(conditioning === undefined ? {} : { creatives: conditioning.status }),
  }));

  app.use(notFound());
  app.use(errorHandler(services.logger));
  return app;
}
