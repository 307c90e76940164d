import {
  decodeScte35,
  microsToSeconds,
  readBreaks,
  scte35ToJson,
  toCueInput,
  type Break,
  type ManifestError,
  type Scte35Json,
  type Scte35Ref,
} from '../../../manifests/index.js';
import type { CliCommand } from '../command.js';
import { readPlaylistArg } from '../read-playlist-arg.js';

const HELP = `interlude cues — list the ad breaks a media playlist announces

Usage:
  interlude cues <file or URL>

Reads every HLS cue dialect Interlude knows (#EXT-X-CUE-OUT/-CONT/-IN, #EXT-X-DATERANGE with
SCTE35-OUT/IN/CMD, #EXT-OATCLS-SCTE35, #EXT-X-SCTE35, #EXT-X-SPLICEPOINT-SCTE35) and prints one
JSON array, a break per element:
  { "id", "start", "duration", "end", "dialect", "mediaSequence", "programDateTime",
    "scte35", "joinedMidBreak" }
Times are seconds of media time from the playlist's first segment; "start" is negative when
the playlist joined a break that began before its first segment. "duration" is null while a
break is open with no planned duration, "end" null until a cue-in is seen. "scte35" is the
decoded message (the same JSON as \`interlude scte35\`) when the cue carried one.

A break announced in two dialects (OATCLS + CUE-OUT, DATERANGE + CUE-OUT) is listed once.
Cues that cannot be read are reported on standard error with their line numbers; the other
breaks are still listed. Exit status: 0 read, 1 the input could not be read or is not a media
playlist, 2 usage error.
`;

interface BreakJson {
  readonly id: string;
  readonly start: number;
  readonly duration: number | null;
  readonly end: number | null;
  readonly dialect: string;
  readonly mediaSequence: number;
  readonly programDateTime: string | null;
  readonly scte35?: Scte35Json | Scte35Ref;
  readonly joinedMidBreak: boolean;
}

/** The decoded message in the codec's JSON form; the reference itself if it no longer decodes. */
function scte35Json(ref: Scte35Ref): Scte35Json | Scte35Ref {
  const strict = decodeScte35(ref.base64);
  if (strict.ok) return scte35ToJson(strict.value, true);
  // Cue readers keep messages whose CRC alone is wrong (and say so on stderr); show them too.
  const tolerant = decodeScte35(ref.base64, { ignoreCrc: true });
  return tolerant.ok ? scte35ToJson(tolerant.value, false) : ref;
}

export function breakToJson(b: Break): BreakJson {
  return {
    id: b.id,
    start: microsToSeconds(b.startUs),
    duration: b.durationUs === null ? null : microsToSeconds(b.durationUs),
    end: b.endUs === undefined ? null : microsToSeconds(b.endUs),
    dialect: b.dialect,
    mediaSequence: b.mediaSequence,
    programDateTime: b.programDateTime ?? null,
    ...(b.scte35 === undefined ? {} : { scte35: scte35Json(b.scte35) }),
    joinedMidBreak: b.joinedMidBreak,
  };
}

function report(source: string, e: ManifestError): string {
  return `interlude cues: ${source}: warning ${e.code}: ${e.message}\n`;
}

/** `interlude cues`: what Interlude would treat as ad breaks in a media playlist. */
export const cuesCommand: CliCommand = {
  name: 'cues',
  summary: 'List the ad breaks (every HLS cue dialect) in a media playlist as JSON',
  help: HELP,
  async run(args, io) {
    const read = await readPlaylistArg('cues', args, io, HELP);
    if (typeof read === 'number') return read;
    const { source, playlist } = read;
    if (playlist.kind !== 'media') {
      io.error(`interlude cues: ${source}: a multivariant playlist announces no breaks; give one of its media playlists\n`);
      return 1;
    }
    for (const w of playlist.warnings) io.error(report(source, w));
    const { breaks, errors } = readBreaks(toCueInput(playlist));
    for (const e of errors) io.error(report(source, e));
    io.write(`${JSON.stringify(breaks.map(breakToJson), null, 2)}\n`);
    return 0;
  },
};
