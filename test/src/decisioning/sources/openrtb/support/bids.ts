// Bid and VAST builders for auction and source tests.
export function hlsVast(adId: string, seconds: number, extra = ''): string {
  const d = `00:00:${String(seconds).padStart(2, '0')}`;
  return `<VAST version="4.0"><Ad id="${adId}"><InLine><AdSystem>t</AdSystem><AdTitle>t</AdTitle><Impression><![CDATA[https://imp.example/${adId}]]></Impression>${extra}<Creatives><Creative id="cr-${adId}"><Linear><Duration>${d}</Duration><MediaFiles><MediaFile delivery="streaming" type="application/x-mpegURL" width="1920" height="1080"><![CDATA[https://cdn.example/${adId}/master.m3u8]]></MediaFile></MediaFiles></Linear></Creative></Creatives></InLine></Ad></VAST>`;
}

export interface BidSpec {
  readonly id: string;
  readonly price: number;
  readonly dur?: number;
  readonly adomain?: readonly string[];
  readonly cat?: readonly string[];
  readonly impid?: string;
  readonly adm?: string;
  readonly nurl?: string;
  readonly burl?: string;
  readonly lurl?: string;
}

export function bid(s: BidSpec): Record<string, unknown> {
  const dur = s.dur ?? 15;
  return {
    id: s.id,
    impid: s.impid ?? '1',
    price: s.price,
    adm: s.adm ?? hlsVast(`ad-${s.id}`, dur),
    adomain: s.adomain ?? [`${s.id}.com`],
    dur,
    crid: `cr-${s.id}`,
    ...(s.cat ? { cat: s.cat } : {}),
    ...(s.nurl ? { nurl: s.nurl } : {}),
    ...(s.burl ? { burl: s.burl } : {}),
    ...(s.lurl ? { lurl: s.lurl } : {}),
  };
}

export function response(bids: readonly Record<string, unknown>[], cur = 'USD', seat = 'seat-1'): string {
  return JSON.stringify({ id: 'r', cur, seatbid: [{ seat, bid: bids }] });
}
