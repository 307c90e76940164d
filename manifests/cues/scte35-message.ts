/**
 * The one place cue readers talk to the SCTE-35 codec: text in a tag → what the message says
 * about breaks (`spliceSummary`) plus the `Scte35Ref` a Break carries.
 *
 * A message whose CRC-32 does not verify is still read (with `ignoreCrc`) and used, because the
 * tag around it already says "a break is here" and a wrong CRC is common in hand-made
 * playlists; the CRC failure is reported as CUE_SCTE35_INVALID all the same, so nothing is
 * hidden. Any other decode failure yields no message.
 */
import type { CueDialect, Scte35Ref } from '../model/break.js';
import { ticksToMicros, type Micros } from '../model/time.js';
import { manifestError, type ManifestError } from '../errors.js';
import { decodeScte35, parseScte35Input, spliceSummary, toBase64, type SpliceInfoSection, type SpliceSummary } from '../scte35/index.js';

export interface CueMessage {
  readonly section: SpliceInfoSection;
  readonly ref: Scte35Ref;
  readonly kind: 'out' | 'in' | 'none';
  /** splice_event_id or segmentation_event_id, whichever the summary chose. */
  readonly eventId?: number;
  readonly durationUs?: Micros;
}

export interface CueMessageResult {
  readonly message?: CueMessage;
  readonly error?: ManifestError;
}

/**
 * The break-relevant fields. For a time_signal the segmentation descriptor that `spliceSummary`
 * chose (the one that opens or closes the break) names the event; otherwise the first one.
 */
function scte35Ref(base64: string, section: SpliceInfoSection, summary: SpliceSummary): Scte35Ref {
  const cmd = section.spliceCommand;
  const seg = section.spliceDescriptors.find((d) => d.type === 'segmentation_descriptor');
  const firstSeg = seg?.type === 'segmentation_descriptor' ? seg : undefined;
  const segEventId = cmd.type === 'time_signal' && summary.eventId !== undefined ? summary.eventId : firstSeg?.segmentationEventId;
  const segTypeId = summary.segmentationTypeId ?? firstSeg?.segmentationTypeId;
  return {
    base64,
    ...(cmd.type === 'splice_insert' ? { spliceEventId: cmd.spliceEventId } : {}),
    ...(segEventId === undefined ? {} : { segmentationEventId: segEventId }),
    ...(segTypeId === undefined ? {} : { segmentationTypeId: segTypeId }),
    ...(summary.upid === undefined || summary.upid === '' ? {} : { segmentationUpid: summary.upid }),
    ...(summary.ptsTicks === undefined ? {} : { ptsTicks: summary.ptsTicks }),
  };
}

function invalid(cause: ManifestError, line: number, dialect: CueDialect): ManifestError {
  return manifestError('CUE_SCTE35_INVALID', `line ${line}: ${dialect} cue carries an SCTE-35 message that does not decode: ${cause.message}`, {
    line,
    dialect,
    cause,
  });
}

/** Decodes the SCTE-35 text of a cue tag (base64, or hex with `0x`). Never throws. */
export function readCueMessage(text: string, line: number, dialect: CueDialect): CueMessageResult {
  const trimmed = text.trim();
  const bytes = parseScte35Input(trimmed);
  if (!bytes.ok) return { error: invalid(bytes.error, line, dialect) };
  let decoded = decodeScte35(bytes.value);
  let error: ManifestError | undefined;
  if (!decoded.ok && decoded.error.code === 'SCTE35_CRC_MISMATCH') {
    error = invalid(decoded.error, line, dialect);
    decoded = decodeScte35(bytes.value, { ignoreCrc: true });
  }
  if (!decoded.ok) return { error: invalid(decoded.error, line, dialect) };
  const section = decoded.value;
  const summary = spliceSummary(section);
  const message: CueMessage = {
    section,
    ref: scte35Ref(toBase64(bytes.value), section, summary),
    kind: summary.kind,
    ...(summary.eventId === undefined ? {} : { eventId: summary.eventId }),
    ...(summary.durationTicks === undefined ? {} : { durationUs: ticksToMicros(summary.durationTicks) }),
  };
  return error === undefined ? { message } : { message, error };
}

/** The event id a Scte35Ref identifies a break by: splice_event_id first, then segmentation_event_id. */
export function refEventId(ref: Scte35Ref | undefined): number | undefined {
  return ref?.spliceEventId ?? ref?.segmentationEventId;
}
