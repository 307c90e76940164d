// Breaks, sessions and params for OpenRTB tests.
import type { Break } from '../../../../../../manifests/index.js';
import type { Session } from '../../../../../../src/sessions/session.js';
import { openRtbParamsSchema, type OpenRtbParams, type OpenRtbParamsInput } from '../../../../../../src/decisioning/sources/openrtb/params.js';

export function aBreak(over: Partial<Break> = {}): Break {
  return { id: 'brk-7', startUs: 0, durationUs: 60_000_000, mediaSequence: 100, dialect: 'cue-out', joinedMidBreak: false, ...over };
}

export function aSession(over: Partial<Session> = {}): Session {
  return {
    id: 'sess-1',
    channelId: 'news',
    originPath: 'live/master.m3u8',
    format: 'hls',
    playerParams: {},
    clientIp: '203.0.113.9',
    userAgent: 'Roku/DVP-12.0',
    reportingMode: 'server',
    createdAtMs: 0,
    ...over,
  };
}

export function params(over: Partial<OpenRtbParamsInput> = {}): OpenRtbParams {
  return openRtbParamsSchema.parse({ bidders: [{ name: 'dsp-a', endpoint: 'https://dsp-a.example/ortb' }], ...over });
}

/** A fixed sequence in [0, 1) so tid is known. */
export const fixedRandom = () => 0.5;
