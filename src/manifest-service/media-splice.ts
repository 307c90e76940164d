/**
 * One media playlist refresh, after the loads: picks each ad's (and the slate's) playlist for
 * this rendition, names ad segments through the segment route, and runs the splice writer.
 */
import { fillerPlaylist, type Break, type HlsMediaPlaylist, type Pod } from '../../manifests/index.js';
import type { Channel } from '../channels/channel-schema.js';
import type { Logger } from '../observability/logger.js';
import type { CreativePlaylists } from './creative-playlists.js';
import type { RenditionEntry } from './rendition-map.js';
import { encodeSegmentId, type SegmentPart } from './segment-id.js';
import { writeHlsSplice, type AdSegmentRef, type HlsSpliceOutput, type JoinMode, type LiveState } from './splice-engine.js';

export interface MediaSpliceInput {
  readonly channel: Channel;
  readonly entry: RenditionEntry;
  readonly content: HlsMediaPlaylist;
  readonly breaks: readonly Break[];
  readonly pods: Readonly<Record<string, Pod>>;
  readonly liveState: LiveState | null;
  /** `/v1/segment/:session/` (with the public base), to which the segment id is appended. */
  readonly segmentBase: string;
  /**
   * Subtitle renditions: ads have no text, so each ad (and the slate) becomes this empty
   * WebVTT URI repeated with the durations of its playlist for `shapeFrom` (the session's
   * video rendition), which keeps the subtitle playlist in step with video.
   */
  readonly subtitleFiller?: { readonly uri: string; readonly shapeFrom: RenditionEntry };
  readonly log: Logger;
}

export interface MediaSpliceOutput extends HlsSpliceOutput {
  /** Every ad's and the slate's playlist was read: nothing was left out for a failed fetch. */
  readonly complete: boolean;
}

interface Chosen {
  readonly playlistIndex: number;
  readonly media: HlsMediaPlaylist;
}

export async function spliceMedia(input: MediaSpliceInput, creatives: CreativePlaylists): Promise<MediaSpliceOutput> {
  const { channel, content, pods, log } = input;
  const filler = input.subtitleFiller;
  // Whose ad playlists are read: the rendition's own, or video's for a subtitle filler.
  const entry = filler?.shapeFrom ?? input.entry;
  const live = !content.endList;
  const chosenAds = new Map<string, Chosen>();
  const adIndex = new Map<string, { breakId: string; index: number }>();
  const loads: Promise<void>[] = [];
  let complete = true;
  for (const pod of Object.values(pods)) {
    pod.ads.forEach((ad, index) => {
      adIndex.set(ad.id, { breakId: pod.breakId, index });
      loads.push(creatives.choose(ad.hlsUrl, entry, channel.id).then(
        (c) => {
          if (c !== undefined) chosenAds.set(ad.id, c);
        },
        (e: unknown) => {
          complete = false;
          log.warn({ err: e, breakId: pod.breakId, adId: ad.adId }, 'ad creative playlist unavailable; the ad is left out of this rendition');
        },
      ));
    });
  }
  let slate: Chosen | undefined;
  if (live && channel.slate !== undefined && input.breaks.length > 0) {
    const slateUrl = channel.slate;
    loads.push(creatives.choose(slateUrl, entry, channel.id).then(
      (c) => {
        slate = c;
      },
      (e: unknown) => {
        complete = false;
        log.warn({ err: e }, 'slate playlist unavailable; unfilled break time plays content');
      },
    ));
  }
  await Promise.all(loads);

  if (filler !== undefined) {
    for (const [id, c] of chosenAds) chosenAds.set(id, asFiller(c, filler.uri));
    if (slate !== undefined) slate = asFiller(slate, filler.uri);
  }
  const ads: Record<string, HlsMediaPlaylist> = {};
  for (const [id, c] of chosenAds) ads[id] = c.media;

  const segmentUri = (ref: AdSegmentRef): string => {
    const chosen = ref.kind === 'ad' ? chosenAds.get(ref.podAdId) : slate;
    const at = ref.kind === 'ad' ? adIndex.get(ref.podAdId) : { breakId: ref.breakId, index: 0 };
    // Filler segments are the static empty WebVTT: no redirect, no beacons.
    if (chosen === undefined || at === undefined || filler !== undefined) return ref.uri;
    const seg = chosen.media.segments[ref.segment];
    let part: SegmentPart = { kind: 'media' };
    if (ref.part === 'map') part = { kind: 'map' };
    else if (ref.part === 'key') part = { kind: 'key', index: Math.max(0, seg?.keys.findIndex((k) => k.uri === ref.uri) ?? 0) };
    return input.segmentBase + encodeSegmentId({ kind: ref.kind, breakId: ref.breakId, ad: at.index, playlist: chosen.playlistIndex, segment: ref.segment, part });
  };

  const joinMode: JoinMode = channel.liveJoinMidBreak;
  const spliced = writeHlsSplice({
    content,
    breaks: input.breaks,
    pods,
    ads,
    segmentUri,
    ...(slate === undefined ? {} : { slate: slate.media }),
    ...(live ? { live: { state: input.liveState, joinMode } } : {}),
  });
  return { ...spliced, complete };
}

/** The chosen ad playlist's durations as empty subtitle segments (kept when it cannot be built). */
function asFiller(chosen: Chosen, uri: string): Chosen {
  const media = fillerPlaylist(chosen.media.segments.map((s) => s.durationUs), uri);
  return media === undefined ? chosen : { playlistIndex: chosen.playlistIndex, media };
}
