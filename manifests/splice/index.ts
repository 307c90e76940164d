/** The splice engine's format-neutral planner. Writers (manifests/hls/write-splice.ts) turn plans into playlists. */
export type { PlanSegment, Timeline, FillSource, PlanItem, ContentItem, FillItem, PlannedAd, PlannedBreak, SplicePlan, PlannedPlaylist } from './types.js';
export { buildFill, fillBoundary } from './fill.js';
export type { BreakFill, FillPiece, FilledAd, FillOptions } from './fill.js';
export { planVod, snapIndex } from './vod-planner.js';
export type { VodPlanInput } from './vod-planner.js';
export { breaksAtOffsets } from './configured-breaks.js';
export { planLive } from './live-planner.js';
export type { LivePlanInput, LivePlan } from './live-planner.js';
export { classifyWindow, liveBreakDuration } from './live-classify.js';
export type { JoinMode, Classified } from './live-classify.js';
export { readLiveState } from './live-state.js';
export type { LiveState, LiveSlot, LiveInBreak, LiveBreakRecord } from './live-state.js';
export { numberSlots, mergeSlots } from './sequence.js';
export type { SlotSpec, Anchor } from './sequence.js';
