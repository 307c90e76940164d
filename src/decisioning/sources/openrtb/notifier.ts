/**
 * Win and loss notices (`nurl`, `lurl`), sent fire-and-forget after the pod is decided.
 * The composition root connects this to the beacon queue (retries, exactly once); the
 * auction only hands over URLs with their macros already substituted. Implementations must
 * not throw and must not make the caller wait.
 */
export interface AuctionNotice {
  readonly kind: 'win' | 'loss';
  readonly url: string;
  readonly bidder: string;
  readonly bidId: string;
  /** OpenRTB loss reason code (0 for a win). */
  readonly lossCode: number;
  /** The bid request's id: with bidder, bid id and kind it names the notice (retries dedupe). */
  readonly auctionId: string;
  /** The viewer's session, when the auction ran for one: its IP and UA go out with the notice. */
  readonly session?: { readonly id: string; readonly clientIp: string; readonly userAgent: string };
}

export interface WinLossNotifier {
  notify(notice: AuctionNotice): void;
}

export const noopNotifier: WinLossNotifier = { notify: () => undefined };

/** Collects notices in memory: for tests and the CLI, which prints them. */
export class RecordingNotifier implements WinLossNotifier {
  readonly notices: AuctionNotice[] = [];
  notify(notice: AuctionNotice): void {
    this.notices.push(notice);
  }
}
