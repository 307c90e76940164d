/**
 * The entry point src/ imports from the conditioning folder (STYLE.md: transcode/ may import
 * manifests/index.ts only; src/ imports transcode/ only through here). See README.md.
 */
export const CONDITIONING_AVAILABLE = true as const;

// errors
export { TRANSCODE_ERROR_CODES, TranscodeError, transcodeError, isTranscodeError, issueToError } from './errors.js';
export type { TranscodeErrorCode, TranscodeErrorContext, TranscodeErrorInfo, TranscodeIssue } from './errors.js';

// content ladder (pure)
export { readContentLadder } from './ladder/read-ladder.js';
export type { LadderInput } from './ladder/read-ladder.js';
export type { ContentLadder, ContentVariant, ContentVideo, ContentAudio, AudioMode, SegmentContainer } from './ladder/content-ladder.js';
export { parseCodec, parseCodecList, avcCodecString, aacCodecString } from './ladder/codecs.js';
export type { H264Profile, ParsedCodec } from './ladder/codecs.js';
export { fpsToRational, rationalToFps } from './ladder/frame-rate.js';

// profiles (pure)
export { profilesFromLadder } from './profiles/from-ladder.js';
export type { ProfileOptions } from './profiles/from-ladder.js';
export { profileSetSignature, canonicalJson } from './profiles/profile-set-key.js';
export type { ProfileSet, VideoTarget, AudioTarget, EncoderSettings } from './profiles/target-profile.js';

// ffmpeg: pure builders + the runner
export { toArgv } from './ffmpeg/command-spec.js';
export type { FfmpegCommandSpec, FfmpegInput, FfmpegOutput } from './ffmpeg/command-spec.js';
export { buildConditionCommand, DEMUXED_AUDIO_ID } from './ffmpeg/condition-command.js';
export type { ConditionCommandInput } from './ffmpeg/condition-command.js';
export { buildLoudnessMeasureCommand, buildEbur128Command, buildRemuxToMp4Command } from './ffmpeg/analysis-commands.js';
export { buildMultivariantPlaylist } from './ffmpeg/multivariant.js';
export type { MultivariantRendition, MultivariantAudio } from './ffmpeg/multivariant.js';
export { RENDITION_PLAYLIST } from './ffmpeg/hls-args.js';
export { createFluentRunner, assertExecutable } from './ffmpeg/runner.js';
export type { Runner, RunOptions, RunResult, FluentRunnerOptions } from './ffmpeg/runner.js';

// loudness
export { ATSC_A85_TARGET, EBU_R128_TARGET, DEFAULT_LOUDNESS_TARGET } from './loudness/loudness-target.js';
export type { LoudnessTarget, LoudnessMeasurement } from './loudness/loudness-target.js';
export { loudnormMeasureFilter, loudnormApplyFilter, parseLoudnormReport } from './loudness/loudnorm.js';
export type { LoudnormReport } from './loudness/loudnorm.js';
export { parseEbur128Summary } from './loudness/ebur128.js';
export type { Ebur128Summary } from './loudness/ebur128.js';
export { measureLoudness, meterEbur128 } from './loudness/measure.js';

// probe
export type { Prober, MediaProbe, VideoStreamInfo, AudioStreamInfo } from './probe/media-probe.js';
export { parseFfprobeJson } from './probe/ffprobe-json.js';
export { createFfprobeProber } from './probe/ffprobe-prober.js';
export type { FfprobeProberOptions } from './probe/ffprobe-prober.js';
export { checkSourceProbe } from './probe/check-source.js';

// source
export { pickSourceMediaFile } from './source/media-file.js';
export { sniffText } from './source/sniff-text.js';
export type { CreativeMediaFile } from './source/media-file.js';
export type { Downloader, DownloadRequest, DownloadResult } from './source/downloader.js';
export { createFetchDownloader } from './source/fetch-downloader.js';
export { downloadTooLarge, writeDownload } from './source/write-download.js';

// store
export type { CreativeStore, CreativeStatus } from './store/creative-store.js';
export type { ConditionedCreative, ConditionedRendition, ConditionedLoudness, ConditionedRecord } from './store/conditioned-creative.js';
export { createFsCreativeStore, RECORD_FILE } from './store/fs-creative-store.js';
export type { FsCreativeStoreOptions } from './store/fs-creative-store.js';

// jobs
export { CONDITION_JOB_NAME, conditionJobId, conditionedKey, profileSetKey } from './jobs/job-id.js';
export type { ConditionJobIdInput } from './jobs/job-id.js';
export type { ConditionJob, ConditionDeps, ConditionLimits, ConditionLogger } from './jobs/condition-job.js';
export { conditionCreative, MULTIVARIANT_FILE } from './jobs/condition-creative.js';
