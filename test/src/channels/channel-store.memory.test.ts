import { MemoryChannelStore } from '../../../src/channels/memory-channel-store.js';
import { channelStoreContract } from '../../contract/channel-store.contract.js';

channelStoreContract('memory', () => {
  // one process, one store: the "peer" instance is the same object
  const store = new MemoryChannelStore();
  return Promise.resolve({ store, peer: store, close: () => Promise.resolve() });
});
