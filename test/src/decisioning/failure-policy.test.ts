import { describe, expect, it } from 'vitest';
import { failurePolicy } from '../../../src/decisioning/failure-policy.js';

describe('failure policy', () => {
  it.each(['empty', 'late', 'failed'] as const)('VOD with a %s source plays content (no break, never slate)', (outcome) => {
    expect(failurePolicy(outcome, 'vod', true)).toEqual({ playAds: false, unfilled: 'skip-break' });
  });

  it.each(['empty', 'late', 'failed'] as const)('live with a %s source plays slate when configured, else content', (outcome) => {
    expect(failurePolicy(outcome, 'live', true)).toEqual({ playAds: false, unfilled: 'slate' });
    expect(failurePolicy(outcome, 'live', false)).toEqual({ playAds: false, unfilled: 'content' });
  });

  it('a filled pod plays its ads', () => {
    expect(failurePolicy('filled', 'vod', false).playAds).toBe(true);
    expect(failurePolicy('filled', 'live', true)).toEqual({ playAds: true, unfilled: 'slate' });
  });
});
