import type { Break } from '../../../../manifests/index.js';
import type { Session } from '../../../sessions/session.js';
import type { AvailContext } from '../../ad-source.js';
import { availDurationMs } from '../../macros.js';
import type { OrtbBidRequest, OrtbContent, OrtbDevice, OrtbImp, OrtbPublisherContext, OrtbRegs, OrtbUserAgent, OrtbVideo, SlotInPod } from './ortb-types.js';
import type { OpenRtbParams } from './params.js';

/**
 * Builds the one BidRequest of a break (pure: the only randomness is `random`, injected).
 *
 * Pod shapes (OpenRTB 2.6 §7.6):
 * - dynamic: one imp with `poddur` (the break, whole seconds) and `maxseq`;
 * - structured: one imp per slot, same `podid`, first slot `slotinpod` 1, last -1;
 * - hybrid: a guaranteed first and last slot around one dynamic imp for the rest; a break
 *   too short for that falls back to dynamic (and says so in `notes`).
 * Player params read: ifa, lmt, sua (JSON), gdpr, gdpr_consent, us_privacy, gpp, gpp_sid.
 */
export interface BuiltRequest {
  readonly request: OrtbBidRequest;
  readonly notes: readonly string[];
}

export interface RequestInput {
  readonly brk: Break;
  readonly session: Session;
  readonly avail: AvailContext;
  readonly params: OpenRtbParams;
  /** A number in [0, 1); source.tid is made from it so tests are deterministic. */
  readonly random: () => number;
}

export function buildBidRequest(input: RequestInput): BuiltRequest {
  const { brk, session, avail, params, random } = input;
  const podDurSec = Math.floor(availDurationMs(brk, params.defaultAvailDurationMs) / 1000);
  const notes: string[] = [];
  const tid = randomUuid(random);
  const base = videoBase(params, brk, avail);
  let imps: OrtbImp[];
  switch (params.pod.mode) {
    case 'dynamic':
      imps = [dynamicImp('1', base, params, podDurSec, params.pod.maxSeq)];
      break;
    case 'structured':
      imps = structuredImps(base, params, podDurSec);
      break;
    case 'hybrid': {
      const slot = Math.min(params.pod.slotDurationSec, podDurSec);
      const rest = podDurSec - 2 * slot;
      const restSeq = params.pod.maxSeq === 0 ? 0 : params.pod.maxSeq - 2;
      if (rest < 1 || restSeq < 0 || (params.pod.maxSeq !== 0 && restSeq === 0)) {
        notes.push(`hybrid pod needs more than two ${slot} s slots; the ${podDurSec} s break is requested as a dynamic pod`);
        imps = [dynamicImp('1', base, params, podDurSec, params.pod.maxSeq)];
      } else {
        imps = [slotImp('1', base, params, slot, 1), dynamicImp('2', base, params, rest, restSeq), slotImp('3', base, params, slot, -1)];
      }
      break;
    }
  }
  const context = publisherContext(params, brk);
  const request: OrtbBidRequest = {
    id: tid,
    imp: imps,
    ...(params.site !== undefined ? { site: context } : { app: context }),
    device: device(session),
    ...user(session),
    ...regs(session),
    source: { tid },
    tmax: params.tmaxMs - params.networkAllowanceMs,
    cur: [params.currency],
    at: params.priceRule === 'second' ? 2 : 1,
  };
  return { request, notes };
}

function videoBase(params: OpenRtbParams, brk: Break, avail: AvailContext): OrtbVideo {
  return {
    mimes: params.mimes,
    protocols: params.protocols,
    plcmt: 1,
    linearity: 1,
    podid: brk.id,
    // podseq 1 marks the first pod of the content; later pods are "any" (we cannot know the last).
    podseq: avail.availNum === 1 ? 1 : 0,
  };
}

function durations(params: OpenRtbParams, maxSec: number): Pick<OrtbVideo, 'rqddurs' | 'minduration' | 'maxduration'> {
  const rqd = params.pod.rqddurs;
  // rqddurs and min/max duration are mutually exclusive in 2.6.
  if (rqd !== undefined) return { rqddurs: rqd.filter((d) => d <= maxSec) };
  return { minduration: Math.min(params.pod.minDurationSec, maxSec), maxduration: Math.min(params.pod.maxDurationSec, maxSec) };
}

function floors(params: OpenRtbParams): Pick<OrtbImp, 'bidfloor' | 'bidfloorcur' | 'ssai'> {
  return { bidfloor: params.floorCpm, bidfloorcur: params.currency, ssai: 3 };
}

function dynamicImp(id: string, base: OrtbVideo, params: OpenRtbParams, podDurSec: number, maxSeq: number): OrtbImp {
  const video: OrtbVideo = {
    ...base,
    ...durations(params, podDurSec),
    poddur: podDurSec,
    maxseq: maxSeq,
    slotinpod: 0,
    ...(params.minCpmPerSec !== undefined ? { mincpmpersec: params.minCpmPerSec } : {}),
  };
  return { id, video, ...floors(params) };
}

function slotImp(id: string, base: OrtbVideo, params: OpenRtbParams, slotSec: number, slotinpod: SlotInPod): OrtbImp {
  const video: OrtbVideo = {
    ...base,
    ...durations(params, slotSec),
    slotinpod,
    ...(params.minCpmPerSec !== undefined ? { mincpmpersec: params.minCpmPerSec } : {}),
  };
  return { id, video, ...floors(params) };
}

function structuredImps(base: OrtbVideo, params: OpenRtbParams, podDurSec: number): OrtbImp[] {
  const slot = Math.max(1, Math.min(params.pod.slotDurationSec, podDurSec));
  let n = params.pod.structuredSlots ?? Math.max(1, Math.floor(podDurSec / slot));
  if (params.pod.maxSeq > 0) n = Math.min(n, params.pod.maxSeq);
  return Array.from({ length: n }, (_v, i) => slotImp(String(i + 1), base, params, slot, n === 1 ? 0 : i === 0 ? 1 : i === n - 1 ? -1 : 0));
}

function publisherContext(params: OpenRtbParams, brk: Break): OrtbPublisherContext {
  const cfg = params.site ?? params.app ?? {};
  const { publisherId, ...rest } = cfg;
  const content: OrtbContent = {
    ...(params.content?.id !== undefined ? { id: params.content.id } : {}),
    ...(params.content?.title !== undefined ? { title: params.content.title } : {}),
    ...(params.content?.genre !== undefined ? { genre: params.content.genre } : {}),
    ...(params.content?.livestream !== undefined ? { livestream: params.content.livestream ? 1 : 0 } : {}),
    ...(params.content?.lenSec !== undefined ? { len: params.content.lenSec } : {}),
    // The SCTE-35 UPID names the programme the break sits in (ADI, EIDR, ...): useful to buyers.
    ...(brk.scte35?.segmentationUpid !== undefined
      ? { ext: { scte35: { upid: brk.scte35.segmentationUpid, ...(brk.scte35.segmentationTypeId !== undefined ? { segmentationTypeId: brk.scte35.segmentationTypeId } : {}) } } }
      : {}),
  };
  return {
    ...rest,
    ...(publisherId !== undefined ? { publisher: { id: publisherId } } : {}),
    ...(Object.keys(content).length > 0 ? { content } : {}),
  };
}

function device(session: Session): OrtbDevice {
  const p = session.playerParams;
  const sua = parseSua(p.sua);
  const ip = session.clientIp;
  return {
    ua: session.userAgent,
    ...(sua !== undefined ? { sua } : {}),
    ...(ip.includes(':') ? { ipv6: ip } : ip !== '' ? { ip } : {}),
    ...(p.ifa !== undefined && p.ifa !== '' ? { ifa: p.ifa } : {}),
    ...(p.lmt === '1' || p.lmt === '0' ? { lmt: Number(p.lmt) } : {}),
    devicetype: 3,
  };
}

function parseSua(text: string | undefined): OrtbUserAgent | undefined {
  if (text === undefined || text === '' || text.length > 4_096) return undefined;
  try {
    const v = JSON.parse(text) as unknown;
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

function user(session: Session): { user?: { consent: string } } {
  const consent = session.playerParams.gdpr_consent;
  return consent !== undefined && consent !== '' ? { user: { consent } } : {};
}

function regs(session: Session): { regs?: OrtbRegs } {
  const p = session.playerParams;
  const sid = (p.gpp_sid ?? '').split(',').map((s) => Number.parseInt(s, 10)).filter((n) => Number.isInteger(n) && n >= 0);
  const out: OrtbRegs = {
    ...(p.gdpr === '1' || p.gdpr === '0' ? { gdpr: Number(p.gdpr) } : {}),
    ...(p.us_privacy !== undefined && p.us_privacy !== '' ? { us_privacy: p.us_privacy } : {}),
    ...(p.gpp !== undefined && p.gpp !== '' ? { gpp: p.gpp } : {}),
    ...(sid.length > 0 ? { gpp_sid: sid } : {}),
  };
  return Object.keys(out).length > 0 ? { regs: out } : {};
}

/** A v4-layout UUID from `random` (not cryptographic: tid is a correlation id). */
export function randomUuid(random: () => number): string {
  const bytes = Array.from({ length: 16 }, () => Math.floor(random() * 256) & 0xff);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
