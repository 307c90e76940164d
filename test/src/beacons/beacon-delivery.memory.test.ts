import { MemoryBeaconLedger } from '../../../src/beacons/ledger/memory-beacon-ledger.js';
import { InProcessJobQueue } from '../../../src/queue/in-process-queue.js';
import { systemClock } from '../../../src/sessions/clock.js';
import { MemoryKeyspace } from '../../../src/sessions/memory-keyspace.js';
import { MemorySessionStore } from '../../../src/sessions/memory-session-store.js';
import { beaconDeliverySuite } from './beacon-delivery.suite.js';

beaconDeliverySuite('in-process queue, memory ledger and session store', () => {
  const queue = new InProcessJobQueue();
  const sessions = new MemorySessionStore(new MemoryKeyspace({ clock: systemClock, sweepIntervalMs: 0 }));
  return Promise.resolve({
    queue,
    ledger: new MemoryBeaconLedger(),
    guard: sessions,
    close: async () => {
      await queue.close();
      await sessions.close();
    },
  });
});
