// The player page that test/support/browser.ts serves: hls.js on a muted autoplaying <video>,
// a small canvas the shown frame is drawn onto, and `window.__interlude`, the control surface
// the harness calls through page.evaluate. The script is plain browser JavaScript in a string
// because the project compiles without the DOM lib; the types below are its contract.

/** One hls.js event as recorded in the page. Fields depend on `kind`. */
export interface PageEvent {
  readonly kind: 'manifest-parsed' | 'level-switched' | 'frag-changed' | 'error' | 'play-rejected' | 'unsupported';
  /** Milliseconds since the page loaded. */
  readonly atMs: number;
  readonly currentTime: number;
  /** error: hls.js ErrorTypes / ErrorDetails / fatal; reason is the message when there is one. */
  readonly type?: string;
  readonly details?: string;
  readonly fatal?: boolean;
  readonly reason?: string;
  /** level-switched and frag-changed: the level index. */
  readonly level?: number;
  /** frag-changed: the fragment now playing; error: the failing URL when known. */
  readonly url?: string;
  readonly sn?: number;
  /** frag-changed: the discontinuity counter (EXT-X-DISCONTINUITY-SEQUENCE + discontinuities). */
  readonly cc?: number;
  readonly start?: number;
  readonly duration?: number;
  readonly levels?: number;
}

export interface PageSample {
  readonly atMs: number;
  readonly currentTime: number;
  readonly paused: boolean;
  readonly readyState: number;
  readonly decodedFrames: number;
  readonly droppedFrames: number;
  readonly fragUrl: string | null;
  readonly pixelsBase64: string | null;
}

export interface PageFragment {
  readonly sn: number;
  readonly cc: number;
  readonly start: number;
  readonly duration: number;
  readonly url: string;
}

export interface PageTimeline {
  readonly live: boolean;
  readonly level: number;
  readonly totalDuration: number;
  readonly fragments: readonly PageFragment[];
}

export type PageResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export interface PlayerGlobal {
  readonly __interlude: {
    load(url: string, config: Readonly<Record<string, string | number | boolean>>, timeoutMs: number): Promise<PageResult>;
    seek(timeSec: number, timeoutMs: number): Promise<PageResult>;
    sample(): PageSample;
    events(): PageEvent[];
    timeline(): PageTimeline | undefined;
    playheadPast(timeSec: number): boolean;
  };
}

const SCRIPT = String.raw`
(() => {
  const video = document.getElementById('v');
  const canvas = document.getElementById('c');
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  const t0 = performance.now();
  const events = [];
  let hls = null;
  let fragUrl = null;
  const now = () => Math.round(performance.now() - t0);
  const record = (kind, data) => events.push(Object.assign({ kind, atMs: now(), currentTime: video.currentTime }, data));

  function load(url, config, timeoutMs) {
    return new Promise((resolve) => {
      if (!window.Hls || !Hls.isSupported()) {
        record('unsupported', {});
        resolve({ ok: false, reason: 'hls.js reports MSE unsupported' });
        return;
      }
      const timer = setTimeout(() => resolve({ ok: false, reason: 'no MANIFEST_PARSED within ' + timeoutMs + ' ms' }), timeoutMs);
      hls = new Hls(Object.assign({ enableWorker: true, debug: false }, config));
      const E = Hls.Events;
      hls.on(E.ERROR, (_e, d) => {
        const reason = d.reason || (d.error && d.error.message) || '';
        const u = (d.frag && d.frag.url) || (d.context && d.context.url) || d.url || undefined;
        record('error', { type: d.type, details: d.details, fatal: !!d.fatal, reason: String(reason), url: u });
        if (d.fatal) {
          clearTimeout(timer);
          resolve({ ok: false, reason: d.type + '/' + d.details + (reason ? ': ' + reason : '') });
        }
      });
      hls.on(E.LEVEL_SWITCHED, (_e, d) => record('level-switched', { level: d.level }));
      hls.on(E.FRAG_CHANGED, (_e, d) => {
        const f = d.frag;
        fragUrl = f.url;
        record('frag-changed', { url: f.url, sn: f.sn, cc: f.cc, start: f.start, duration: f.duration, level: f.level });
      });
      hls.on(E.MANIFEST_PARSED, (_e, d) => {
        record('manifest-parsed', { levels: d.levels.length });
        video.play().catch((err) => record('play-rejected', { reason: String(err) }));
        clearTimeout(timer);
        resolve({ ok: true });
      });
      hls.loadSource(url);
      hls.attachMedia(video);
    });
  }

  function seek(t, timeoutMs) {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve({ ok: false, reason: 'no seeked event within ' + timeoutMs + ' ms' }), timeoutMs);
      video.addEventListener('seeked', () => {
        clearTimeout(timer);
        resolve({ ok: true });
      }, { once: true });
      video.currentTime = t;
      if (video.paused) video.play().catch((err) => record('play-rejected', { reason: String(err) }));
    });
  }

  function sample() {
    const q = video.getVideoPlaybackQuality ? video.getVideoPlaybackQuality() : null;
    let pixelsBase64 = null;
    if (video.readyState >= 2 && video.videoWidth > 0) {
      ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
      const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      let s = '';
      for (let i = 0; i < data.length; i++) s += String.fromCharCode(data[i]);
      pixelsBase64 = btoa(s);
    }
    return {
      atMs: now(),
      currentTime: video.currentTime,
      paused: video.paused,
      readyState: video.readyState,
      decodedFrames: q ? q.totalVideoFrames : 0,
      droppedFrames: q ? q.droppedVideoFrames : 0,
      fragUrl,
      pixelsBase64,
    };
  }

  function timeline() {
    if (!hls || !hls.levels || hls.levels.length === 0) return undefined;
    const level = hls.currentLevel >= 0 ? hls.currentLevel : Math.max(0, hls.loadLevel);
    const details = hls.levels[level] && hls.levels[level].details;
    if (!details) return undefined;
    return {
      live: !!details.live,
      level,
      totalDuration: details.totalduration,
      fragments: details.fragments.map((f) => ({ sn: f.sn, cc: f.cc, start: f.start, duration: f.duration, url: f.url })),
    };
  }

  const playheadPast = (t) => video.currentTime > t && video.readyState >= 2;

  window.__interlude = { load, seek, sample, events: () => events.slice(), timeline, playheadPast };
})();
`;

/** Frames are drawn at this size: enough to classify, small enough to ship every 250 ms. */
export const SAMPLE_WIDTH = 64;
export const SAMPLE_HEIGHT = 36;

/** The whole page; hls.min.js comes from the same loopback server. */
export const PLAYER_PAGE_HTML = `<!doctype html>
<html><head><meta charset="utf-8"><title>interlude e2e player</title></head>
<body style="margin:0;background:#000">
<video id="v" muted autoplay playsinline width="640" height="360"></video>
<canvas id="c" width="${SAMPLE_WIDTH}" height="${SAMPLE_HEIGHT}"></canvas>
<script src="/hls.min.js"></script>
<script>${SCRIPT}</script>
</body></html>
`;
