/**
 * Fetches and parses playlists on behalf of players: origin playlists (content, slate) and
 * ad creatives' playlists, all under the `originManifest` fetch policy (2 s, 2 MB by default).
 * Every failure comes out as a catalogue ORIGIN_* error (origin-failure-policy.ts) and is
 * counted in `origin_errors_total{channel, reason}`.
 */
import { parseHls, type HlsPlaylist } from '../../manifests/index.js';
import type { FetchPolicy } from '../config/index.js';
import type { Fetcher } from '../net/fetcher.js';
import { redactUrl } from '../net/url-guard.js';
import type { Metrics } from '../observability/metrics.js';
import { badPlaylist, originFailure } from './origin-failure-policy.js';

export interface OriginClientDeps {
  readonly fetcher: Fetcher;
  readonly policy: FetchPolicy;
  readonly metrics: Metrics;
}

export interface PlaylistFetch {
  readonly playlist: HlsPlaylist;
  /** The URL that answered (after redirects): relative URIs resolve against it. */
  readonly url: string;
}

export class OriginClient {
  readonly #deps: OriginClientDeps;

  constructor(deps: OriginClientDeps) {
    this.#deps = deps;
  }

  get policy(): FetchPolicy {
    return this.#deps.policy;
  }

  /** Rejects with ORIGIN_TIMEOUT / _BAD_STATUS / _UNREACHABLE / _TOO_LARGE / _BAD_PLAYLIST. */
  fetchPlaylist(url: string, channelId: string, headers?: Readonly<Record<string, string>>): Promise<PlaylistFetch> {
    const { policy } = this.#deps;
    return this.fetchParsed(url, channelId, (body, answeredUrl) => {
      const parsed = parseHls(body, { maxBytes: policy.maxBytes });
      if (!parsed.ok) throw badPlaylist(channelId, redactUrl(url), parsed.error.code);
      return { playlist: parsed.value, url: answeredUrl };
    }, headers);
  }

  /**
   * Fetches the text and hands it to `parse` (with the URL that answered); what `parse`
   * throws is mapped and counted like a fetch failure (throw `badPlaylist` for unreadable text).
   */
  async fetchParsed<T>(url: string, channelId: string, parse: (body: string, answeredUrl: string) => T, headers?: Readonly<Record<string, string>>): Promise<T> {
    const { fetcher, policy, metrics } = this.#deps;
    try {
      const res = await fetcher.fetchText(url, { policy, kind: 'origin-manifest', ...(headers === undefined ? {} : { headers }) });
      return parse(res.body, res.url);
    } catch (e) {
      const failure = originFailure(e, channelId, redactUrl(url), policy);
      metrics.originErrors.inc({ channel: channelId, reason: failure.reason });
      throw failure.error;
    }
  }
}
