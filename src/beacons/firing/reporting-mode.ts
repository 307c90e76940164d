/**
 * Who reports a session's ad playback. In 'server' mode Interlude fires the beacons from
 * segment requests; in 'client' mode the player does, from `GET /v1/tracking/:session`,
 * and the server must fire nothing, or every impression would count twice.
 */
import type { Session } from '../../sessions/session.js';

export function shouldFireServerSide(session: Pick<Session, 'reportingMode'>): boolean {
  return session.reportingMode === 'server';
}
