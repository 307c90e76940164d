/**
 * `GET /v1/sessions/:id/beacons`: what happened to each server-side beacon of a session
 * (support: "did the impression go out?"), mounted next to the player routes.
 *
 *   200 [{ event, adId, url, state: queued|sent|retrying|failed, attempts, lastStatus?,
 *          lastError?, firedAt, updatedAt }]   ordered by firing time
 *   404 SESSION_NOT_FOUND for an unknown or expired session; 503 STORE_UNAVAILABLE
 */
import { Router, type Request } from 'express';
import type { SessionStore } from '../../../sessions/session-store.js';
import { sessionNotFound } from '../../../sessions/store-errors.js';
import type { BeaconLedger, BeaconLedgerEntry } from '../../../beacons/ledger/beacon-ledger.js';

export interface BeaconRoutesDeps {
  readonly ledger: BeaconLedger;
  readonly sessionStore: Pick<SessionStore, 'get'>;
}

export interface BeaconLedgerJson {
  readonly id: string;
  readonly event: string;
  readonly adId: string;
  readonly url: string;
  readonly state: BeaconLedgerEntry['state'];
  readonly attempts: number;
  readonly lastStatus: number | null;
  readonly lastError: string | null;
  readonly firedAt: string;
  readonly updatedAt: string;
}

export function ledgerJson(e: BeaconLedgerEntry): BeaconLedgerJson {
  return {
    id: e.id, event: e.event, adId: e.adId, url: e.url, state: e.state, attempts: e.attempts,
    lastStatus: e.lastStatus ?? null, lastError: e.lastError ?? null,
    firedAt: new Date(e.firedAtMs).toISOString(), updatedAt: new Date(e.updatedAtMs).toISOString(),
  };
}

function idParam(req: Request): string {
  const v: unknown = (req.params as Record<string, unknown>).id;
  return typeof v === 'string' ? v : '';
}

export function createBeaconRouter(deps: BeaconRoutesDeps): Router {
  const router = Router();
  router.get('/sessions/:id/beacons', async (req, res) => {
    const id = idParam(req);
    // the session, not the ledger, decides 404: a session with no beacon yet answers []
    const session = await deps.sessionStore.get(id);
    if (session === undefined) throw sessionNotFound(id);
    const entries = await deps.ledger.list(id);
    res.status(200).set('Cache-Control', 'no-cache').json(entries.map(ledgerJson));
  });
  return router;
}
