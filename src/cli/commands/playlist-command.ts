import { parseHls, playlistToJson, serializeHls } from '../../../manifests/index.js';
import type { CliCommand } from '../command.js';

const HELP = `interlude playlist — show an HLS playlist as Interlude reads and writes it

Usage:
  interlude playlist <file or URL>          parse, then print the playlist as Interlude writes it
  interlude playlist <file or URL> --json   print the parsed model as JSON

Options:
  --json       print the model: durations and media times in seconds, media and
               discontinuity sequence numbers, keys, maps, program date times, parts,
               date ranges; variants, renditions and I-frame playlists for a multivariant
  -h, --help   show this text

Without --json the output is the input itself, byte for byte (CRLF becomes LF): Interlude keeps
every line it does not interpret. Recoverable problems (a bad EXTINF, an unreadable attribute
list) are printed to standard error as warnings. Exit status: 0 read, 1 the input could not be
read or is not a playlist, 2 usage error.
`;

/** Bound on what the CLI parses; matches the bound on what it reads. */
const MAX_PLAYLIST_BYTES = 16 * 1024 * 1024;

function describeError(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * `interlude playlist`: the lossless HLS engine from the command line, for checking what an
 * origin's playlist looks like to Interlude (and that it comes back unchanged).
 */
export const playlistCommand: CliCommand = {
  name: 'playlist',
  summary: 'Parse an HLS playlist and print it as Interlude writes it (or --json: the model)',
  help: HELP,
  async run(args, io) {
    const json = args.includes('--json');
    const unknown = args.filter((a) => a.startsWith('-') && a !== '--json');
    const positional = args.filter((a) => !a.startsWith('-'));
    if (unknown.length > 0 || positional.length !== 1) {
      const why = unknown.length > 0 ? `unknown option ${unknown[0] ?? ''}` : 'expected exactly one <file or URL>';
      io.error(`interlude playlist: ${why}\n\n${HELP}`);
      return 2;
    }
    const source = positional[0] ?? '';
    let text: string;
    try {
      text = await io.readSource(source);
    } catch (e) {
      io.error(`interlude playlist: cannot read ${source}: ${describeError(e)}\n`);
      return 1;
    }
    const result = parseHls(text, { maxBytes: MAX_PLAYLIST_BYTES });
    if (!result.ok) {
      io.error(`interlude playlist: ${source}: ${result.error.code}: ${result.error.message}\n`);
      return 1;
    }
    if (json) {
      io.write(`${JSON.stringify(playlistToJson(result.value), null, 2)}\n`);
      return 0;
    }
    for (const w of result.value.warnings) io.error(`interlude playlist: ${source}: warning ${w.code}: ${w.message}\n`);
    io.write(serializeHls(result.value));
    return 0;
  },
};
