/**
 * The part of @dailymotion/vast-client's parsed output we read. The library ships `any`
 * types; these describe what its parsers build (src/ad.js, src/creative/*, src/media_file.js
 * in 6.4.x), so the rest of the source is typed. Fields may be null where the VAST omits them.
 */
export interface VastUrlTemplate {
  readonly id: string | null;
  readonly url: string;
}

export interface VastMediaFile {
  readonly fileURL: string | null;
  readonly deliveryType: string | null;
  readonly mimeType: string | null;
  readonly width?: number;
  readonly height?: number;
  readonly bitrate?: number;
  readonly apiFramework?: string | null;
}

/** VAST 4 `<Mezzanine>`: the advertiser's master file, the preferred conditioning source. */
export interface VastMezzanine {
  readonly fileURL: string | null;
  readonly delivery: string | null;
  readonly type: string | null;
  readonly width?: number;
  readonly height?: number;
}

export interface VastCreative {
  readonly id: string | null;
  readonly adId: string | null;
  /** 'linear', 'companion' or 'nonlinear'. */
  readonly type: string;
  /** Seconds; -1 when absent or unreadable. */
  readonly duration?: number;
  readonly mediaFiles?: readonly VastMediaFile[];
  readonly mezzanine?: VastMezzanine | null;
  readonly trackingEvents?: Readonly<Record<string, readonly string[]>>;
  readonly universalAdIds?: readonly { readonly idRegistry: string; readonly value: string }[];
  readonly videoClickTrackingURLTemplates?: readonly VastUrlTemplate[];
}

export interface VastAd {
  readonly id: string | null;
  /** The `sequence` attribute as written (a string), or null for a stand-alone ad. */
  readonly sequence: string | number | null;
  readonly system?: { readonly value: string } | null;
  readonly errorURLTemplates: readonly string[];
  readonly impressionURLTemplates: readonly VastUrlTemplate[];
  readonly creatives: readonly VastCreative[];
  /** Set by the library when a wrapper could not be resolved (301, 302, 102 …). */
  readonly errorCode?: number;
  readonly errorMessage?: string;
}

/** The subset of VASTParser we drive (dist/types/parser/vast_parser.d.ts). */
export interface VastParserLike {
  initParsingStatus(options: { wrapperLimit: number }): void;
  parse(doc: unknown, options: { url: string; resolveAll: boolean; isRootVAST: boolean; wrapperDepth: number }): Promise<unknown>;
}

/** The hook VASTParser calls for every wrapper hop (src/fetcher/fetcher.js `fetchVAST`). */
export interface WrapperFetchRequest {
  readonly url: string;
  readonly wrapperDepth: number;
}
