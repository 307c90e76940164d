/**
 * Broadcast loudness targets. ATSC A/85 (US) asks −24 LKFS integrated, EBU R128 −23 LUFS
 * (LKFS and LUFS are the same unit); both cap true peak (−2 dBTP here, A/85's ceiling for
 * AC-3/AAC delivery). The channel config picks; the default is A/85.
 */
export interface LoudnessTarget {
  /** Integrated loudness, LKFS/LUFS. */
  readonly integratedLufs: number;
  /** Maximum true peak, dBTP. */
  readonly truePeakDbtp: number;
  /** Loudness range, LU. */
  readonly lraLu: number;
}

export const ATSC_A85_TARGET: LoudnessTarget = { integratedLufs: -24, truePeakDbtp: -2, lraLu: 7 };
export const EBU_R128_TARGET: LoudnessTarget = { integratedLufs: -23, truePeakDbtp: -1, lraLu: 7 };
export const DEFAULT_LOUDNESS_TARGET = ATSC_A85_TARGET;

/** What pass 1 measured (loudnorm's input_* fields). */
export interface LoudnessMeasurement {
  readonly integratedLufs: number;
  readonly truePeakDbtp: number;
  readonly lraLu: number;
  readonly thresholdLufs: number;
  /** loudnorm's suggested offset for pass 2. */
  readonly targetOffsetLu: number;
}
