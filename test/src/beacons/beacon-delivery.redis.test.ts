import { RedisBeaconLedger } from '../../../src/beacons/ledger/redis-beacon-ledger.js';
import { BullMqJobQueue } from '../../../src/queue/bullmq-queue.js';
import { RedisSessionStore } from '../../../src/sessions/redis-session-store.js';
import { openTestRedis } from '../../support/redis.js';
import { bullPrefix } from '../queue/queue-fixtures.js';
import { beaconDeliverySuite } from './beacon-delivery.suite.js';

beaconDeliverySuite('BullMQ queue, Redis ledger and session store', () => {
  const redis = openTestRedis('bd');
  const queue = new BullMqJobQueue({ redisUrl: redis.url, prefix: bullPrefix(redis.prefix) });
  const sessions = new RedisSessionStore(redis.client, { prefix: redis.prefix });
  return Promise.resolve({
    queue,
    ledger: new RedisBeaconLedger(redis.client, { prefix: redis.prefix }),
    guard: sessions,
    close: async () => {
      await queue.close();
      await sessions.close();
      await redis.cleanup();
    },
  });
});
