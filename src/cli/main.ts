import type { CliIo } from './command.js';
import { processIo } from './process-io.js';
import { commands } from './registry.js';

function usage(): string {
  const width = Math.max(...commands.map((c) => c.name.length), 4);
  const rows = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n');
  return `interlude: server-side ad insertion for HLS and DASH, and the tools to check it.

Usage: interlude <command> [options]

Commands:
${rows}

Run \`interlude <command> --help\` for a command's options.
`;
}

/** Entry point: dispatches to a command and returns the exit code. */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.write(usage());
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.error(`interlude: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.write(command.help.endsWith('\n') ? command.help : `${command.help}\n`);
    return 0;
  }
  return command.run(rest, io);
}
