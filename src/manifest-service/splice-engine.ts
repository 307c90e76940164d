/** The one place the service reaches into the splice engine (through the pure core's entry point). */
export { writeHlsSplice, toPlanSegments, breaksAtOffsets, readLiveState } from '../../manifests/index.js';
export type { AdSegmentRef, HlsSpliceInput, HlsSpliceOutput, JoinMode, LiveState } from '../../manifests/index.js';
