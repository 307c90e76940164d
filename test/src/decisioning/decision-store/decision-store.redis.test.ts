import { afterAll } from 'vitest';
import { decisionStoreContract } from '../../../contract/decision-store.contract.js';
import { openTestRedis } from '../../../support/redis.js';
import { redisFixture } from '../../sessions/state-fixtures.js';

const redis = openTestRedis('dec');
afterAll(() => redis.cleanup());

decisionStoreContract('redis', () => redisFixture(redis));
