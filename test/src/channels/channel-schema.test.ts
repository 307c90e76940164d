import { describe, expect, it } from 'vitest';
import { adDecisionSchemas, channelSchema } from '../../../src/channels/channel-schema.js';

const base = { origin: 'https://origin.example/', adDecision: { type: 'none' } };

describe('channel schema', () => {
  it.each(['a', 'news', 'news-1', 'a'.repeat(64), '9live'])('accepts id %s', (id) => {
    expect(channelSchema.safeParse({ ...base, id }).success).toBe(true);
  });

  it.each(['', 'News', '-news', 'news-', 'a'.repeat(65), 'a_b', 'a/b', 'a.b'])('rejects id %j', (id) => {
    expect(channelSchema.safeParse({ ...base, id }).success).toBe(false);
  });

  it.each(['ftp://x.example/', 'file:///etc/passwd', 'javascript:alert(1)', '/relative', 'not a url'])('rejects origin %s', (origin) => {
    expect(channelSchema.safeParse({ ...base, id: 'a', origin }).success).toBe(false);
  });

  it('accepts a VAST template URL with MediaTailor macros and defaults its timeout', () => {
    const r = channelSchema.parse({ ...base, id: 'a', adDecision: { type: 'vast', url: 'https://ads.example/v?sid=[session.id]&d=[session.avail_duration_secs]' } });
    expect(r.adDecision).toEqual({ type: 'vast', url: 'https://ads.example/v?sid=[session.id]&d=[session.avail_duration_secs]', timeoutMs: 1500 });
  });

  it('builds the adDecision union from one list of sources', () => {
    expect(adDecisionSchemas.map((s) => s.shape.type.value)).toEqual(['vast', 'openrtb', 'demo', 'none']);
    const r = channelSchema.safeParse({ ...base, id: 'a', adDecision: { type: 'prebid' } });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['adDecision', 'type']);
  });

  it('accepts an OpenRTB adDecision and applies the source\'s own defaults', () => {
    const r = channelSchema.parse({ ...base, id: 'a', adDecision: { type: 'openrtb', tmaxMs: 250, bidders: [{ name: 'dsp-a', endpoint: 'https://dsp.example/ortb' }] } });
    expect(r.adDecision).toMatchObject({ type: 'openrtb', tmaxMs: 250, finishReserveMs: 10, separation: { adomain: true, cat: false }, bidders: [{ name: 'dsp-a', adapter: 'generic', endpoint: 'https://dsp.example/ortb', params: {} }] });
  });

  it('lists every problem of an invalid OpenRTB adDecision, including cross-field rules', () => {
    const empty = channelSchema.safeParse({ ...base, id: 'a', adDecision: { type: 'openrtb', tmaxMs: -5, bidders: [], colour: 'red' } });
    expect(empty.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['adDecision', 'adDecision.bidders', 'adDecision.tmaxMs', 'adDecision.tmaxMs']);
    const overBudget = channelSchema.safeParse({ ...base, id: 'a', adDecision: { type: 'openrtb', tmaxMs: 200, bidders: [{ name: 'a', endpoint: 'https://a.example/', tmaxMs: 400 }] } });
    expect(overBudget.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['adDecision.bidders', 'a bidder tmaxMs exceeds the auction tmaxMs']]);
  });

  it('rejects negative midroll offsets and a bad liveJoinMidBreak', () => {
    const r = channelSchema.safeParse({ ...base, id: 'a', vodMidrollOffsetsSec: [10, -1], liveJoinMidBreak: 'slate' });
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['vodMidrollOffsetsSec.1', 'liveJoinMidBreak']);
  });
});
