/**
 * How media is encrypted, as a format-neutral value: HLS EXT-X-KEY / EXT-X-SESSION-KEY (and,
 * later, DASH ContentProtection) are read into this. A segment can have several keys in force
 * at once, one per key format (FairPlay, Widevine, PlayReady…); `method: 'NONE'` means clear.
 */
export interface ContentKey {
  /** NONE, AES-128, SAMPLE-AES, SAMPLE-AES-CTR, or another value as written. */
  readonly method: string;
  readonly uri?: string;
  /** Initialisation vector as written (0x-prefixed hex). */
  readonly iv?: string;
  /** Key system identifier; "identity" when the playlist does not say. */
  readonly keyFormat: string;
  readonly keyFormatVersions?: string;
}
