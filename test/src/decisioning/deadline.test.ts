import { describe, expect, it } from 'vitest';
import type { Break, Pod } from '../../../manifests/index.js';
import type { AdSource } from '../../../src/decisioning/ad-source.js';
import { createDeadline } from '../../../src/decisioning/deadline.js';
import { decideWithDeadline } from '../../../src/decisioning/source-outcome.js';
import type { Session } from '../../../src/sessions/session.js';

const brk: Break = { id: 'b', startUs: 0, durationUs: 30_000_000, mediaSequence: 0, dialect: 'cue-out', joinedMidBreak: false };
const session = { id: 's' } as Session;
const avail = { availNum: 1, availIndex: 0 };
const pod = (n: number): Pod => ({ breakId: 'b', source: 't', ads: Array.from({ length: n }, (_x, i) => ({ id: `a${i}`, sequence: i + 1, adId: 'a', creativeId: 'c', durationUs: 1, hlsUrl: 'https://x/a.m3u8', tracking: {} })), filledUs: n, notes: [] });

describe('deadline', () => {
  it('reports time left on the injected clock and never goes negative', () => {
    let now = 1_000;
    const d = createDeadline(500, { nowMs: () => now });
    expect(d.atMs).toBe(1_500);
    now = 1_200;
    expect(d.remainingMs()).toBe(300);
    now = 9_999;
    expect(d.remainingMs()).toBe(0);
    d.dispose();
  });

  it('aborts its signal after the timeout, and with a parent signal', async () => {
    const d = createDeadline(30, { nowMs: () => 0 });
    await new Promise((r) => setTimeout(r, 60));
    expect(d.signal.aborted).toBe(true);
    expect((d.signal.reason as Error).name).toBe('DeadlineExceeded');
    const parent = new AbortController();
    const child = createDeadline(10_000, { nowMs: () => 0 }, parent.signal);
    parent.abort();
    expect(child.signal.aborted).toBe(true);
    child.dispose();
  });

  it('dispose stops the timer: the signal never fires', async () => {
    const d = createDeadline(20, { nowMs: () => 0 });
    d.dispose();
    await new Promise((r) => setTimeout(r, 50));
    expect(d.signal.aborted).toBe(false);
  });
});

describe('decideWithDeadline', () => {
  const clock = { nowMs: () => Date.now() };
  it('classifies filled and empty answers', async () => {
    const src = (n: number): AdSource => ({ name: 't', decide: () => Promise.resolve(pod(n)) });
    expect((await decideWithDeadline(src(2), brk, session, avail, createDeadline(1000, clock), clock)).outcome).toBe('filled');
    expect((await decideWithDeadline(src(0), brk, session, avail, createDeadline(1000, clock), clock)).outcome).toBe('empty');
  });

  it('answers an empty pod at the deadline even when the source ignores its signal', async () => {
    const stubborn: AdSource = { name: 'slow', decide: () => new Promise((r) => setTimeout(() => r(pod(1)), 1_000)) };
    const t0 = Date.now();
    const r = await decideWithDeadline(stubborn, brk, session, avail, createDeadline(100, clock), clock);
    expect(Date.now() - t0).toBeLessThan(300);
    expect(r.outcome).toBe('late');
    expect(r.pod).toMatchObject({ breakId: 'b', source: 'slow', ads: [], notes: ['deadline passed: slow did not answer in time'] });
  });

  it('turns a rejecting source (a bug) into an empty pod with outcome failed', async () => {
    const broken: AdSource = { name: 'bug', decide: () => Promise.reject(new TypeError('x is undefined')) };
    const r = await decideWithDeadline(broken, brk, session, avail, createDeadline(1000, clock), clock);
    expect(r.outcome).toBe('failed');
    expect(r.pod.notes).toEqual(['source bug failed: x is undefined']);
  });

  it('takes a listener per parallel request without a MaxListenersExceededWarning', async () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    try {
      for (const parent of [undefined, new AbortController().signal]) {
        const d = createDeadline(1_000, { nowMs: () => 0 }, parent);
        const listeners = Array.from({ length: 30 }, () => () => undefined);
        for (const l of listeners) d.signal.addEventListener('abort', l);
        for (const l of listeners) d.signal.removeEventListener('abort', l);
        d.dispose();
      }
      await new Promise((r) => setImmediate(r));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
  });
});
