import type { CliCommand } from './command.js';
import { auctionCommand } from './commands/auction-command.js';
import { cuesCommand } from './commands/cues-command.js';
import { playlistCommand } from './commands/playlist-command.js';
import { scte35Command } from './commands/scte35-command.js';
import { workerCommand } from './commands/worker-command.js';

/** Every CLI command, in the order `interlude --help` lists them. */
export const commands: readonly CliCommand[] = [scte35Command, cuesCommand, playlistCommand, auctionCommand, workerCommand];
