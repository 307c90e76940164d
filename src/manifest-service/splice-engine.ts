/**
 * The one place the service reaches into the splice engine. manifests/index.ts does not
 * export the planner and the HLS splice writer yet; when it does, only these imports change.
 */
export { writeHlsSplice, type AdSegmentRef, type HlsSpliceInput, type HlsSpliceOutput } from '../../manifests/hls/write-splice.js';
export { toPlanSegments } from '../../manifests/hls/splice/timelines.js';
export { breaksAtOffsets, readLiveState, type JoinMode, type LiveState } from '../../manifests/splice/index.js';
