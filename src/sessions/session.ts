/**
 * A viewer's playback session. Created at session start (implicit on the first
 * multivariant request, or explicit through POST /v1/session), read on every media
 * playlist and segment request. Everything an ad request template or a beacon needs
 * about the viewer is captured here once, at start.
 */
export interface Session {
  readonly id: string;
  readonly channelId: string;
  /** Origin path after the channel id, e.g. `live/master.m3u8`. */
  readonly originPath: string;
  readonly format: 'hls' | 'dash';
  /** Query parameters of the session start: `[player_params.NAME]`. */
  readonly playerParams: Readonly<Record<string, string>>;
  readonly clientIp: string;
  readonly userAgent: string;
  readonly referer?: string;
  /** 'server': Interlude fires beacons; 'client': the player does, through the tracking API. */
  readonly reportingMode: 'server' | 'client';
  /** Epoch ms; set by the session service from its injected clock. */
  readonly createdAtMs: number;
  /**
   * Fingerprint of the rendition map of the multivariant playlist the session was given
   * (manifest-service/rendition-map.ts): any instance derives the map again and checks it.
   * Absent until that playlist was requested.
   */
  readonly renditions?: string;
}
