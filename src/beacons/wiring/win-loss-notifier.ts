/**
 * OpenRTB win (`nurl`) and loss (`lurl`) notices delivered as server-side beacons: the same
 * queue, retries, ledger and X-Request-Id dedupe as VAST tracking, instead of a bare
 * fire-and-forget GET that a partner's hiccup would lose.
 *
 * The auction has already filled the ${AUCTION_*} macros; VAST macros are left to the
 * dispatcher like for any beacon (nurls seldom carry them, and unknown ones stay as written).
 */
import type { AuctionNotice, WinLossNotifier } from '../../decisioning/sources/openrtb/notifier.js';
import type { BeaconEnqueuer } from '../beacon-dispatcher.js';
import { beaconId, type BeaconJob } from '../beacon-job.js';

export interface BeaconWinLossNotifierOptions {
  readonly enqueuer: BeaconEnqueuer;
  readonly nowMs: () => number;
  /** The queue refused the notice (Redis down): the caller logs it; the notice is lost. */
  readonly onError?: (error: unknown, notice: AuctionNotice) => void;
}

export class BeaconWinLossNotifier implements WinLossNotifier {
  readonly #o: BeaconWinLossNotifierOptions;
  readonly #pending = new Set<Promise<void>>();

  constructor(options: BeaconWinLossNotifierOptions) {
    this.#o = options;
  }

  /** Never throws and never makes the auction wait: the enqueue runs in the background. */
  notify(notice: AuctionNotice): void {
    let job: BeaconJob;
    try {
      job = winLossBeaconJob(notice, this.#o.nowMs());
    } catch (e) {
      this.#o.onError?.(e, notice);
      return;
    }
    const p = this.#o.enqueuer.enqueue(job).catch((e: unknown) => this.#o.onError?.(e, notice));
    this.#pending.add(p);
    void p.finally(() => this.#pending.delete(p));
  }

  /** Waits until every notice handed over so far reached the queue (shutdown, tests). */
  async drain(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }
}

/**
 * The beacon job of one notice. Its id depends only on (auction, bidder, bid, kind), so a
 * notice handed over twice is one queue job and one request. Without a session the viewer
 * is empty: the request then carries the server's headers only (beaconHeaders).
 */
export function winLossBeaconJob(notice: AuctionNotice, nowMs: number): BeaconJob {
  const sessionId = notice.session?.id ?? `auction:${notice.auctionId}`;
  const adId = `${notice.bidder}/${notice.bidId}`;
  return {
    id: beaconId(`auction:${notice.auctionId}`, adId, notice.kind, 0),
    sessionId,
    adId,
    event: notice.kind,
    url: notice.url,
    viewer: { ip: notice.session?.clientIp ?? '', userAgent: notice.session?.userAgent ?? '' },
    // A notice belongs to the auction, not to a moment of playback: neutral values.
    context: { adPlayheadMs: 0, mediaPlayheadMs: 0, breakPosition: 'standalone', podSequence: 1, adCount: 1 },
    firedAtMs: nowMs,
  };
}
