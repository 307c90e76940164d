import type { OrtbBid, OrtbBidRequest, OrtbBidResponse, OrtbImp } from './ortb-types.js';

/**
 * Checks on what goes out (a BidRequest we built, or one read from a file) and what comes
 * back (a BidResponse body). Pure; every problem is listed, none throws. A request with any
 * problem is not sent: an impossible pod (poddur ≤ 0, maxseq < 0, minduration > maxduration)
 * would only collect bids that cannot be used.
 */
export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: readonly string[] };

const SLOT_POSITIONS = new Set([0, 1, -1, 2]);

export function validateBidRequest(req: OrtbBidRequest): readonly string[] {
  const errors: string[] = [];
  if (typeof req.id !== 'string' || req.id === '') errors.push('id: required');
  if (!Array.isArray(req.imp) || req.imp.length === 0) errors.push('imp: at least one imp is required');
  if (req.tmax !== undefined && !(Number.isInteger(req.tmax) && req.tmax > 0)) errors.push(`tmax: must be a positive integer (got ${String(req.tmax)})`);
  if (req.app !== undefined && req.site !== undefined) errors.push('app and site: give one, not both');
  const ids = new Set<string>();
  const pods = new Map<string, { first: number; last: number }>();
  const imps = (Array.isArray(req.imp) ? req.imp : []) as readonly OrtbImp[];
  imps.forEach((imp, i) => {
    const at = `imp[${i}]`;
    if (imp === null || typeof imp !== 'object') {
      errors.push(`${at}: must be an object`);
      return;
    }
    if (typeof imp.id !== 'string' || imp.id === '') errors.push(`${at}.id: required`);
    else if (ids.has(imp.id)) errors.push(`${at}.id: duplicate imp id ${JSON.stringify(imp.id)}`);
    else ids.add(imp.id);
    errors.push(...validateImp(imp, at));
    const podid = imp.video?.podid;
    if (podid !== undefined && imp.video?.poddur === undefined) {
      const seen = pods.get(podid) ?? { first: 0, last: 0 };
      if (imp.video.slotinpod === 1) seen.first++;
      if (imp.video.slotinpod === -1) seen.last++;
      pods.set(podid, seen);
    }
  });
  for (const [podid, seen] of pods) {
    if (seen.first > 1) errors.push(`pod ${JSON.stringify(podid)}: more than one structured slot with slotinpod 1 (first)`);
    if (seen.last > 1) errors.push(`pod ${JSON.stringify(podid)}: more than one structured slot with slotinpod -1 (last)`);
  }
  return errors;
}

function validateImp(imp: OrtbImp, at: string): string[] {
  const errors: string[] = [];
  const v = imp.video;
  if (v === undefined || v === null || typeof v !== 'object') return [`${at}.video: required (only video pods are auctioned)`];
  const isInt = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n);
  if (!Array.isArray(v.mimes) || v.mimes.length === 0) errors.push(`${at}.video.mimes: at least one MIME type is required`);
  if (v.poddur !== undefined && !(isInt(v.poddur) && v.poddur > 0)) errors.push(`${at}.video.poddur: must be a positive integer of seconds (got ${String(v.poddur)})`);
  if (v.maxseq !== undefined && !(isInt(v.maxseq) && v.maxseq >= 0)) errors.push(`${at}.video.maxseq: must be an integer ≥ 0 (got ${String(v.maxseq)})`);
  if (v.mincpmpersec !== undefined && !(typeof v.mincpmpersec === 'number' && v.mincpmpersec >= 0)) errors.push(`${at}.video.mincpmpersec: must be ≥ 0`);
  if (v.slotinpod !== undefined && !SLOT_POSITIONS.has(v.slotinpod)) errors.push(`${at}.video.slotinpod: must be 0, 1, -1 or 2 (got ${String(v.slotinpod)})`);
  if (v.podseq !== undefined && ![0, 1, -1].includes(v.podseq)) errors.push(`${at}.video.podseq: must be 0, 1 or -1 (got ${String(v.podseq)})`);
  if (v.minduration !== undefined && !(isInt(v.minduration) && v.minduration >= 0)) errors.push(`${at}.video.minduration: must be an integer ≥ 0`);
  if (v.maxduration !== undefined && !(isInt(v.maxduration) && v.maxduration > 0)) errors.push(`${at}.video.maxduration: must be a positive integer`);
  if (isInt(v.minduration) && isInt(v.maxduration) && v.minduration > v.maxduration) errors.push(`${at}.video: minduration ${v.minduration} exceeds maxduration ${v.maxduration}`);
  if (v.rqddurs !== undefined) {
    if (!Array.isArray(v.rqddurs) || v.rqddurs.length === 0 || !v.rqddurs.every((d) => isInt(d) && d > 0)) errors.push(`${at}.video.rqddurs: must be a non-empty list of positive integers`);
    if (v.minduration !== undefined || v.maxduration !== undefined) errors.push(`${at}.video: rqddurs excludes minduration/maxduration`);
  }
  if (isInt(v.poddur) && Array.isArray(v.rqddurs) && v.rqddurs.length > 0 && v.rqddurs.every((d) => d > v.poddur!)) {
    errors.push(`${at}.video: no required duration fits poddur ${v.poddur}`);
  }
  if (imp.bidfloor !== undefined && !(typeof imp.bidfloor === 'number' && imp.bidfloor >= 0)) errors.push(`${at}.bidfloor: must be ≥ 0`);
  return errors;
}

/** Reads a BidRequest from JSON text (a file, a vector): not JSON or not a video pod request is an error list. */
export function parseBidRequestText(text: string): Checked<OrtbBidRequest> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`not JSON: ${e instanceof Error ? e.message : String(e)}`] };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { ok: false, errors: ['a BidRequest must be a JSON object'] };
  const req = value as OrtbBidRequest;
  const errors = validateBidRequest(req);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: req };
}

/**
 * Reads a BidResponse body. The envelope must be an object with seatbid[].bid[]; each bid
 * that lacks a string `id`/`impid` or a numeric `price` is dropped with a reason while the
 * rest are kept (one bad bid does not void a seat).
 */
export function parseBidResponseText(text: string): Checked<{ readonly response: OrtbBidResponse; readonly dropped: readonly string[] }> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`response is not JSON: ${e instanceof Error ? e.message : String(e)}`] };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { ok: false, errors: ['response is not a JSON object'] };
  const raw = value as Record<string, unknown>;
  if (raw.seatbid !== undefined && !Array.isArray(raw.seatbid)) return { ok: false, errors: ['response seatbid is not an array'] };
  if (raw.cur !== undefined && typeof raw.cur !== 'string') return { ok: false, errors: ['response cur is not a string'] };
  const dropped: string[] = [];
  const seatbid = ((raw.seatbid ?? []) as unknown[]).flatMap((sb, s) => {
    if (sb === null || typeof sb !== 'object' || !Array.isArray((sb as { bid?: unknown }).bid)) {
      dropped.push(`seatbid[${s}] has no bid array`);
      return [];
    }
    const seat = (sb as { seat?: unknown }).seat;
    const bids = ((sb as { bid: unknown[] }).bid).filter((b, i): b is OrtbBid => {
      const why = bidShapeProblem(b);
      if (why !== undefined) dropped.push(`seatbid[${s}].bid[${i}] ${why}`);
      return why === undefined;
    });
    return [{ bid: bids, ...(typeof seat === 'string' ? { seat } : {}) }];
  });
  const response: OrtbBidResponse = {
    id: typeof raw.id === 'string' ? raw.id : '',
    seatbid,
    ...(typeof raw.cur === 'string' ? { cur: raw.cur } : {}),
    ...(typeof raw.nbr === 'number' ? { nbr: raw.nbr } : {}),
  };
  return { ok: true, value: { response, dropped } };
}

function bidShapeProblem(b: unknown): string | undefined {
  if (b === null || typeof b !== 'object') return 'is not an object';
  const bid = b as Record<string, unknown>;
  if (typeof bid.id !== 'string' || bid.id === '') return 'has no id';
  if (typeof bid.impid !== 'string' || bid.impid === '') return `${bid.id}: has no impid`;
  if (typeof bid.price !== 'number' || !Number.isFinite(bid.price)) return `${bid.id}: price is not a number`;
  for (const k of ['adm', 'nurl', 'burl', 'lurl', 'crid', 'adid'] as const) {
    if (bid[k] !== undefined && typeof bid[k] !== 'string') return `${bid.id}: ${k} is not a string`;
  }
  for (const k of ['adomain', 'cat'] as const) {
    if (bid[k] !== undefined && !(Array.isArray(bid[k]) && (bid[k] as unknown[]).every((x) => typeof x === 'string'))) return `${bid.id}: ${k} is not a list of strings`;
  }
  if (bid.dur !== undefined && typeof bid.dur !== 'number') return `${bid.id}: dur is not a number`;
  return undefined;
}
