/**
 * What an origin failure becomes (STYLE §10): one table, read by the origin client and the
 * media playlist path. Callers report the failure; they do not pick a status themselves.
 *
 * | fetch failure                     | answer               | metric reason |
 * |-----------------------------------|----------------------|---------------|
 * | no first byte / body in time      | 504 ORIGIN_TIMEOUT   | timeout       |
 * | caller's deadline fired           | 504 ORIGIN_TIMEOUT   | timeout       |
 * | non-2xx (404, 5xx after retries)  | 502 ORIGIN_BAD_STATUS| status        |
 * | refused, reset, DNS, bad URL      | 502 ORIGIN_UNREACHABLE| unreachable  |
 * | body over the policy's maxBytes   | 502 ORIGIN_TOO_LARGE | too_large     |
 * | text that is not a playlist       | 502 ORIGIN_BAD_PLAYLIST | bad_playlist |
 *
 * Live only: while the origin fails, the session's last good playlist of that rendition is
 * served again for up to one target duration (bounded by `origin.staleLivePlaylistMaxAgeMs`);
 * after that the error above is the answer. VOD has no stale answer: a VOD playlist is
 * fetched once by a player, and an old copy would be no better than a retry.
 */
import { InterludeError, isInterludeError } from '../errors/index.js';
import { isFetchError, type FetchError } from '../net/fetch-error.js';

export type OriginFailureReason = 'timeout' | 'status' | 'unreachable' | 'too_large' | 'bad_playlist';

export interface OriginFailure {
  readonly reason: OriginFailureReason;
  readonly error: InterludeError;
}

/** Maps whatever fetching or parsing an origin playlist threw to the catalogue answer. */
export function originFailure(e: unknown, channelId: string, url: string, policy: { maxTimeToFirstByteMs: number; maxBytes: number }): OriginFailure {
  if (isInterludeError(e) && e.code.startsWith('ORIGIN_')) return { reason: reasonOf(e), error: e };
  if (isFetchError(e)) return fromFetchError(e, channelId, url, policy);
  return {
    reason: 'unreachable',
    error: new InterludeError('ORIGIN_UNREACHABLE', `The origin of channel "${channelId}" could not be reached.`, { channelId, url, reason: 'unexpected failure' }, { cause: e }),
  };
}

function fromFetchError(e: FetchError, channelId: string, url: string, policy: { maxTimeToFirstByteMs: number; maxBytes: number }): OriginFailure {
  const opts = { cause: e };
  switch (e.code) {
    case 'FETCH_TIMEOUT':
    case 'FETCH_ABORTED':
      return { reason: 'timeout', error: new InterludeError('ORIGIN_TIMEOUT', `The origin of channel "${channelId}" did not answer in time.`, { channelId, url, timeoutMs: policy.maxTimeToFirstByteMs }, opts) };
    case 'FETCH_HTTP_STATUS':
      return { reason: 'status', error: new InterludeError('ORIGIN_BAD_STATUS', `The origin of channel "${channelId}" answered HTTP ${e.status ?? '?'}.`, { channelId, url, originStatus: e.status ?? 0 }, opts) };
    case 'FETCH_TOO_LARGE':
      return { reason: 'too_large', error: new InterludeError('ORIGIN_TOO_LARGE', `The origin playlist of channel "${channelId}" is larger than ${policy.maxBytes} bytes.`, { channelId, url, maxBytes: policy.maxBytes }, opts) };
    case 'FETCH_NETWORK':
    case 'FETCH_URL_REJECTED':
      return { reason: 'unreachable', error: new InterludeError('ORIGIN_UNREACHABLE', `The origin of channel "${channelId}" could not be reached.`, { channelId, url, reason: e.message.slice(0, 200) }, opts) };
  }
}

export function badPlaylist(channelId: string, url: string, cause: string): InterludeError {
  return new InterludeError('ORIGIN_BAD_PLAYLIST', `The origin of channel "${channelId}" answered with a playlist that cannot be read.`, { channelId, url, cause });
}

function reasonOf(e: InterludeError): OriginFailureReason {
  switch (e.code) {
    case 'ORIGIN_TIMEOUT': return 'timeout';
    case 'ORIGIN_BAD_STATUS': return 'status';
    case 'ORIGIN_TOO_LARGE': return 'too_large';
    case 'ORIGIN_BAD_PLAYLIST': return 'bad_playlist';
    default: return 'unreachable';
  }
}

/** How long a live rendition's last good playlist may stand in for a failing origin. */
export function staleLiveWindowMs(targetDurationSec: number, maxAgeMs: number): number {
  return Math.min(Math.max(0, targetDurationSec) * 1000, maxAgeMs);
}
