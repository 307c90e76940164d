import { describe, expect, it } from 'vitest';
import { LruCache } from '../../../src/manifest-service/lru-cache.js';

describe('LruCache', () => {
  it('evicts the least recently used entry', () => {
    const c = new LruCache<number>(2);
    c.set('a', 1);
    c.set('b', 2);
    expect(c.get('a')).toBe(1);
    c.set('c', 3);
    expect(c.get('b')).toBeUndefined();
    expect(c.get('a')).toBe(1);
    expect(c.size).toBe(2);
  });

  it('shares one load among concurrent callers and does not cache failures', async () => {
    const c = new LruCache<string>(10);
    let calls = 0;
    const loader = () => new Promise<string>((r) => setTimeout(() => r(`v${++calls}`), 10));
    const all = await Promise.all(Array.from({ length: 20 }, () => c.load('k', loader)));
    expect(new Set(all)).toEqual(new Set(['v1']));
    expect(calls).toBe(1);
    await expect(c.load('bad', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await c.load('bad', () => Promise.resolve('ok'))).toBe('ok');
  });
});
