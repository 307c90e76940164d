import { interludeError, issuesContext, issuesFromZod } from '../errors/index.js';
import type { Logger } from '../observability/logger.js';
import { channelIdSchema, channelReplaceSchema, channelSchema, type Channel } from './channel-schema.js';
import type { ChannelStore } from './channel-store.js';

/** What the service needs of a clock: epoch milliseconds. */
export interface ChannelClock {
  nowMs(): number;
}

export interface ChannelServiceDeps {
  readonly store: ChannelStore;
  readonly clock: ChannelClock;
  readonly logger?: Logger;
}

/**
 * The control plane's channel operations, transport-free (no express types): validation,
 * create conflicts, `createdAt`, and the config-file channels loaded at start. HTTP routes,
 * the CLI and the player path (`find`) all go through it.
 *
 * Throws only catalogue errors: CHANNEL_INVALID (every problem listed), CHANNEL_EXISTS,
 * CHANNEL_NOT_FOUND, and the store's STORE_UNAVAILABLE / STORE_CORRUPT.
 */
export class ChannelService {
  private readonly store: ChannelStore;
  private readonly clock: ChannelClock;
  private readonly logger: Logger | undefined;

  constructor(deps: ChannelServiceDeps) {
    this.store = deps.store;
    this.clock = deps.clock;
    this.logger = deps.logger;
  }

  list(): Promise<Channel[]> {
    return this.store.list();
  }

  /** The channel, or undefined; for the player path, which answers its own 404. */
  find(id: string): Promise<Channel | undefined> {
    return channelIdSchema.safeParse(id).success ? this.store.get(id) : Promise.resolve(undefined);
  }

  async get(id: string): Promise<Channel> {
    const channel = await this.find(id);
    if (channel === undefined) throw notFound(id);
    return channel;
  }

  /** Validates a POST body and stores it; CHANNEL_EXISTS when the id is taken. */
  async create(input: unknown): Promise<Channel> {
    const parsed = channelSchema.safeParse(input);
    if (!parsed.success) throw invalid(parsed.error, idOf(input));
    const channel: Channel = { ...parsed.data, createdAt: this.now() };
    if (!(await this.store.create(channel))) {
      throw interludeError('CHANNEL_EXISTS', `Channel "${channel.id}" already exists.`, { channelId: channel.id });
    }
    this.logger?.info({ channelId: channel.id }, 'channel created');
    return channel;
  }

  /** Validates a PUT body and replaces the channel; its `createdAt` is kept. */
  async replace(id: string, input: unknown): Promise<Channel> {
    const parsed = channelReplaceSchema.safeParse(input);
    if (!parsed.success) throw invalid(parsed.error, id);
    if (parsed.data.id !== undefined && parsed.data.id !== id) {
      throw interludeError('CHANNEL_INVALID', 'The body\'s id differs from the path\'s.', {
        channelId: id,
        issues: issuesContext([{ path: 'id', message: `must equal the path id "${id}" (or be left out)` }]),
      });
    }
    const existing = await this.find(id);
    if (existing === undefined) throw notFound(id);
    const channel: Channel = { ...parsed.data, id, createdAt: existing.createdAt ?? this.now() };
    // lost a race with a DELETE: report what the client would have seen a moment later
    if (!(await this.store.replace(channel))) throw notFound(id);
    this.logger?.info({ channelId: id }, 'channel replaced');
    return channel;
  }

  async delete(id: string): Promise<void> {
    if (!channelIdSchema.safeParse(id).success || !(await this.store.delete(id))) throw notFound(id);
    this.logger?.info({ channelId: id }, 'channel deleted');
  }

  /**
   * Config-file channels, already validated by the config schema. The config is the source
   * of truth for these ids: each is written over whatever the store holds (its `createdAt`
   * kept), so every instance that starts converges on the file.
   */
  async seed(channels: readonly Channel[]): Promise<void> {
    for (const c of channels) {
      const existing = await this.store.get(c.id);
      await this.store.put({ ...c, createdAt: existing?.createdAt ?? c.createdAt ?? this.now() });
    }
    if (channels.length > 0) this.logger?.info({ channels: channels.map((c) => c.id) }, 'config channels loaded');
  }

  private now(): string {
    return new Date(this.clock.nowMs()).toISOString();
  }
}

function notFound(id: string) {
  return interludeError('CHANNEL_NOT_FOUND', `No channel "${id}".`, { channelId: id });
}

function idOf(input: unknown): string | undefined {
  const id = typeof input === 'object' && input !== null ? (input as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : undefined;
}

function invalid(error: Parameters<typeof issuesFromZod>[0], channelId: string | undefined) {
  const issues = issuesFromZod(error);
  const n = issues.length;
  return interludeError('CHANNEL_INVALID', `The channel is invalid (${n} problem${n === 1 ? '' : 's'}).`, {
    ...(channelId === undefined ? {} : { channelId }),
    issues: issuesContext(issues),
  });
}
