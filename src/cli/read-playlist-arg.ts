import { parseHls, type HlsPlaylist } from '../../manifests/index.js';
import type { CliIo } from './command.js';

/** Bound on what the CLI parses; matches the bound on what it reads. */
const MAX_PLAYLIST_BYTES = 16 * 1024 * 1024;

function describeError(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * The shared prologue of commands that take one `<file or URL>` playlist: checks the
 * arguments (only `flags` are allowed as options), reads the source and parses it.
 * Returns the playlist, or the exit code after writing the reason (2 usage, 1 bad input).
 */
export async function readPlaylistArg(
  command: string,
  args: readonly string[],
  io: CliIo,
  help: string,
  flags: readonly string[] = [],
): Promise<{ readonly source: string; readonly playlist: HlsPlaylist } | number> {
  const unknown = args.filter((a) => a.startsWith('-') && !flags.includes(a));
  const positional = args.filter((a) => !a.startsWith('-'));
  if (unknown.length > 0 || positional.length !== 1) {
    const why = unknown.length > 0 ? `unknown option ${unknown[0] ?? ''}` : 'expected exactly one <file or URL>';
    io.error(`interlude ${command}: ${why}\n\n${help}`);
    return 2;
  }
  const source = positional[0] ?? '';
  let text: string;
  try {
    text = await io.readSource(source);
  } catch (e) {
    io.error(`interlude ${command}: cannot read ${source}: ${describeError(e)}\n`);
    return 1;
  }
  const parsed = parseHls(text, { maxBytes: MAX_PLAYLIST_BYTES });
  if (!parsed.ok) {
    io.error(`interlude ${command}: ${source}: ${parsed.error.code}: ${parsed.error.message}\n`);
    return 1;
  }
  return { source, playlist: parsed.value };
}
