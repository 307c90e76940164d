// Server-side beacon firing: pure decisions the segment route hands to BeaconTracker.fireOnce.
export * from './trigger-points.js';
export * from './segment-beacons.js';
export * from './error-beacons.js';
export * from './break-context.js';
export * from './reporting-mode.js';
export * from './vast-error-codes.js';
