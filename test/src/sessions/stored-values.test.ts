// Decoding stored session values: equal bytes decode once and share the result.
import { describe, expect, it } from 'vitest';
import { packDecision, readDecision, readSession, sessionValue } from '../../../src/sessions/stored-values.js';
import { samplePod, sampleSession } from '../../contract/session-store.contract.js';

describe('stored values', () => {
  it('reads equal session bytes to the same object, and other bytes or another id to their own', () => {
    const s = sampleSession();
    const first = readSession(s.id, sessionValue(s, 60_000));
    expect(first).toEqual(s);
    expect(readSession(s.id, sessionValue(s, 60_000))).toBe(first);
    const changed = readSession(s.id, sessionValue({ ...s, userAgent: 'Other/1.0' }, 60_000));
    expect(changed.userAgent).toBe('Other/1.0');
    expect(first.userAgent).toBe(s.userAgent);
    const other = sampleSession();
    expect(readSession(other.id, sessionValue({ ...s, id: other.id }, 60_000)).id).toBe(other.id);
  });

  it('shares one decoded decision between sessions with the same bytes, per break', () => {
    const bytes = packDecision({ pod: samplePod('b1'), decidedAtMs: 1_700_000_000_000 });
    const a = readDecision('session-a', 'b1', bytes);
    expect(readDecision('session-b', 'b1', bytes)).toBe(a);
    expect(readDecision('session-a', 'b2', bytes)).not.toBe(a);
  });

  it('does not remember bytes that fail to decode', () => {
    const s = sampleSession();
    const corrupt = Buffer.from('no-bar-here');
    expect(() => readSession(s.id, corrupt)).toThrow(expect.objectContaining({ code: 'STORE_CORRUPT' }) as Error);
    expect(() => readSession(s.id, corrupt)).toThrow(expect.objectContaining({ code: 'STORE_CORRUPT' }) as Error);
  });
});
