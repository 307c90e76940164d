import type { InterludeConfig } from './schema.js';

export interface ListenHost {
  readonly host: string;
  /** Set when the configured host was overridden; the caller logs it as a warning. */
  readonly forcedReason?: string;
}

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1)$/;

/**
 * The interface to listen on. Without an API key the control plane is open, so the service
 * listens on loopback only, whatever the config says: an unauthenticated API that can point
 * channels at arbitrary URLs must not be reachable from the network.
 */
export function listenHost(config: Pick<InterludeConfig, 'server' | 'controlPlane'>): ListenHost {
  const configured = config.server.host;
  if (config.controlPlane.apiKey !== undefined || LOOPBACK.test(configured)) return { host: configured };
  return {
    host: '127.0.0.1',
    forcedReason: `INTERLUDE_API_KEY is not set, so the control plane is unauthenticated: listening on 127.0.0.1 instead of ${configured}. Set INTERLUDE_API_KEY to listen on other interfaces.`,
  };
}
