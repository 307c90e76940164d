/**
 * What the VAST source can do, as data (STYLE §3): read by the control plane to describe
 * the source and by config validation to bound params.
 */
export const vastCapabilities = {
  name: 'vast',
  mediaTypes: ['video'],
  protocols: ['VAST 2.0', 'VAST 3.0', 'VAST 4.0', 'VAST 4.1', 'VAST 4.2'],
  /** Playable as is; MP4-only ads go through conditioning (src/conditioning) when a resolver is injected. */
  playableMimeTypes: ['application/x-mpegurl', 'application/vnd.apple.mpegurl'],
  playableDelivery: 'streaming',
  maxWrapperDepth: 10,
  defaultWrapperDepth: 7,
  defaultTimeoutMs: 1_500,
  pods: true,
  buffet: true,
} as const;
