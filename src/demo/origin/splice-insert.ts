import { encodeScte35, toBase64, toHex, type SpliceInfoSection, type SpliceInsert } from '../../../manifests/scte35/index.js';

/** 90 kHz ticks wrap at 2^33 (SCTE 35 §9.6 pts_time). */
const PTS_WRAP = 2 ** 33;
const TICKS_PER_SEC = 90_000;

export interface SpliceInsertParams {
  /** splice_event_id: stable per break, so a refreshed playlist carries the same message. */
  readonly eventId: number;
  /** true: the cue-out (start of the break); false: the cue-in (return to network). */
  readonly out: boolean;
  /** Where the splice happens on the stream's clock, seconds (written as pts_time mod 2^33). */
  readonly atSec: number;
  /** The break's duration (cue-out only): written as break_duration with auto_return. */
  readonly durationSec?: number;
  /** avail_num / avails_expected: which break of the hour this is, 1-based. */
  readonly availNum?: number;
}

/**
 * A program-mode splice_insert, the message a real encoder puts in the stream for a
 * provider ad break (SCTE 35 2022b §9.7.3), encoded with the project's codec. The demo
 * origin's clock is the wall clock since the epoch, so pts_time is that clock in 90 kHz
 * ticks wrapped to 33 bits; the HLS tag's position is what places the break.
 */
export function spliceInsertSection(p: SpliceInsertParams): SpliceInfoSection {
  const command: SpliceInsert = {
    type: 'splice_insert',
    spliceEventId: p.eventId >>> 0,
    spliceEventCancelIndicator: false,
    outOfNetworkIndicator: p.out,
    programSpliceFlag: true,
    durationFlag: p.out && p.durationSec !== undefined,
    spliceImmediateFlag: false,
    eventIdComplianceFlag: true,
    spliceTime: { timeSpecifiedFlag: true, ptsTime: secondsToPts(p.atSec) },
    ...(p.out && p.durationSec !== undefined
      ? { breakDuration: { autoReturn: true, duration: Math.round(p.durationSec * TICKS_PER_SEC) } }
      : {}),
    uniqueProgramId: 1,
    availNum: p.availNum ?? 0,
    availsExpected: p.availNum === undefined ? 0 : 1,
  };
  return {
    tableId: 0xfc,
    sectionSyntaxIndicator: false,
    privateIndicator: false,
    sapType: 3,
    // Lengths and the CRC are recomputed by the encoder; these are placeholders.
    sectionLength: 0,
    protocolVersion: 0,
    encryptedPacket: false,
    encryptionAlgorithm: 0,
    ptsAdjustment: 0,
    cwIndex: 0,
    tier: 0xfff,
    spliceCommandLength: 0,
    spliceCommandType: 0x05,
    spliceCommand: command,
    descriptorLoopLength: 0,
    spliceDescriptors: [],
    crc32: 0,
  };
}

/** `0x…` hex, the form DATERANGE SCTE35-OUT / SCTE35-IN attributes take (RFC 8216bis §4.4.5.1.1). */
export function spliceInsertHex(p: SpliceInsertParams): string {
  return `0x${toHex(encodeScte35(spliceInsertSection(p))).toUpperCase()}`;
}

/** Base64, the form most other cue tags (OATCLS, EXT-X-SCTE35) carry. */
export function spliceInsertBase64(p: SpliceInsertParams): string {
  return toBase64(encodeScte35(spliceInsertSection(p)));
}

function secondsToPts(sec: number): number {
  return Math.round(sec * TICKS_PER_SEC) % PTS_WRAP;
}
