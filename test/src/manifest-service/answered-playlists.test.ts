import { describe, expect, it } from 'vitest';
import { AnsweredPlaylists, type AnswerInputs } from '../../../src/manifest-service/answered-playlists.js';

function clockAt(ms: number): { nowMs(): number; set(v: number): void } {
  let now = ms;
  return { nowMs: () => now, set: (v) => (now = v) };
}

const inputs = (version = 'v1'): AnswerInputs => ({ origin: ORIGIN, channel: CHANNEL, entry: ENTRY, version });
const ORIGIN = {};
const CHANNEL = {};
const ENTRY = {};

describe('AnsweredPlaylists', () => {
  it('reuses an answer only for the very inputs it was made from', () => {
    const answered = new AnsweredPlaylists(clockAt(0));
    const body = Buffer.from('#EXTM3U\n');
    answered.remember('s1', 0, body, inputs(), 0);
    expect(answered.reuse('s1', 0, inputs())).toBe(body);
    expect(answered.reuse('s1', 0, inputs('v2'))).toBeUndefined();
    expect(answered.reuse('s1', 0, { ...inputs(), origin: {} })).toBeUndefined();
    expect(answered.reuse('s1', 0, { ...inputs(), channel: {} })).toBeUndefined();
    expect(answered.reuse('s1', 0, { ...inputs(), entry: {} })).toBeUndefined();
    expect(answered.reuse('s1', 1, inputs())).toBeUndefined();
    expect(answered.reuse('s2', 0, inputs())).toBeUndefined();
  });

  it('keeps an answer made from partial inputs for the stale fallback only', () => {
    const clock = clockAt(1_000);
    const answered = new AnsweredPlaylists(clock);
    const body = Buffer.from('#EXTM3U\n#partial\n');
    answered.remember('s1', 0, body, undefined, 6_000);
    expect(answered.reuse('s1', 0, inputs())).toBeUndefined();
    clock.set(7_000);
    expect(answered.recall('s1', 0)).toEqual({ body, ageMs: 6_000 });
    clock.set(7_001);
    expect(answered.recall('s1', 0)).toBeUndefined();
    // a VOD answer (fresh for 0 ms) never stands in, not even in the same millisecond
    answered.remember('vod', 0, body, inputs(), 0);
    expect(answered.recall('vod', 0)).toBeUndefined();
  });

  it('keeps the answers that are being reused, dropping the idle ones first', () => {
    const answered = new AnsweredPlaylists(clockAt(0), { maxEntries: 2 });
    answered.remember('hot', 0, Buffer.alloc(1), inputs(), 0);
    answered.remember('idle', 0, Buffer.alloc(1), inputs(), 0);
    expect(answered.reuse('hot', 0, inputs())).toBeDefined();
    answered.remember('new', 0, Buffer.alloc(1), inputs(), 0);
    expect(answered.reuse('idle', 0, inputs())).toBeUndefined();
    expect(answered.reuse('hot', 0, inputs())).toBeDefined();
  });

  it('drops the oldest answers beyond its entry and byte bounds', () => {
    const answered = new AnsweredPlaylists(clockAt(0), { maxEntries: 3, maxBytes: 25 });
    // recall (fresh for 1 s) looks without touching the order
    const held = (id: string) => answered.recall(id, 0) !== undefined;
    for (const id of ['a', 'b', 'c']) answered.remember(id, 0, Buffer.alloc(10), inputs(), 1_000);
    // 30 bytes > 25: 'a' went
    expect(['a', 'b', 'c'].map(held)).toEqual([false, true, true]);
    answered.remember('d', 0, Buffer.alloc(5), inputs(), 1_000);
    answered.remember('e', 0, Buffer.alloc(5), inputs(), 1_000);
    // 4 entries > 3: 'b' went; c, d, e = 20 bytes stay
    expect(['b', 'c', 'd', 'e'].map(held)).toEqual([false, true, true, true]);
    // replacing an answer releases its bytes and makes it the newest: 'd' is now the oldest
    answered.remember('c', 0, Buffer.alloc(15), inputs(), 1_000);
    expect(held('d')).toBe(true);
    answered.remember('f', 0, Buffer.alloc(1), inputs(), 1_000);
    expect(['d', 'e', 'c', 'f'].map(held)).toEqual([false, true, true, true]);
  });
});
