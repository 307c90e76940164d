import { z } from 'zod';
import { channelReplaceSchema, channelSchema } from '../../channels/channel-schema.js';
import { creativeViewSchema } from '../../conditioning/creative-status.js';
import { SERVICE_ERROR_CODES, type ServiceErrorCode } from '../../errors/index.js';
import { CONTROL_BASE_PATH, CONTROL_ROUTES, type ControlRoute, type SchemaName } from '../routes/control-routes.js';

export const OPENAPI_PATH = `${CONTROL_BASE_PATH}/openapi.json`;

type JsonSchema = Record<string, unknown>;

/** A zod schema as a JSON Schema (draft 2020-12, which OpenAPI 3.1 uses), without `$schema`. */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function componentSchemas(): Record<SchemaName | 'Error', JsonSchema> {
  return {
    Channel: jsonSchema(channelSchema, 'output'),
    ChannelInput: jsonSchema(channelSchema, 'input'),
    ChannelReplace: jsonSchema(channelReplaceSchema, 'input'),
    Creative: jsonSchema(creativeViewSchema, 'output'),
    CreativeList: {
      type: 'object',
      properties: { creatives: { type: 'array', items: ref('Creative') } },
      required: ['creatives'],
      additionalProperties: false,
    },
    ChannelList: {
      type: 'object',
      properties: { channels: { type: 'array', items: ref('Channel') } },
      required: ['channels'],
      additionalProperties: false,
    },
    Error: {
      type: 'object',
      properties: {
        error: {
          type: 'object',
          properties: {
            code: { type: 'string', enum: Object.keys(SERVICE_ERROR_CODES) },
            message: { type: 'string' },
            requestId: { type: 'string' },
            issues: {
              type: 'array',
              items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } }, required: ['path', 'message'] },
            },
          },
          required: ['code', 'message'],
          additionalProperties: true,
        },
      },
      required: ['error'],
    },
  };
}

/** `/channels/:id` → `/channels/{id}` plus its path parameters. */
function openApiPath(expressPath: string): { path: string; params: string[] } {
  const params: string[] = [];
  const path = expressPath.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => {
    params.push(name);
    return `{${name}}`;
  });
  return { path: `${CONTROL_BASE_PATH}${path}`, params };
}

function errorResponses(codes: readonly ServiceErrorCode[]): Record<string, unknown> {
  const byStatus = new Map<number, ServiceErrorCode[]>();
  for (const code of codes) {
    const status = SERVICE_ERROR_CODES[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const out: Record<string, unknown> = {};
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    out[String(status)] = { description: list.join(', '), content: { 'application/json': { schema: ref('Error') } } };
  }
  return out;
}

function operation(route: ControlRoute, secured: boolean, params: readonly string[]): Record<string, unknown> {
  const codes: ServiceErrorCode[] = [...route.errors, ...(secured ? ['AUTH_REQUIRED' as const] : []), 'INTERNAL'];
  const success: Record<string, unknown> = { description: route.success.description };
  if (route.success.schema !== undefined) success.content = { 'application/json': { schema: ref(route.success.schema) } };
  const op: Record<string, unknown> = {
    operationId: route.operationId,
    summary: route.summary,
    responses: { [String(route.success.status)]: success, ...errorResponses(codes) },
  };
  const parameters: unknown[] = params.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
  if (route.idempotent) {
    parameters.push({
      name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 255 },
      description: 'A retry with the same key and body gets the first answer (kept 24 h) and changes nothing; the same key with another body is 422.',
    });
  }
  if (parameters.length > 0) op.parameters = parameters;
  if (route.requestBody !== undefined) {
    op.requestBody = { required: true, content: { 'application/json': { schema: ref(route.requestBody) } } };
  }
  if (secured) op.security = [{ bearer: [] }];
  return op;
}

export interface OpenApiOptions {
  /** Whether the control plane requires the API key (documents the bearer scheme). */
  readonly secured: boolean;
  readonly serverUrl?: string;
  readonly version?: string;
}

/**
 * The control plane as an OpenAPI 3.1 document, built from the route table and the zod
 * schemas so neither can drift from what is served.
 */
export function buildControlOpenApi(options: OpenApiOptions, routes: readonly ControlRoute[] = CONTROL_ROUTES): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const { path, params } = openApiPath(route.path);
    paths[path] = { ...paths[path], [route.method]: operation(route, options.secured, params) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Interlude control plane',
      version: options.version ?? '1',
      description: 'Channels: origins, ad decision sources and break behaviour. Errors are `{ error: { code, message, ... } }`; docs/errors.md lists every code.',
    },
    ...(options.serverUrl === undefined ? {} : { servers: [{ url: options.serverUrl }] }),
    paths,
    components: {
      schemas: componentSchemas(),
      ...(options.secured ? { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'INTERLUDE_API_KEY' } } } : {}),
    },
  };
}
