/**
 * What the OpenRTB source can do, as data (STYLE §3): read by the control plane to describe
 * the source and by docs. Bounds here match params.ts.
 */
export const openRtbCapabilities = {
  name: 'openrtb',
  openRtbVersion: '2.6',
  mediaTypes: ['video'],
  /** What the channel can condition; only HLS plays before transcode/ is wired in. */
  requestMimes: ['video/mp4', 'application/x-mpegURL'],
  protocols: ['VAST 2.0', 'VAST 3.0', 'VAST 4.x', 'VAST 2.0 Wrapper', 'VAST 3.0 Wrapper', 'VAST 4.x Wrapper'],
  podModes: ['dynamic', 'structured', 'hybrid'],
  priceRules: ['first', 'second'],
  separation: ['adomain', 'cat'],
  defaultTmaxMs: 300,
  maxTmaxMs: 5_000,
  maxBidders: 64,
  ssai: 3,
  deviceTypeCtv: 3,
} as const;
