import type { Channel } from './channel-schema.js';
import type { ChannelStore } from './channel-store.js';

/** The embedded default: channels in a Map, lost on restart (config-file channels come back). */
export class MemoryChannelStore implements ChannelStore {
  private readonly channels = new Map<string, Channel>();

  get(id: string): Promise<Channel | undefined> {
    const c = this.channels.get(id);
    return Promise.resolve(c === undefined ? undefined : structuredClone(c));
  }

  list(): Promise<Channel[]> {
    const all = [...this.channels.values()].map((c) => structuredClone(c));
    return Promise.resolve(all.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
  }

  create(channel: Channel): Promise<boolean> {
    if (this.channels.has(channel.id)) return Promise.resolve(false);
    this.channels.set(channel.id, structuredClone(channel));
    return Promise.resolve(true);
  }

  replace(channel: Channel): Promise<boolean> {
    if (!this.channels.has(channel.id)) return Promise.resolve(false);
    this.channels.set(channel.id, structuredClone(channel));
    return Promise.resolve(true);
  }

  put(channel: Channel): Promise<void> {
    this.channels.set(channel.id, structuredClone(channel));
    return Promise.resolve();
  }

  delete(id: string): Promise<boolean> {
    return Promise.resolve(this.channels.delete(id));
  }
}
