import type { BitReader } from './bit-reader.js';
import type { BitWriter } from './bit-writer.js';
import { readBandwidthReservation, writeBandwidthReservation } from './bandwidth-reservation.js';
import { readPrivateCommand, writePrivateCommand } from './private-command.js';
import { readSpliceInsert, writeSpliceInsert } from './splice-insert.js';
import { readSpliceNull, writeSpliceNull } from './splice-null.js';
import { readSpliceSchedule, writeSpliceSchedule } from './splice-schedule.js';
import { readTimeSignal, writeTimeSignal } from './time-signal.js';
import { SPLICE_COMMAND_TYPE, type SpliceCommand, type SpliceCommandName } from './types.js';

/** Reads and writes one splice command's body (after splice_command_type). */
interface CommandCodec<C extends SpliceCommand> {
  read(r: BitReader): C;
  write(w: BitWriter, command: C): void;
}

type CommandCodecs = { readonly [K in SpliceCommandName]: CommandCodec<Extract<SpliceCommand, { type: K }>> };

/** The dispatch table from splice_command_type (SCTE 35 2022b §9.6.1, splice_command_type table) to its codec. */
const CODECS: CommandCodecs = {
  splice_null: { read: readSpliceNull, write: writeSpliceNull },
  splice_schedule: { read: readSpliceSchedule, write: writeSpliceSchedule },
  splice_insert: { read: readSpliceInsert, write: writeSpliceInsert },
  time_signal: { read: readTimeSignal, write: writeTimeSignal },
  bandwidth_reservation: { read: readBandwidthReservation, write: writeBandwidthReservation },
  private_command: { read: readPrivateCommand, write: writePrivateCommand },
};

const NAME_BY_TYPE = new Map<number, SpliceCommandName>(
  Object.entries(SPLICE_COMMAND_TYPE).map(([name, type]) => [type, name as SpliceCommandName]),
);

/** The spec name of a splice_command_type, or undefined for a reserved value. */
export function spliceCommandName(type: number): SpliceCommandName | undefined {
  return NAME_BY_TYPE.get(type);
}

/** Reads the command of the given type; undefined when the type is reserved. */
export function readSpliceCommand(type: number, r: BitReader): SpliceCommand | undefined {
  const name = NAME_BY_TYPE.get(type);
  return name === undefined ? undefined : CODECS[name].read(r);
}

export function writeSpliceCommand(w: BitWriter, command: SpliceCommand): void {
  // The map is keyed by `type`, so the codec always matches the command it is given.
  const codec = CODECS[command.type] as CommandCodec<SpliceCommand>;
  codec.write(w, command);
}
