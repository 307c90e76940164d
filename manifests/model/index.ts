export * from './time.js';
export * from './break.js';
export * from './tagged-segment.js';
export * from './pod.js';
export * from './content-key.js';
export * from './byte-range.js';
