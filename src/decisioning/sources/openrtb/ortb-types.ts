/**
 * The slice of OpenRTB 2.6 that the embedded auction writes and reads, field names as the
 * spec spells them (§3.2 request objects, §4.2 response objects). Only what a CTV video
 * pod needs is typed; bidders may add `ext` fields, which pass through untouched.
 *
 * Pod vocabulary (§7.6): a *structured* pod is several imps sharing a `podid`, one slot each;
 * a *dynamic* pod is one imp with `poddur` and `maxseq`; a *hybrid* pod mixes both.
 * `slotinpod`: 0 any, 1 first, -1 last, 2 first or last (List 5.x "Slot Position in Pod").
 */
export type SlotInPod = 0 | 1 | -1 | 2;

export interface OrtbVideo {
  readonly mimes: readonly string[];
  readonly minduration?: number;
  readonly maxduration?: number;
  readonly rqddurs?: readonly number[];
  readonly poddur?: number;
  readonly maxseq?: number;
  readonly podid?: string;
  /** 0 any, 1 first pod in the content, -1 last pod. */
  readonly podseq?: number;
  readonly slotinpod?: SlotInPod;
  readonly mincpmpersec?: number;
  readonly protocols?: readonly number[];
  /** 1 instream. */
  readonly plcmt?: number;
  readonly linearity?: number;
  readonly w?: number;
  readonly h?: number;
  readonly ext?: Readonly<Record<string, unknown>>;
}

export interface OrtbImp {
  readonly id: string;
  readonly video: OrtbVideo;
  readonly bidfloor?: number;
  readonly bidfloorcur?: string;
  /** 3: all of this impression is stitched server-side (List 5.x "Server-Side Ad Insertion"). */
  readonly ssai?: number;
  readonly exp?: number;
  readonly ext?: Readonly<Record<string, unknown>>;
}

export interface OrtbUserAgent {
  readonly browsers?: readonly { readonly brand: string; readonly version?: readonly string[] }[];
  readonly platform?: { readonly brand: string; readonly version?: readonly string[] };
  readonly mobile?: number;
  readonly source?: number;
}

export interface OrtbDevice {
  readonly ua?: string;
  readonly sua?: OrtbUserAgent;
  readonly ip?: string;
  readonly ipv6?: string;
  readonly ifa?: string;
  readonly lmt?: number;
  /** 3: connected TV (List 5.x "Device Type"). */
  readonly devicetype?: number;
}

export interface OrtbContent {
  readonly id?: string;
  readonly title?: string;
  readonly genre?: string;
  readonly livestream?: number;
  readonly len?: number;
  readonly ext?: Readonly<Record<string, unknown>>;
}

export interface OrtbPublisherContext {
  readonly id?: string;
  readonly name?: string;
  readonly bundle?: string;
  readonly domain?: string;
  readonly page?: string;
  readonly storeurl?: string;
  readonly publisher?: { readonly id?: string };
  readonly content?: OrtbContent;
}

export interface OrtbRegs {
  readonly coppa?: number;
  readonly gdpr?: number;
  readonly us_privacy?: string;
  readonly gpp?: string;
  readonly gpp_sid?: readonly number[];
}

export interface OrtbBidRequest {
  readonly id: string;
  readonly imp: readonly OrtbImp[];
  readonly app?: OrtbPublisherContext;
  readonly site?: OrtbPublisherContext;
  readonly device?: OrtbDevice;
  readonly user?: { readonly id?: string; readonly consent?: string };
  readonly regs?: OrtbRegs;
  readonly source?: { readonly tid?: string };
  readonly tmax?: number;
  readonly cur?: readonly string[];
  /** 0: first price (our default); 2 is "exchange specific" in 2.6, used for second price. */
  readonly at?: number;
  readonly ext?: Readonly<Record<string, unknown>>;
}

export interface OrtbBid {
  readonly id: string;
  readonly impid: string;
  readonly price: number;
  readonly adid?: string;
  readonly nurl?: string;
  readonly burl?: string;
  readonly lurl?: string;
  readonly adm?: string;
  readonly adomain?: readonly string[];
  readonly cat?: readonly string[];
  readonly crid?: string;
  readonly cid?: string;
  /** Creative duration in seconds (2.6). */
  readonly dur?: number;
  /** 2: video (List 5.x "Creative Markup Type"). */
  readonly mtype?: number;
  readonly slotinpod?: SlotInPod;
  readonly ext?: Readonly<Record<string, unknown>>;
}

export interface OrtbSeatBid {
  readonly bid: readonly OrtbBid[];
  readonly seat?: string;
}

export interface OrtbBidResponse {
  readonly id: string;
  readonly seatbid?: readonly OrtbSeatBid[];
  readonly bidid?: string;
  readonly cur?: string;
  readonly nbr?: number;
}
