/**
 * OpenRTB 2.6 §4.4 substitution macros, filled in `nurl`, `burl`, `lurl` and `adm`:
 * ${AUCTION_ID}, ${AUCTION_BID_ID}, ${AUCTION_IMP_ID}, ${AUCTION_SEAT_ID}, ${AUCTION_AD_ID},
 * ${AUCTION_PRICE}, ${AUCTION_CURRENCY}, ${AUCTION_MBR}, ${AUCTION_LOSS}, ${AUCTION_MIN_TO_WIN}.
 * Values are URL-encoded (they land in query strings); an unknown `${…}` is left alone, as
 * the spec lets a buyer use its own. A value we do not disclose (the clearing price to a
 * loser) becomes the empty string. The `:B64` suffix (base64 price) is honoured for
 * AUCTION_PRICE only.
 */
export interface AuctionMacroValues {
  readonly auctionId: string;
  readonly bidId: string;
  readonly impId: string;
  readonly seatId: string;
  readonly adId: string;
  /** Clearing price, CPM; undefined for a loser. */
  readonly price?: number;
  readonly currency: string;
  /** OpenRTB loss reason code; 0 for a winner. */
  readonly lossCode: number;
  readonly minToWin?: number;
}

const MACRO = /\$\{(AUCTION_[A-Z_]+?)(:B64)?\}/g;

export function fillAuctionMacros(text: string, v: AuctionMacroValues): string {
  return text.replace(MACRO, (whole, name: string, b64: string | undefined) => {
    const value = macroValue(name, v);
    if (value === undefined) return whole;
    if (b64 !== undefined) return name === 'AUCTION_PRICE' ? Buffer.from(value).toString('base64url') : whole;
    return encodeURIComponent(value);
  });
}

function macroValue(name: string, v: AuctionMacroValues): string | undefined {
  switch (name) {
    case 'AUCTION_ID': return v.auctionId;
    case 'AUCTION_BID_ID': return v.bidId;
    case 'AUCTION_IMP_ID': return v.impId;
    case 'AUCTION_SEAT_ID': return v.seatId;
    case 'AUCTION_AD_ID': return v.adId;
    case 'AUCTION_PRICE': return v.price === undefined ? '' : formatPrice(v.price);
    case 'AUCTION_CURRENCY': return v.currency;
    case 'AUCTION_MBR': return '';
    case 'AUCTION_LOSS': return String(v.lossCode);
    case 'AUCTION_MIN_TO_WIN': return v.minToWin === undefined ? '' : formatPrice(v.minToWin);
    default: return undefined;
  }
}

/** Up to 4 decimals, no trailing zeros: 12.5, 3.0101. */
export function formatPrice(cpm: number): string {
  return String(Math.round(cpm * 10_000) / 10_000);
}
