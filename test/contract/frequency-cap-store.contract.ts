// The one conformance suite of FrequencyCapStore (STYLE §12), run once per implementation:
// test/src/decisioning/sources/openrtb/frequency-cap-store.{memory,redis}.test.ts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FrequencyCapStore } from '../../src/decisioning/sources/openrtb/frequency-cap.js';

export interface FrequencyCapFixture {
  readonly store: FrequencyCapStore;
  close(): Promise<void>;
}

const T0 = 1_700_000_000_000;
const HOUR = 3_600_000;

export function frequencyCapStoreContract(name: string, open: () => Promise<FrequencyCapFixture>): void {
  describe(`FrequencyCapStore contract: ${name}`, () => {
    let f: FrequencyCapFixture;
    beforeEach(async () => {
      f = await open();
    });
    afterEach(async () => {
      await f.close();
    });

    it('counts 0 for domains never recorded, and answers every domain asked about', async () => {
      const counts = await f.store.counts('ifa:v1', ['ford.com', 'kia.com'], HOUR, T0);
      expect([...counts].sort()).toEqual([['ford.com', 0], ['kia.com', 0]]);
    });

    it('counts each record per (viewer, domain), repeated ads included', async () => {
      await f.store.record('ifa:v1', ['ford.com', 'kia.com'], T0);
      await f.store.record('ifa:v1', ['ford.com'], T0);
      await f.store.record('ifa:v1', ['ford.com'], T0 + 1_000);
      const counts = await f.store.counts('ifa:v1', ['ford.com', 'kia.com', 'bmw.com'], HOUR, T0 + 2_000);
      expect(counts.get('ford.com')).toBe(3);
      expect(counts.get('kia.com')).toBe(1);
      expect(counts.get('bmw.com')).toBe(0);
    });

    it('keeps viewers apart', async () => {
      await f.store.record('ifa:v1', ['ford.com'], T0);
      await f.store.record('session:s2', ['ford.com'], T0);
      await f.store.record('session:s2', ['ford.com'], T0);
      expect((await f.store.counts('ifa:v1', ['ford.com'], HOUR, T0)).get('ford.com')).toBe(1);
      expect((await f.store.counts('session:s2', ['ford.com'], HOUR, T0)).get('ford.com')).toBe(2);
      expect((await f.store.counts('ifa:v3', ['ford.com'], HOUR, T0)).get('ford.com')).toBe(0);
    });

    it('counts only ads at or after nowMs - windowMs', async () => {
      await f.store.record('ifa:v1', ['ford.com'], T0);
      await f.store.record('ifa:v1', ['ford.com'], T0 + HOUR);
      const at = (now: number, windowMs = HOUR) => f.store.counts('ifa:v1', ['ford.com'], windowMs, now).then((m) => m.get('ford.com'));
      expect(await at(T0 + HOUR)).toBe(2); // the first ad is exactly at the window's start
      expect(await at(T0 + HOUR + 1)).toBe(1);
      expect(await at(T0 + 2 * HOUR + 1)).toBe(0);
      expect(await at(T0 + 2 * HOUR + 1, 3 * HOUR)).toBe(2); // a longer window sees both again
    });

    it('records nothing for an empty domain list and answers an empty question with an empty map', async () => {
      await f.store.record('ifa:v1', [], T0);
      expect((await f.store.counts('ifa:v1', [], HOUR, T0)).size).toBe(0);
    });
  });
}
