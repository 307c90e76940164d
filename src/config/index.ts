// Typed configuration: schema per area, the one defaults object, the loader.
export * from './fetch-policy.js';
export * from './schema.js';
export * from './defaults.js';
export * from './load.js';
export * from './listen-host.js';
