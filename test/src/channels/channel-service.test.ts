import { describe, expect, it } from 'vitest';
import { ChannelService } from '../../../src/channels/channel-service.js';
import { MemoryChannelStore } from '../../../src/channels/memory-channel-store.js';
import { InterludeError } from '../../../src/errors/interlude-error.js';
import { sampleChannel } from '../../contract/channel-store.contract.js';

function setup(startMs = Date.parse('2025-03-01T12:00:00Z')) {
  let now = startMs;
  const store = new MemoryChannelStore();
  const service = new ChannelService({ store, clock: { nowMs: () => now } });
  return { store, service, advance: (ms: number) => { now += ms; } };
}

async function rejection(p: Promise<unknown>): Promise<InterludeError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof InterludeError) return e;
    throw e;
  }
  throw new Error('expected a rejection');
}

const minimal = { id: 'news', origin: 'https://origin.example/news/', adDecision: { type: 'demo' } };

describe('ChannelService', () => {
  it('creates with defaults applied and createdAt from the clock, ignoring a client createdAt', async () => {
    const { service, store } = setup();
    const c = await service.create({ ...minimal, createdAt: '1999-01-01T00:00:00Z' });
    expect(c).toEqual({ ...minimal, vodMidrollOffsetsSec: [], vodPreroll: true, liveJoinMidBreak: 'ad', createdAt: '2025-03-01T12:00:00.000Z' });
    expect(await store.get('news')).toEqual(c);
  });

  it('refuses a second create of the same id with CHANNEL_EXISTS', async () => {
    const { service } = setup();
    await service.create(minimal);
    const e = await rejection(service.create({ ...minimal, origin: 'https://other.example/' }));
    expect(e.code).toBe('CHANNEL_EXISTS');
    expect(e.context.channelId).toBe('news');
  });

  it('lists every problem of a bad channel in one CHANNEL_INVALID', async () => {
    const { service, store } = setup();
    const e = await rejection(service.create({ id: 'No Spaces', origin: 'javascript:alert(1)', adDecision: { type: 'vast', url: 'nope', timeoutMs: -1 }, vodPreroll: 'yes', extra: 1 }));
    expect(e.code).toBe('CHANNEL_INVALID');
    const paths = (e.context.issues as Array<{ path: string }>).map((i) => i.path).sort();
    expect(paths).toEqual(['adDecision.timeoutMs', 'adDecision.url', 'extra', 'id', 'origin', 'vodPreroll']);
    expect(await store.list()).toEqual([]);
  });

  it('replaces keeping createdAt, and 404s an unknown id', async () => {
    const { service, advance } = setup();
    const first = await service.create(minimal);
    advance(60_000);
    const { id: _id, ...withoutId } = minimal;
    const r = await service.replace('news', { ...withoutId, adDecision: { type: 'none' } });
    expect(r.adDecision).toEqual({ type: 'none' });
    expect(r.createdAt).toBe(first.createdAt);
    expect((await rejection(service.replace('gone', minimal))).code).toBe('CHANNEL_INVALID'); // id mismatch first
    expect((await rejection(service.replace('gone', withoutId))).code).toBe('CHANNEL_NOT_FOUND');
  });

  it('refuses a PUT body whose id differs from the path', async () => {
    const { service } = setup();
    await service.create(minimal);
    const e = await rejection(service.replace('news', { ...minimal, id: 'sports' }));
    expect(e.code).toBe('CHANNEL_INVALID');
    expect(e.context.issues).toEqual([{ path: 'id', message: expect.stringContaining('news') }]);
  });

  it('deletes, then reports CHANNEL_NOT_FOUND', async () => {
    const { service } = setup();
    await service.create(minimal);
    await service.delete('news');
    expect((await rejection(service.delete('news'))).code).toBe('CHANNEL_NOT_FOUND');
    expect((await rejection(service.get('news'))).code).toBe('CHANNEL_NOT_FOUND');
    expect(await service.find('news')).toBeUndefined();
    expect(await service.find('../../etc')).toBeUndefined();
  });

  it('seeds config channels over what is stored, keeping their createdAt', async () => {
    const { service, store } = setup();
    await store.put(sampleChannel({ createdAt: '2020-01-01T00:00:00.000Z' }));
    await service.seed([sampleChannel({ origin: 'https://from-config.example/', createdAt: undefined }), sampleChannel({ id: 'kids', createdAt: undefined })]);
    expect(await store.get('news')).toMatchObject({ origin: 'https://from-config.example/', createdAt: '2020-01-01T00:00:00.000Z' });
    expect((await store.get('kids'))?.createdAt).toBe('2025-03-01T12:00:00.000Z');
  });
});
