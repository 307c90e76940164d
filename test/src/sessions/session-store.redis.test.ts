import { afterAll } from 'vitest';
import { sessionStoreContract } from '../../contract/session-store.contract.js';
import { openTestRedis } from '../../support/redis.js';
import { redisFixture } from './state-fixtures.js';

const redis = openTestRedis('sess');
afterAll(() => redis.cleanup());

sessionStoreContract('redis', () => redisFixture(redis));
