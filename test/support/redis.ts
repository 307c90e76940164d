// Each Redis-backed test takes its own key prefix and removes only its own keys.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { inject } from 'vitest';

export interface TestRedis {
  readonly url: string;
  /** Unique to this test file run, e.g. `t:3f2a…:`. Every key the test writes starts with it. */
  readonly prefix: string;
  readonly client: Redis;
  cleanup(): Promise<void>;
}

export function testRedisUrl(): string {
  return inject('redisUrl');
}

export function openTestRedis(label = 't'): TestRedis {
  const url = testRedisUrl();
  const prefix = `${label}:${randomUUID().slice(0, 8)}:`;
  const client = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2 });
  return {
    url,
    prefix,
    client,
    async cleanup() {
      let cursor = '0';
      do {
        const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
        cursor = next;
        if (keys.length > 0) await client.del(...keys);
      } while (cursor !== '0');
      await client.quit();
    },
  };
}
