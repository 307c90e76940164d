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
