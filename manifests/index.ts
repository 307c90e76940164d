// The only entry point that src/ and transcode/ import from the pure core.
export * from './result.js';
export * from './errors.js';
export * from './model/index.js';
export * from './hls/index.js';
export * from './scte35/index.js';
export * from './cues/index.js';
export * from './splice/index.js';
