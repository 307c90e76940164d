import type { AdSourceFactory } from './source-factory.js';
import { createOpenRtbSourceFromParams } from './sources/openrtb/openrtb-source.js';
import { createVastSourceFromParams } from './sources/vast/vast-source.js';

/** Every ad decision source type a channel's `adDecision.type` may name. One line each. */
export const adSourceFactories: Readonly<Record<string, AdSourceFactory>> = {
  vast: createVastSourceFromParams,
  openrtb: createOpenRtbSourceFromParams,
};
