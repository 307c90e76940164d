import { MemoryBeaconLedger } from '../../../../src/beacons/ledger/memory-beacon-ledger.js';
import { beaconLedgerContract } from '../../../contract/beacon-ledger.contract.js';

beaconLedgerContract('memory', () => {
  let now = 10_000;
  const ttlMs = 1_000;
  return Promise.resolve({
    ledger: new MemoryBeaconLedger({ ttlMs, nowMs: () => now }),
    ttlMs,
    pass: (ms: number) => {
      now += ms;
      return Promise.resolve();
    },
    close: () => Promise.resolve(),
  });
});
