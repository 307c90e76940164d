import type { BitReader } from './bit-reader.js';
import type { BitWriter } from './bit-writer.js';
import type { PrivateCommand } from './types.js';

/**
 * private_command() — SCTE 35 2022b §9.7.6: identifier(32) then private_byte up to
 * splice_command_length. With the legacy length 0xFFF the command's end is unknown, so the
 * private bytes run to the end of the given range (the caller bounds it).
 */
export function readPrivateCommand(r: BitReader): PrivateCommand {
  const identifier = r.uint(32);
  return { type: 'private_command', identifier, privateBytes: r.rest() };
}

export function writePrivateCommand(w: BitWriter, c: PrivateCommand): void {
  w.uint(32, c.identifier);
  w.bytes(c.privateBytes);
}
