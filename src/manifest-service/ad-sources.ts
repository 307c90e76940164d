/**
 * Builds a channel's AdSource through the source registry (decisioning/registry.ts) for each
 * decision, with the request's logger, so a source's own warnings carry the request, session
 * and channel ids. Building is cheap (a params check) and decisions are rare: once per
 * (session, break).
 */
import type { Channel } from '../channels/channel-schema.js';
import type { AdSource } from '../decisioning/ad-source.js';
import { adSourceFactories } from '../decisioning/registry.js';
import type { SourceDeps } from '../decisioning/source-factory.js';
import type { Logger } from '../observability/logger.js';

export interface AdSourcesOptions {
  readonly deps: SourceDeps;
  readonly maxWrapperDepth: number;
  readonly logger: Logger;
}

export class AdSources {
  readonly #opts: AdSourcesOptions;

  constructor(opts: AdSourcesOptions) {
    this.#opts = opts;
  }

  /** The channel's source; undefined when it has none ('none') or its config cannot build one (logged). */
  forChannel(channel: Channel, logger: Logger = this.#opts.logger): AdSource | undefined {
    const { type, ...rest } = channel.adDecision;
    if (type === 'none') return undefined;
    const factory = adSourceFactories[type];
    if (factory === undefined) {
      logger.warn({ channelId: channel.id, type }, 'no ad source is registered for this adDecision type; breaks play content');
      return undefined;
    }
    const params = type === 'vast' ? { ...rest, maxWrapperDepth: this.#opts.maxWrapperDepth } : rest;
    const built = factory(params, { ...this.#opts.deps, logger });
    if (!built.ok) {
      logger.warn({ channelId: channel.id, type, problems: built.error }, 'ad source params rejected; breaks play content');
      return undefined;
    }
    return built.value;
  }
}
