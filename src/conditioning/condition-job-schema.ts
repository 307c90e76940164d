/**
 * What crosses the queue, validated on the way back: a job's data as the worker reads it
 * from Redis (another version of the service may have written it, or someone else), and a
 * finished job's return value as the service reads it. Both are plain JSON.
 */
import { z } from 'zod';
import type { ConditionJob } from '../../transcode/index.js';

const positive = z.number().positive().finite();
const count = z.number().int().positive();

const videoTarget = z.object({
  id: z.string().regex(/^[a-z0-9]{1,8}$/),
  width: count.max(7680),
  height: count.max(4320),
  fps: positive.max(240),
  fpsRational: z.string().regex(/^\d+(\/\d+)?$/),
  profile: z.enum(['constrained-baseline', 'baseline', 'main', 'high']),
  levelIdc: count,
  codecString: z.string().min(1).max(40),
  bitrateKbps: count,
  maxrateKbps: count,
  bufsizeKbps: count,
  gopFrames: count,
});

const audioTarget = z.object({
  codec: z.literal('aac'),
  aacObjectType: count,
  codecString: z.string().min(1).max(40),
  sampleRate: count.max(192_000),
  channels: count.max(8),
  bitrateKbps: count,
});

export const profileSetSchema = z.object({
  video: z.array(videoTarget).min(1).max(12),
  audio: audioTarget.optional(),
  audioMode: z.enum(['muxed', 'demuxed', 'none']),
  audioGroupId: z.string().min(1).max(64).optional(),
  segmentDurationSec: positive.max(60),
  container: z.enum(['mpegts', 'fmp4']),
  encoder: z.object({ preset: z.enum(['ultrafast', 'superfast', 'veryfast', 'faster', 'fast', 'medium', 'slow']) }),
  notes: z.array(z.string()),
});

const mediaFile = z.object({
  url: z.string().regex(/^https?:\/\//i, 'http(s) URLs only').max(4096),
  mimeType: z.string().max(100).optional(),
  delivery: z.string().max(20).optional(),
  width: count.optional(),
  height: count.optional(),
  bitrateKbps: positive.optional(),
  mezzanine: z.boolean().optional(),
  apiFramework: z.string().max(40).optional(),
});

export const conditionJobSchema = z.object({
  identity: z.string().min(1).max(4096),
  mediaFiles: z.array(mediaFile).min(1).max(50),
  profiles: profileSetSchema,
  loudness: z.object({ integratedLufs: z.number(), truePeakDbtp: z.number(), lraLu: z.number() }).optional(),
  limits: z.object({ maxBytes: count.optional(), downloadTimeoutMs: count.optional(), ffmpegTimeoutMs: count.optional() }).optional(),
});

/** Parses a job's data; the issues joined into one line when it does not validate. */
export function parseConditionJob(data: unknown): { ok: true; value: ConditionJob } | { ok: false; error: string } {
  const r = conditionJobSchema.safeParse(data);
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, error: r.error.issues.map((i) => `${i.path.join('.') || '(data)'}: ${i.message}`).join('; ') };
}

/** The fields of a finished job's return value (a ConditionedCreative) the service reads. */
export const conditionedResultSchema = z.object({
  key: z.string().regex(/^[A-Za-z0-9._-]{1,200}$/),
  identity: z.string(),
  sourceUrl: z.string(),
  sourceSha256: z.string(),
  sourceBytes: z.number(),
  profileSetKey: z.string(),
  durationSec: z.number(),
  container: z.enum(['mpegts', 'fmp4']),
  multivariantPath: z.string().regex(/^[A-Za-z0-9._/-]+$/).refine((p) => !p.split('/').includes('..'), 'no ..'),
  renditions: z.array(z.object({
    id: z.string(),
    kind: z.enum(['video', 'audio']),
    playlistPath: z.string(),
    width: z.number().optional(),
    height: z.number().optional(),
    fps: z.number().optional(),
    codecs: z.string(),
    bandwidth: z.number(),
    averageBandwidth: z.number(),
  })),
  loudness: z.object({ outputIntegratedLufs: z.number(), normalizationType: z.string() }).loose().nullable(),
});

export type ConditionedResult = z.output<typeof conditionedResultSchema>;
