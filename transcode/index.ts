// Entry point that src/ imports from the conditioning folder. Conditioning is not built yet
// (see README.md); this names the capability so decisioning can report why an ad is skipped.
export const CONDITIONING_AVAILABLE = false as const;
