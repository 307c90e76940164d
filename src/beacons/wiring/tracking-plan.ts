/**
 * The session's stored plan for the client-side tracking API (`GET /v1/tracking/:session`).
 *
 * Which plan: the tracking rendition's, i.e. the first video variant of the multivariant
 * playlist (all video variants share segmentation, so times and event ids match whatever
 * variant the player's clock follows); an audio-only stream's first variant otherwise.
 *
 * Where: one field (`#p`) of the session's live-state hash, next to the rendition map (`#r`),
 * so it is refreshed and dropped with the session. What: the plan's breaks without their
 * QA notes (JSON, a few hundred bytes per ad). The media path writes it only when it
 * changed (plan-recorder.ts): VOD once per session and instance; live while a break is in
 * the window, in the same round trip as the live-state write.
 *
 * Server-side firing does NOT read it (segment-firing.ts derives everything from the segment
 * id, the stored pod and the cached ad playlist), so the segment path stays at the reads it
 * already had.
 */
import type { PlannedBreak, Pod, SplicePlan } from '../../../manifests/index.js';
import { trackingJson, type TrackingJson } from '../tracking/index.js';

/** Live-state field of the tracking plan; rendition live states use group keys, never `#…`. */
export const TRACKING_PLAN_KEY = '#p';

/** What is stored: a SplicePlan's mode and breaks (numbering is not needed for tracking). */
export interface StoredTrackingPlan {
  readonly mode: SplicePlan['mode'];
  readonly breaks: readonly PlannedBreak[];
}

/** The segmentation group the rendition map gives each entry (manifest-service/rendition-map.ts). */
export interface GroupedEntry {
  readonly g: string;
}

/** Index of the tracking rendition among the session's media playlists, or undefined. */
export function trackingRendition(entries: readonly GroupedEntry[]): number | undefined {
  const video = entries.findIndex((e) => e.g === 'v');
  if (video >= 0) return video;
  const audioOnly = entries.findIndex((e) => e.g === 'va');
  return audioOnly >= 0 ? audioOnly : undefined;
}

export function toStoredPlan(plan: SplicePlan): StoredTrackingPlan {
  // notes are for logs and QA; they can be long and players never see them
  return { mode: plan.mode, breaks: plan.breaks.map((b) => ({ ...b, notes: [] })) };
}

/** The stored value, or undefined when absent or not of our shape (never throws). */
export function readStoredPlan(raw: unknown): StoredTrackingPlan | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const v = raw as { mode?: unknown; breaks?: unknown };
  if ((v.mode !== 'vod' && v.mode !== 'live') || !Array.isArray(v.breaks)) return undefined;
  const ok = v.breaks.every((b: unknown) => {
    const x = b as Partial<PlannedBreak> | null;
    return x !== null && typeof x === 'object' && typeof x.breakId === 'string' && typeof x.startUs === 'number' && Array.isArray(x.ads);
  });
  return ok ? { mode: v.mode, breaks: v.breaks as PlannedBreak[] } : undefined;
}

/** The tracking document: stored plan + pods; no plan yet → no avails. */
export function sessionTrackingJson(rawPlan: unknown, pods: readonly Pod[]): TrackingJson {
  const stored = readStoredPlan(rawPlan);
  if (stored === undefined) return { avails: [], nonLinearAvails: [] };
  const byBreak: Record<string, Pod> = {};
  for (const p of pods) byBreak[p.breakId] = p;
  return trackingJson({ mode: stored.mode, mediaSequence: 0, discontinuitySequence: 0, breaks: stored.breaks }, byBreak);
}
