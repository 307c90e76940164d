// The one conformance suite of BeaconLedger (STYLE §12), run once per implementation:
// test/src/beacons/ledger/beacon-ledger.{memory,redis}.test.ts.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BeaconLedger, BeaconLedgerEntry } from '../../src/beacons/ledger/beacon-ledger.js';

export interface LedgerFixture {
  readonly ledger: BeaconLedger;
  /** Moves the ledger's clock (or waits, for Redis) past `ms`. */
  pass(ms: number): Promise<void>;
  /** The TTL the fixture's ledger was built with. */
  readonly ttlMs: number;
  close(): Promise<void>;
}

export function entry(sessionId: string, id: string, over: Partial<BeaconLedgerEntry> = {}): BeaconLedgerEntry {
  return {
    id, sessionId, adId: 'ad-1', event: 'impression', url: `https://t.example/${id}`,
    state: 'queued', attempts: 0, firedAtMs: 1_000, updatedAtMs: 1_000, ...over,
  };
}

export function beaconLedgerContract(label: string, makeFixture: () => Promise<LedgerFixture>): void {
  describe(`BeaconLedger contract: ${label}`, () => {
    let f: LedgerFixture;
    let sid: string;
    beforeEach(async () => {
      f = await makeFixture();
      sid = randomUUID();
    });
    afterEach(async () => f.close());

    it('upserts by beacon id and lists a session in firedAt order', async () => {
      await f.ledger.record(entry(sid, 'b', { firedAtMs: 2_000 }));
      await f.ledger.record(entry(sid, 'a', { firedAtMs: 3_000, event: 'start' }));
      await f.ledger.record(entry(sid, 'c', { firedAtMs: 2_000 }));
      await f.ledger.record(entry(sid, 'b', { firedAtMs: 2_000, state: 'retrying', attempts: 1, lastStatus: 503, lastError: 'HTTP 503' }));
      const list = await f.ledger.list(sid);
      expect(list.map((e) => e.id)).toEqual(['b', 'c', 'a']);
      expect(list[0]).toEqual(entry(sid, 'b', { firedAtMs: 2_000, state: 'retrying', attempts: 1, lastStatus: 503, lastError: 'HTTP 503' }));
    });

    it('onlyIfAbsent never overwrites an outcome', async () => {
      await f.ledger.record(entry(sid, 'x', { state: 'sent', attempts: 2, lastStatus: 200 }));
      await f.ledger.record(entry(sid, 'x'), { onlyIfAbsent: true });
      await f.ledger.record(entry(sid, 'y'), { onlyIfAbsent: true });
      const list = await f.ledger.list(sid);
      expect(list.find((e) => e.id === 'x')).toMatchObject({ state: 'sent', attempts: 2 });
      expect(list.find((e) => e.id === 'y')).toMatchObject({ state: 'queued' });
    });

    it('keeps sessions apart and answers [] for an unknown one', async () => {
      const other = randomUUID();
      await f.ledger.record(entry(sid, 'a'));
      await f.ledger.record(entry(other, 'a', { event: 'complete' }));
      expect((await f.ledger.list(sid)).map((e) => e.event)).toEqual(['impression']);
      expect((await f.ledger.list(other)).map((e) => e.event)).toEqual(['complete']);
      expect(await f.ledger.list(randomUUID())).toEqual([]);
    });

    it('states: each beacon\'s state across sessions, undefined where there is no entry', async () => {
      const other = randomUUID();
      await f.ledger.record(entry(sid, 'a', { state: 'sent', attempts: 1 }));
      await f.ledger.record(entry(other, 'b', { state: 'retrying', attempts: 1 }));
      await f.ledger.record(entry(sid, 'c'));
      expect(await f.ledger.states([
        { sessionId: sid, id: 'c' }, { sessionId: other, id: 'b' }, { sessionId: sid, id: 'b' },
        { sessionId: randomUUID(), id: 'a' }, { sessionId: sid, id: 'a' },
      ])).toEqual(['queued', 'retrying', undefined, undefined, 'sent']);
      expect(await f.ledger.states([])).toEqual([]);
    });

    it('forgets a session once its TTL passed without writes', async () => {
      await f.ledger.record(entry(sid, 'a'));
      await f.pass(f.ttlMs / 2);
      await f.ledger.record(entry(sid, 'b'));
      await f.pass(f.ttlMs * 0.7);
      expect(await f.ledger.list(sid)).toHaveLength(2);
      await f.pass(f.ttlMs * 0.5);
      expect(await f.ledger.list(sid)).toEqual([]);
    });
  });
}
