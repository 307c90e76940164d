import { playlistToJson, serializeHls } from '../../../manifests/index.js';
import type { CliCommand } from '../command.js';
import { readPlaylistArg } from '../read-playlist-arg.js';

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
    const read = await readPlaylistArg('playlist', args, io, HELP, ['--json']);
    if (typeof read === 'number') return read;
    const { source, playlist } = read;
    if (json) {
      io.write(`${JSON.stringify(playlistToJson(playlist), null, 2)}\n`);
      return 0;
    }
    for (const w of playlist.warnings) io.error(`interlude playlist: ${source}: warning ${w.code}: ${w.message}\n`);
    io.write(serializeHls(playlist));
    return 0;
  },
};
