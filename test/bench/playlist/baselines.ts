// What the service is measured against, in the same run:
// - bare node:http answering a precomputed string (the service's own output bytes): the
//   ceiling for any Node HTTP server on this machine and this load generator;
// - @eyevinn/hls-splice splicing the same VOD at the same 4 points with the same ad, behind
//   a node:http server, once per request. Its inputs are handed over from memory (its
//   `_inject*` stream hooks), so it pays no origin fetch while the service does: the
//   comparison leans in hls-splice's favour.
import { createRequire } from 'node:module';
import { createServer, type Server } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { closeServer, listenOn } from './world.js';
import { adMediaPlaylist, BANDWIDTH, masterPlaylist, PATHS, VOD_BREAKS_SEC, vodMediaPlaylist } from './inputs.js';

export interface Served {
  readonly url: string;
  close(): Promise<void>;
}

const PLAYLIST_HEADERS = { 'content-type': 'application/vnd.apple.mpegurl; charset=utf-8', 'cache-control': 'no-cache', 'access-control-allow-origin': '*' };

async function serve(server: Server, path: string): Promise<Served> {
  server.keepAliveTimeout = 60_000;
  const base = await listenOn(server);
  return { url: `${base}${path}`, close: () => closeServer(server) };
}

/** node:http returning `body` for every request. */
export function startBareServer(body: string): Promise<Served> {
  const bytes = Buffer.from(body);
  const headers = { ...PLAYLIST_HEADERS, 'content-length': String(bytes.length) };
  return serve(createServer((_req, res) => res.writeHead(200, headers).end(bytes)), '/media.m3u8');
}

interface HlsSpliceVod {
  load(master: () => Readable, media: (bw: string) => Readable): Promise<void>;
  insertAdAt(offsetMs: number, adMasterUri: string, adMaster: () => Readable, adMedia: (bw: string) => Readable): Promise<void>;
  getMediaManifest(bw: number | string): string;
}
type HlsSpliceCtor = new (uri: string, options?: { absoluteUrls?: boolean }) => HlsSpliceVod;

const HLSSpliceVod = createRequire(import.meta.url)('@eyevinn/hls-splice') as HlsSpliceCtor;

/** hls-splice's whole job for one request: parse the VOD, insert the ad at the 4 points, serialize. */
export function hlsSpliceOnce(originBase: string): () => Promise<string> {
  const master = masterPlaylist();
  const media = vodMediaPlaylist();
  const adMaster = masterPlaylist();
  const adMedia = adMediaPlaylist();
  const from = (s: string) => () => Readable.from([s]);
  // Later points first: each insertion shifts what comes after it, content time stays put.
  const offsetsMs = [...VOD_BREAKS_SEC].sort((a, b) => b - a).map((s) => s * 1000);
  return async () => {
    const vod = new HLSSpliceVod(`${originBase}${PATHS.vodMaster}`, { absoluteUrls: true });
    await vod.load(from(master), from(media));
    for (const at of offsetsMs) await vod.insertAdAt(at, `${originBase}${PATHS.adMaster}`, from(adMaster), from(adMedia));
    return vod.getMediaManifest(BANDWIDTH);
  };
}

export async function startHlsSpliceServer(originBase: string): Promise<Served & { sampleBody: string }> {
  const splice = hlsSpliceOnce(originBase);
  const sampleBody = await splice();
  const served = await serve(
    createServer((_req, res) => {
      splice().then(
        (text) => res.writeHead(200, { ...PLAYLIST_HEADERS, 'content-length': String(Buffer.byteLength(text)) }).end(text),
        (e: unknown) => res.writeHead(500).end(String(e)),
      );
    }),
    '/media.m3u8',
  );
  return { ...served, sampleBody };
}

/** hls-splice's per-call cost in-process, sequential, no HTTP: ms per call. */
export async function timeHlsSpliceCalls(originBase: string, durationMs: number): Promise<{ msPerCall: number; calls: number }> {
  const splice = hlsSpliceOnce(originBase);
  for (let i = 0; i < 3; i++) await splice();
  let calls = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < durationMs) {
    await splice();
    calls++;
  }
  return { msPerCall: (performance.now() - t0) / calls, calls };
}
