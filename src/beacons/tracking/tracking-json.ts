/**
 * The client-side tracking document (pure): avails, their ads, and each ad's tracking events
 * with the time the player should fire them, from one rendition's SplicePlan and the pods.
 *
 * Which plan: every rendition's plan describes the same avails at (nearly) the same times,
 * but an audio or subtitle rendition cut into different segment lengths snaps durations and
 * segment numbers its own way. The route should pass the plan of the VIDEO rendition (the
 * first video variant of the multivariant playlist; all video variants share segmentation,
 * manifests/splice/README.md), so times and event ids match the playlist the player's
 * clock follows.
 *
 * Event times use the same rule as server-side firing (trigger-points.ts): start events at
 * the ad's start, quartiles at 25 / 50 / 75 % of its duration, complete at its end. Other
 * events the ad carries (pause, mute, skip, error, …) are listed after them, at the ad's
 * start with duration 0: they are fired on player actions, not at a time.
 */
import type { Micros, PlannedAd, PlannedBreak, Pod, PodAd, SplicePlan } from '../../../manifests/index.js';
import { usToMs } from '../firing/break-context.js';
import { breakUrls } from '../firing/segment-beacons.js';
import { AD_PROGRESS_EVENTS, eventOffsetUs, eventsInSpan, type AdProgressEvent } from '../firing/trigger-points.js';
import type { BreakTrackingEventJson, TrackingAdJson, TrackingAvailJson, TrackingEventJson, TrackingJson } from './tracking-types.js';

const BREAK_EVENTS: ReadonlySet<string> = new Set(['breakStart', 'breakEnd']);
const PROGRESS: ReadonlySet<string> = new Set(AD_PROGRESS_EVENTS);

/** `pods` by break id; a break without its pod lists its ads with no tracking events. */
export function trackingJson(plan: SplicePlan, pods: Readonly<Record<string, Pod>>): TrackingJson {
  const breaks = [...plan.breaks].sort((a, b) => a.startUs - b.startUs);
  return { avails: breaks.map((brk) => availJson(brk, Object.prototype.hasOwnProperty.call(pods, brk.breakId) ? pods[brk.breakId] : undefined)), nonLinearAvails: [] };
}

function availJson(brk: PlannedBreak, pod: Pod | undefined): TrackingAvailJson {
  const first = brk.ads[0];
  const last = brk.ads[brk.ads.length - 1];
  const adBreakTrackingEvents: BreakTrackingEventJson[] = [];
  if (pod !== undefined && first !== undefined && last !== undefined) {
    const startUrls = breakUrls(pod, 'breakStart');
    const endUrls = breakUrls(pod, 'breakEnd');
    if (startUrls.length > 0) adBreakTrackingEvents.push({ eventType: 'breakStart', beaconUrls: startUrls, startTimeInSeconds: seconds(first.startUs) });
    if (endUrls.length > 0) adBreakTrackingEvents.push({ eventType: 'breakEnd', beaconUrls: endUrls, startTimeInSeconds: seconds(last.startUs + last.durationUs) });
  }
  const firstPdt = first?.programDateTime;
  return {
    availId: brk.breakId,
    startTimeInSeconds: seconds(brk.startUs),
    startTime: isoDuration(brk.startUs),
    durationInSeconds: seconds(brk.durationUs),
    duration: isoDuration(brk.durationUs),
    availProgramDateTime: first === undefined || firstPdt === undefined ? null : addUs(firstPdt, brk.startUs - first.startUs),
    adBreakTrackingEvents,
    ads: brk.ads.map((ad) => adJson(brk.breakId, ad, pod?.ads.find((a) => a.id === ad.podAdId))),
  };
}

function adJson(availId: string, ad: PlannedAd, podAd: PodAd | undefined): TrackingAdJson {
  const events: TrackingEventJson[] = [];
  const tracking = podAd?.tracking ?? {};
  for (const e of AD_PROGRESS_EVENTS) {
    const urls = tracking[e] ?? [];
    if (urls.length === 0) continue;
    const offset = eventOffsetUs(e, ad.durationUs);
    events.push(eventJson(availId, ad, e, urls, offset, e === 'impression' ? ad.durationUs : 0, triggerMsn(ad, e)));
  }
  const others = Object.keys(tracking).filter((k) => !PROGRESS.has(k) && !BREAK_EVENTS.has(k)).sort();
  for (const e of others) {
    const urls = tracking[e] ?? [];
    if (urls.length > 0) events.push(eventJson(availId, ad, e, urls, 0, 0, undefined));
  }
  return {
    adId: ad.adId,
    creativeId: ad.creativeId,
    creativeSequence: String(ad.sequence),
    startTimeInSeconds: seconds(ad.startUs),
    startTime: isoDuration(ad.startUs),
    durationInSeconds: seconds(ad.durationUs),
    duration: isoDuration(ad.durationUs),
    adProgramDateTime: ad.programDateTime ?? null,
    trackingEvents: events,
  };
}

function eventJson(
  availId: string, ad: PlannedAd, eventType: string, urls: readonly string[], offsetUs: Micros, durationUs: Micros, msn: number | undefined,
): TrackingEventJson {
  return {
    eventType,
    beaconUrls: urls,
    eventId: msn === undefined ? `${availId}:${ad.podAdId}:${eventType}` : String(msn),
    startTimeInSeconds: seconds(ad.startUs + offsetUs),
    startTime: isoDuration(ad.startUs + offsetUs),
    durationInSeconds: seconds(durationUs),
    duration: isoDuration(durationUs),
    eventProgramDateTime: ad.programDateTime === undefined ? null : addUs(ad.programDateTime, offsetUs),
  };
}

/**
 * Output MSN of the segment whose request fires the event server-side. The rule is local to
 * a segment's span, so a live plan listing only part of the ad still finds it when present.
 */
function triggerMsn(ad: PlannedAd, event: AdProgressEvent): number | undefined {
  return ad.segments.find((s) => eventsInSpan(ad.durationUs, s).some((e) => e.event === event))?.mediaSequence;
}

function seconds(us: Micros): number {
  return usToMs(us) / 1000;
}

/** ISO 8601 duration of whole milliseconds: 17817798 µs → "PT17.817S"; negative → "-PT1.5S". */
export function isoDuration(us: Micros): string {
  const ms = usToMs(us);
  const abs = Math.abs(ms);
  const whole = Math.floor(abs / 1000);
  const frac = abs % 1000;
  const text = frac === 0 ? String(whole) : `${whole}.${String(frac).padStart(3, '0').replace(/0+$/, '')}`;
  return `${ms < 0 ? '-' : ''}PT${text}S`;
}

/** A program date time moved by `us`, as ISO 8601 UTC with milliseconds; null when unreadable. */
function addUs(pdt: string, us: Micros): string | null {
  const t = Date.parse(pdt);
  return Number.isNaN(t) ? null : new Date(t + usToMs(us)).toISOString();
}
