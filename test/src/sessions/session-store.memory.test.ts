import { sessionStoreContract } from '../../contract/session-store.contract.js';
import { memoryFixture } from './state-fixtures.js';

sessionStoreContract('memory', memoryFixture);
