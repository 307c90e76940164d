/**
 * The conditioning processor: one creative, one profile set, in, a stored HLS package out.
 * Register it on any JobQueue under CONDITION_JOB_NAME; it is safe to run twice for the same
 * job (at-least-once queues): the result is content-addressed and the store commit is
 * idempotent.
 *
 * download → hash → (already stored? done) → probe + check → loudness pass 1 → one ffmpeg
 * run: scale/pad, fps, x264 with segment-aligned closed GOPs, loudnorm pass 2, HLS
 * packaging of every rendition → multivariant written by us → commit → record.
 *
 * Progress: download 0–10, probe 12, pass 1 12–25, encode 25–95, store 100.
 * Failures are TranscodeErrors (see errors.ts); `retryable` tells the queue what to do.
 */
import { mkdir, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueToError, transcodeError } from '../errors.js';
import { buildConditionCommand, DEMUXED_AUDIO_ID } from '../ffmpeg/condition-command.js';
import { RENDITION_PLAYLIST } from '../ffmpeg/hls-args.js';
import { buildMultivariantPlaylist } from '../ffmpeg/multivariant.js';
import type { RunOptions } from '../ffmpeg/runner.js';
import { findTruncationWarning } from '../ffmpeg/stderr-classify.js';
import { DEFAULT_LOUDNESS_TARGET } from '../loudness/loudness-target.js';
import { loudnormApplyFilter, parseLoudnormReport } from '../loudness/loudnorm.js';
import { measureLoudness } from '../loudness/measure.js';
import { checkSourceProbe } from '../probe/check-source.js';
import { pickSourceMediaFile } from '../source/media-file.js';
import { sniffText } from '../source/sniff-text.js';
import type { ConditionedCreative, ConditionedLoudness, ConditionedRecord, ConditionedRendition } from '../store/conditioned-creative.js';
import type { ConditionDeps, ConditionJob } from './condition-job.js';
import { conditionedKey, profileSetKey } from './job-id.js';
import { readRenditionStats } from './rendition-stats.js';

export const MULTIVARIANT_FILE = 'master.m3u8';
const DEFAULT_MAX_BYTES = 200 * 1024 * 1024;
const DEFAULT_DOWNLOAD_TIMEOUT_MS = 60_000;

export async function conditionCreative(job: ConditionJob, deps: ConditionDeps): Promise<ConditionedCreative> {
  const loudnessTarget = job.loudness ?? DEFAULT_LOUDNESS_TARGET;
  const setKey = profileSetKey(job.profiles, loudnessTarget);
  const source = pickSourceMediaFile(job.mediaFiles);
  if (source === undefined) throw transcodeError('TRANSCODE_NO_MEDIA_FILE', `creative ${job.identity} has no progressive video MediaFile or Mezzanine to condition`, { identity: job.identity });
  const log = { identity: job.identity, sourceUrl: source.url, profileSetKey: setKey };
  let lastProgress = -1;
  const progress = (p: number) => {
    const v = Math.min(100, Math.max(0, Math.floor(p)));
    if (v > lastProgress) {
      lastProgress = v;
      deps.onProgress(v);
    }
  };
  const span = (from: number, to: number): RunOptions => ({
    onProgress: (pc) => progress(from + ((to - from) * pc) / 100),
    ...(deps.signal === undefined ? {} : { signal: deps.signal }),
    ...(job.limits?.ffmpegTimeoutMs === undefined ? {} : { timeoutMs: job.limits.ffmpegTimeoutMs }),
  });

  progress(0);
  const work = await mkdtemp(join(deps.workDir ?? tmpdir(), 'interlude-condition-'));
  let staged: string | undefined;
  try {
    const sourcePath = join(work, 'source');
    const downloaded = await deps.downloader.download({
      url: source.url,
      destPath: sourcePath,
      maxBytes: job.limits?.maxBytes ?? DEFAULT_MAX_BYTES,
      timeoutMs: job.limits?.downloadTimeoutMs ?? DEFAULT_DOWNLOAD_TIMEOUT_MS,
      ...(deps.signal === undefined ? {} : { signal: deps.signal }),
    });
    progress(10);
    const key = conditionedKey(downloaded.sha256, setKey);
    const existing = await deps.store.get(key);
    if (existing !== undefined) {
      deps.logger.info({ ...log, key }, 'creative already conditioned; re-using the stored copy');
      progress(100);
      return existing;
    }

    const textual = sniffText(await readHead(sourcePath, 512));
    if (textual !== undefined) throw issueToError(textual);
    const probe = await deps.prober.probe(sourcePath, deps.signal === undefined ? {} : { signal: deps.signal });
    const bad = checkSourceProbe(probe);
    if (bad !== undefined) throw issueToError(bad);
    progress(12);

    const audioTarget = job.profiles.audio;
    let loudnormFilter: string | undefined;
    let measured: ConditionedLoudness['measured'] | undefined;
    if (probe.audio !== undefined && audioTarget !== undefined) {
      const pass1 = await measureLoudness(deps.runner, sourcePath, loudnessTarget, probe.durationSec, span(12, 25));
      const truncated = findTruncationWarning(pass1.stderr);
      if (truncated !== undefined) throw transcodeError('TRANSCODE_MEDIA_TRUNCATED', `the file ends early: ${truncated}`, { reason: truncated });
      measured = pass1.report.input;
      loudnormFilter = loudnormApplyFilter(loudnessTarget, measured);
    }
    progress(25);

    staged = await deps.store.stage(key);
    const spec = buildConditionCommand({
      sourcePath,
      profiles: job.profiles,
      outDir: staged,
      durationSec: probe.durationSec,
      sourceHasAudio: probe.audio !== undefined,
      ...(loudnormFilter === undefined ? {} : { loudnormFilter }),
    });
    // The HLS muxer writes into existing directories only.
    const dirs = [...job.profiles.video.map((v) => v.id), ...(job.profiles.audioMode === 'demuxed' ? [DEMUXED_AUDIO_ID] : [])];
    await Promise.all(dirs.map((d) => mkdir(join(staged as string, d), { recursive: true })));
    const encoded = await deps.runner.run(spec, span(25, 95));
    const truncated = findTruncationWarning(encoded.stderr);
    if (truncated !== undefined) throw transcodeError('TRANSCODE_MEDIA_TRUNCATED', `the file ends early: ${truncated}`, { reason: truncated });

    const renditions = await describeRenditions(job, staged);
    const videos = renditions.filter((r) => r.kind === 'video');
    const audioRendition = renditions.find((r) => r.kind === 'audio');
    const groupId = job.profiles.audioGroupId ?? 'audio';
    await writeFile(join(staged, MULTIVARIANT_FILE), buildMultivariantPlaylist(
      videos.map((r) => ({ uri: r.playlistPath, bandwidth: r.bandwidth + (audioRendition?.bandwidth ?? 0), averageBandwidth: r.averageBandwidth + (audioRendition?.averageBandwidth ?? 0), codecs: r.codecs, width: r.width ?? 0, height: r.height ?? 0, fps: r.fps ?? 0 })),
      audioRendition === undefined || audioTarget === undefined ? undefined : { groupId, uri: audioRendition.playlistPath, channels: audioTarget.channels },
    ));

    const loudness = measured === undefined ? null : pass2Loudness(encoded.stderr, loudnessTarget, measured);
    const record: ConditionedRecord = {
      key,
      identity: job.identity,
      sourceUrl: source.url,
      sourceSha256: downloaded.sha256,
      sourceBytes: downloaded.bytes,
      profileSetKey: setKey,
      durationSec: probe.durationSec,
      container: job.profiles.container,
      segmentDurationSec: job.profiles.segmentDurationSec,
      multivariantPath: MULTIVARIANT_FILE,
      renditions,
      loudness,
    };
    const stored = await deps.store.commit(key, staged, record);
    staged = undefined;
    deps.logger.info({ ...log, key, renditions: renditions.length, loudness: loudness?.outputIntegratedLufs ?? null }, 'creative conditioned');
    progress(100);
    return stored;
  } catch (e) {
    deps.logger.warn({ ...log, err: e }, 'conditioning failed');
    throw e;
  } finally {
    if (staged !== undefined) await deps.store.discard(staged).catch(() => undefined);
    await rm(work, { recursive: true, force: true }).catch(() => undefined);
  }
}

async function describeRenditions(job: ConditionJob, dir: string): Promise<Omit<ConditionedRendition, 'playlistUrl'>[]> {
  const p = job.profiles;
  const muxedAudio = p.audioMode === 'muxed' && p.audio !== undefined ? `,${p.audio.codecString}` : '';
  const out: Omit<ConditionedRendition, 'playlistUrl'>[] = [];
  for (const v of p.video) {
    const stats = await readRenditionStats(join(dir, v.id), RENDITION_PLAYLIST);
    out.push({
      id: v.id, kind: 'video', playlistPath: `${v.id}/${RENDITION_PLAYLIST}`,
      width: v.width, height: v.height, fps: v.fps, codecs: `${v.codecString}${muxedAudio}`,
      bandwidth: Math.round(stats.peakBps), averageBandwidth: Math.round(stats.averageBps), segmentDurationsSec: stats.segmentDurationsSec,
    });
  }
  if (p.audioMode === 'demuxed' && p.audio !== undefined) {
    const stats = await readRenditionStats(join(dir, DEMUXED_AUDIO_ID), RENDITION_PLAYLIST);
    out.push({
      id: DEMUXED_AUDIO_ID, kind: 'audio', playlistPath: `${DEMUXED_AUDIO_ID}/${RENDITION_PLAYLIST}`, codecs: p.audio.codecString,
      bandwidth: Math.round(stats.peakBps), averageBandwidth: Math.round(stats.averageBps), segmentDurationsSec: stats.segmentDurationsSec,
    });
  }
  return out;
}

function pass2Loudness(stderr: string, target: ConditionedLoudness['target'], measured: ConditionedLoudness['measured']): ConditionedLoudness {
  const report = parseLoudnormReport(stderr);
  return {
    target,
    measured,
    outputIntegratedLufs: report.ok ? report.value.outputIntegratedLufs : target.integratedLufs,
    normalizationType: report.ok ? report.value.normalizationType : 'unknown',
  };
}

async function readHead(path: string, bytes: number): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
