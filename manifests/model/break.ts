import type { Micros } from './time.js';

/**
 * Glossary (the words every layer uses the same way):
 * - break: a span of the content timeline the origin marked for ads (a cue-out … cue-in).
 * - avail: the same span seen as time to sell; one break is one avail.
 * - pod: the ordered ads chosen to fill one avail; a slot is one position in a pod.
 * - media time: seconds from the first segment of the playlist as fetched (EXTINF sums);
 *   program date time (PDT): the wall-clock label the origin put on a segment, if any.
 */

/** Which cue syntax a break was read from. */
export type CueDialect =
  | 'cue-out'            // #EXT-X-CUE-OUT / -CONT / -IN
  | 'daterange'          // #EXT-X-DATERANGE with SCTE35-OUT / -IN / -CMD
  | 'oatcls'             // #EXT-OATCLS-SCTE35 (with #EXT-X-CUE-OUT-CONT)
  | 'ext-x-scte35'       // #EXT-X-SCTE35:CUE=…
  | 'splicepoint'        // #EXT-X-SPLICEPOINT-SCTE35
  | 'dash-event-xml'     // EventStream urn:scte:scte35:2013:xml
  | 'dash-event-bin'     // EventStream urn:scte:scte35:2014:xml+bin
  | 'configured';        // offsets from channel config or VMAP (VOD without markers)

/** What a break's SCTE-35 message said, when it carried one. `base64` is the message as sent. */
export interface Scte35Ref {
  readonly base64: string;
  readonly spliceEventId?: number;
  readonly segmentationEventId?: number;
  readonly segmentationTypeId?: number;
  /** Segmentation UPID as text (hex for binary types). */
  readonly segmentationUpid?: string;
  readonly ptsTicks?: number;
}

/** One ad break, whatever dialect announced it. */
export interface Break {
  /**
   * Stable across live refreshes: splice_event_id, DATERANGE ID, or the media sequence of
   * the break's first segment, so the same break read in a later window keeps its id.
   */
  readonly id: string;
  /** Media time at which the break starts (the first segment the cue applies to). */
  readonly startUs: Micros;
  /** Planned duration; null while the break is open (no duration given, no cue-in yet). */
  readonly durationUs: Micros | null;
  /** Media sequence number of the break's first segment. */
  readonly mediaSequence: number;
  readonly programDateTime?: string;
  readonly dialect: CueDialect;
  readonly scte35?: Scte35Ref;
  /** True when this playlist window starts inside the break (its cue-out was before the window). */
  readonly joinedMidBreak: boolean;
  /** Media time of the cue-in, when the playlist shows where the break ended. */
  readonly endUs?: Micros;
}
