import { MemoryFrequencyCapStore } from '../../../../../src/decisioning/sources/openrtb/frequency-cap.js';
import { frequencyCapStoreContract } from '../../../../contract/frequency-cap-store.contract.js';

frequencyCapStoreContract('memory', () => Promise.resolve({ store: new MemoryFrequencyCapStore(), close: () => Promise.resolve() }));
