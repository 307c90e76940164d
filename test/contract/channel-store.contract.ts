// The one conformance suite of ChannelStore (STYLE §12), run once per implementation through
// a factory: test/src/channels/channel-store.{memory,redis}.test.ts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Channel } from '../../src/channels/channel-schema.js';
import type { ChannelStore } from '../../src/channels/channel-store.js';

export interface ChannelStoreFixture {
  readonly store: ChannelStore;
  /** A second store on the same backend (another instance of the service). */
  readonly peer: ChannelStore;
  close(): Promise<void>;
}

export function sampleChannel(overrides: Partial<Channel> = {}): Channel {
  return {
    id: 'news',
    origin: 'https://origin.example/news/',
    adDecision: { type: 'vast', url: 'https://ads.example/vast?sid=[session.id]', timeoutMs: 1500 },
    slate: 'https://cdn.example/slate/index.m3u8',
    vodMidrollOffsetsSec: [300, 600.5],
    vodPreroll: false,
    liveJoinMidBreak: 'content',
    createdAt: '2024-01-02T03:04:05.000Z',
    ...overrides,
  };
}

export function channelStoreContract(name: string, makeFixture: () => Promise<ChannelStoreFixture>): void {
  describe(`ChannelStore contract: ${name}`, () => {
    let fx: ChannelStoreFixture;
    beforeEach(async () => {
      fx = await makeFixture();
    });
    afterEach(async () => {
      await fx.close();
    });

    it('returns undefined and an empty list when empty', async () => {
      expect(await fx.store.get('news')).toBeUndefined();
      expect(await fx.store.list()).toEqual([]);
    });

    it('round-trips every field of a channel', async () => {
      const c = sampleChannel();
      expect(await fx.store.create(c)).toBe(true);
      expect(await fx.store.get('news')).toEqual(c);
      expect(await fx.peer.get('news')).toEqual(c);
    });

    it('create never overwrites', async () => {
      await fx.store.create(sampleChannel());
      expect(await fx.peer.create(sampleChannel({ origin: 'https://other.example/' }))).toBe(false);
      expect((await fx.store.get('news'))?.origin).toBe('https://origin.example/news/');
    });

    it('exactly one of several racing creates wins', async () => {
      const results = await Promise.all([
        fx.store.create(sampleChannel({ origin: 'https://a.example/' })),
        fx.peer.create(sampleChannel({ origin: 'https://b.example/' })),
        fx.store.create(sampleChannel({ origin: 'https://c.example/' })),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await fx.store.list()).toHaveLength(1);
    });

    it('replace overwrites an existing channel and never creates', async () => {
      expect(await fx.store.replace(sampleChannel())).toBe(false);
      expect(await fx.store.get('news')).toBeUndefined();
      expect(await fx.store.list()).toEqual([]);
      await fx.store.create(sampleChannel());
      expect(await fx.peer.replace(sampleChannel({ adDecision: { type: 'none' } }))).toBe(true);
      expect((await fx.store.get('news'))?.adDecision).toEqual({ type: 'none' });
    });

    it('put creates or replaces', async () => {
      await fx.store.put(sampleChannel());
      await fx.store.put(sampleChannel({ vodPreroll: true }));
      expect(await fx.store.list()).toEqual([sampleChannel({ vodPreroll: true })]);
    });

    it('lists every channel once, sorted by id', async () => {
      for (const id of ['sports', 'a-1', 'news', 'kids']) await fx.store.create(sampleChannel({ id }));
      await fx.store.put(sampleChannel({ id: 'news' }));
      expect((await fx.peer.list()).map((c) => c.id)).toEqual(['a-1', 'kids', 'news', 'sports']);
    });

    it('delete removes the channel from get and list, and reports absence', async () => {
      await fx.store.create(sampleChannel({ id: 'a' }));
      await fx.store.create(sampleChannel({ id: 'b' }));
      expect(await fx.peer.delete('a')).toBe(true);
      expect(await fx.store.get('a')).toBeUndefined();
      expect((await fx.store.list()).map((c) => c.id)).toEqual(['b']);
      expect(await fx.store.delete('a')).toBe(false);
      // a deleted id is free again
      expect(await fx.store.create(sampleChannel({ id: 'a' }))).toBe(true);
    });

    it('stores copies: mutating what went in or came out changes nothing stored', async () => {
      const c = sampleChannel();
      await fx.store.create(c);
      c.vodMidrollOffsetsSec.push(999);
      const got = await fx.store.get('news');
      expect(got?.vodMidrollOffsetsSec).toEqual([300, 600.5]);
      got!.vodMidrollOffsetsSec.push(1);
      (await fx.store.list())[0]!.vodMidrollOffsetsSec.push(2);
      expect((await fx.store.get('news'))?.vodMidrollOffsetsSec).toEqual([300, 600.5]);
    });
  });
}
