import type { Channel } from './channel-schema.js';

/**
 * Where channel definitions live: in the process (embedded default) or in Redis (shared by
 * every instance). Implementations store what they are given; validation, defaults and
 * `createdAt` belong to the ChannelService above them.
 *
 * Guarantees every implementation keeps (test/contract/channel-store.contract.ts checks them):
 * - Each method is atomic per channel id: `create` never overwrites and `replace` never
 *   creates, even when several instances race on the same id.
 * - Values are copies: mutating a channel passed in or returned never changes what is stored.
 * - `list` returns every stored channel exactly once, sorted by id.
 * - Absent is not an error: `get` resolves undefined, `replace`/`delete` resolve false.
 *
 * Errors: a backend that cannot be reached rejects with STORE_UNAVAILABLE; a stored record
 * that no longer parses rejects with STORE_CORRUPT. No other rejections.
 */
export interface ChannelStore {
  get(id: string): Promise<Channel | undefined>;
  list(): Promise<Channel[]>;
  /** Stores the channel only if its id is free; false when it already exists. */
  create(channel: Channel): Promise<boolean>;
  /** Overwrites an existing channel; false (and nothing stored) when there is none. */
  replace(channel: Channel): Promise<boolean>;
  /** Creates or replaces. */
  put(channel: Channel): Promise<void>;
  /** Removes the channel; false when there was none. */
  delete(id: string): Promise<boolean>;
}
