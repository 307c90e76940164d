/**
 * The data of a conditioning job and the dependencies its processor needs. The service
 * builds the job at decision time (`profiles` from the channel's content ladder, through
 * `profilesFromLadder`), adds it under `conditionJobId(...)`, and registers
 * `conditionCreative` as the handler of `CONDITION_JOB_NAME`.
 */
import type { Runner } from '../ffmpeg/runner.js';
import type { LoudnessTarget } from '../loudness/loudness-target.js';
import type { Prober } from '../probe/media-probe.js';
import type { ProfileSet } from '../profiles/target-profile.js';
import type { Downloader } from '../source/downloader.js';
import type { CreativeMediaFile } from '../source/media-file.js';
import type { CreativeStore } from '../store/creative-store.js';

export interface ConditionLimits {
  /** Default 200 MB. */
  readonly maxBytes?: number;
  /** Default 60 s. */
  readonly downloadTimeoutMs?: number;
  /** Per ffmpeg run; default 10 min. */
  readonly ffmpegTimeoutMs?: number;
}

export interface ConditionJob {
  /** UniversalAdId (`registry:value`) or the media URL: names the creative in logs and ids. */
  readonly identity: string;
  /** The creative's MediaFiles (and Mezzanine); the processor picks the source. */
  readonly mediaFiles: readonly CreativeMediaFile[];
  readonly profiles: ProfileSet;
  /** Default ATSC A/85 (−24 LKFS, −2 dBTP, LRA 7). */
  readonly loudness?: LoudnessTarget;
  readonly limits?: ConditionLimits;
}

/** The subset of pino's logger the processor uses. */
export interface ConditionLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface ConditionDeps {
  readonly runner: Runner;
  readonly prober: Prober;
  readonly store: CreativeStore;
  readonly downloader: Downloader;
  readonly logger: ConditionLogger;
  /** 0..100, increasing. The queue handler forwards it to `updateProgress`. */
  readonly onProgress: (percent: number) => void;
  /** Aborts downloads and kills ffmpeg (worker shutdown). */
  readonly signal?: AbortSignal;
  /** Scratch space for the download; default the OS temp dir. */
  readonly workDir?: string;
}
