import { decisionStoreContract } from '../../../contract/decision-store.contract.js';
import { memoryFixture } from '../../sessions/state-fixtures.js';

decisionStoreContract('memory', memoryFixture);
