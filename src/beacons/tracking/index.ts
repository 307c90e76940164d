// Client-side tracking JSON for GET /v1/tracking/:session.
export * from './tracking-json.js';
export type * from './tracking-types.js';
