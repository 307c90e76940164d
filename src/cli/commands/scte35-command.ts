import { decodeScte35, scte35ToJson, type ManifestError, type Scte35Json } from '../../../manifests/index.js';
import type { CliCommand, CliIo } from '../command.js';

const HELP = `interlude scte35 — decode SCTE-35 splice_info_section messages to JSON

Usage:
  interlude scte35 <message>        decode one message (base64, or hex with or without 0x)
  interlude scte35 -                decode one message per line of standard input (blank lines skipped)

Options:
  --ignore-crc   decode messages whose CRC_32 does not verify, reporting "crc_ok": false
  -h, --help     show this text

Each message prints one JSON line:
  { "info_section": {...}, "command": {...}, "descriptors": [...], "crc_ok": true }
Keys are the SCTE 35 syntax element names in snake_case; every 90 kHz time is given as
<name>_ticks (integer) and <name> (seconds, 6 decimals). A message that does not decode prints
  { "error": { "code", "message", "offset" } }
on its line; the exit status is 1 if any message failed (after all lines are processed).

Example:
  interlude scte35 /DA0AAAAAAAA///wBQb+cr0AUAAeAhxDVUVJSAAAjn/PAAGlmbAICAAAAAAsoKGKNAIAmsnRfg==
`;

type LineResult = Scte35Json | { readonly error: { readonly code: string; readonly message: string; readonly offset: number | null } };

function errorLine(error: ManifestError): LineResult {
  const offset = error.context?.offset;
  return { error: { code: error.code, message: error.message, offset: typeof offset === 'number' ? offset : null } };
}

function decodeLine(message: string, ignoreCrc: boolean): LineResult {
  const strict = decodeScte35(message);
  if (strict.ok) return scte35ToJson(strict.value, true);
  if (ignoreCrc && strict.error.code === 'SCTE35_CRC_MISMATCH') {
    const tolerant = decodeScte35(message, { ignoreCrc: true });
    return tolerant.ok ? scte35ToJson(tolerant.value, false) : errorLine(tolerant.error);
  }
  return errorLine(strict.error);
}

async function* messages(source: string, io: CliIo): AsyncIterable<string> {
  if (source !== '-') {
    yield source;
    return;
  }
  for await (const line of io.readLines()) {
    if (line.trim() !== '') yield line.trim();
  }
}

/**
 * `interlude scte35`: decodes SCTE-35 messages with the pure codec and prints the JSON form of
 * manifests/scte35/to-json.ts, one line per message. Exit codes: 0 all decoded, 1 at least one
 * message failed, 2 usage error.
 */
export const scte35Command: CliCommand = {
  name: 'scte35',
  summary: 'Decode SCTE-35 messages (base64 or hex) to JSON, one per line',
  help: HELP,
  async run(args, io) {
    const ignoreCrc = args.includes('--ignore-crc');
    const unknown = args.filter((a) => a.startsWith('--') && a !== '--ignore-crc');
    const positional = args.filter((a) => a === '-' || !a.startsWith('-'));
    if (unknown.length > 0 || positional.length !== 1) {
      const why = unknown.length > 0 ? `unknown option ${unknown[0] ?? ''}` : 'expected exactly one <message> or -';
      io.error(`interlude scte35: ${why}\n\n${HELP}`);
      return 2;
    }
    let failed = false;
    for await (const message of messages(positional[0] ?? '-', io)) {
      const line = decodeLine(message, ignoreCrc);
      if ('error' in line) failed = true;
      io.write(`${JSON.stringify(line)}\n`);
    }
    return failed ? 1 : 0;
  },
};
