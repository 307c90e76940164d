// The service's error vocabulary: catalogue, typed error, and its HTTP mapping.
export * from './codes.js';
export * from './interlude-error.js';
export * from './to-http.js';
export * from './zod-issues.js';
