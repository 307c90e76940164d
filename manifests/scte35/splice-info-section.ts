import { manifestError, type ManifestError } from '../errors.js';
import { err, ok, type Result } from '../result.js';
import { BitReader } from './bit-reader.js';
import { BitWriter } from './bit-writer.js';
import { crc32Mpeg2 } from './crc32.js';
import { parseScte35Input } from './encoding.js';
import { defined } from './fields.js';
import { readSpliceCommand, spliceCommandName, writeSpliceCommand } from './splice-command.js';
import { readSpliceDescriptors, writeSpliceDescriptor } from './splice-descriptor.js';
import { SPLICE_COMMAND_TYPE, type DecodeOptions, type SpliceInfoSection } from './types.js';

/** table_id of every splice_info_section (SCTE 35 2022b §9.6.1). */
const TABLE_ID = 0xfc;
/** splice_command_length meaning "not given" in pre-2013 encoders (§9.6.1). */
const LEGACY_COMMAND_LENGTH = 0xfff;
/** Bytes from protocol_version to splice_command_type, inclusive. */
const HEADER_AFTER_LENGTH = 11;
/** Offset of the first command byte. */
const COMMAND_START = 14;
/** The smallest section_length: the fixed header, an empty command, descriptor_loop_length and CRC_32. */
const MIN_SECTION_LENGTH = HEADER_AFTER_LENGTH + 2 + 4;

function fail(code: ManifestError['code'], message: string, offset: number, extra: Record<string, string | number> = {}): Result<never, ManifestError> {
  return err(manifestError(code, message, { offset, ...extra }));
}

/**
 * Decodes one splice_info_section (SCTE 35 2022b §9.6) from base64, hex or bytes.
 *
 * Guarantees: never throws; on failure returns `{ ok: false, error }` whose code says what is
 * wrong and whose `context.offset` is the byte in the decoded message (or, for SCTE35_BAD_ENCODING,
 * the character in the text) where it was found. Checks, in order: text encoding, table_id,
 * section_length against the bytes given, CRC_32 (unless `ignoreCrc`), encrypted_packet (an
 * encrypted command cannot be read), splice_command_type, then every length inside. Bytes after
 * the section (e.g. transport-packet stuffing) are ignored.
 */
export function decodeScte35(input: string | Uint8Array, options: DecodeOptions = {}): Result<SpliceInfoSection, ManifestError> {
  const parsed = parseScte35Input(input);
  if (!parsed.ok) return parsed;
  const bytes = parsed.value;
  if (bytes.length === 0) return fail('SCTE35_TRUNCATED', 'the message is empty', 0);
  if (bytes[0] !== TABLE_ID) {
    return fail('SCTE35_BAD_TABLE_ID', `table_id is 0x${(bytes[0] ?? 0).toString(16).padStart(2, '0')}, not 0xfc`, 0);
  }
  if (bytes.length < 3) return fail('SCTE35_TRUNCATED', 'the message ends inside section_length', bytes.length);
  const sectionLength = (((bytes[1] ?? 0) & 0x0f) << 8) | (bytes[2] ?? 0);
  const total = 3 + sectionLength;
  if (total > bytes.length) {
    return fail('SCTE35_LENGTH_OVERRUN', `section_length ${sectionLength} needs ${total} bytes, the message has ${bytes.length}`, 1, {
      field: 'section_length',
    });
  }
  if (sectionLength < MIN_SECTION_LENGTH) {
    return fail('SCTE35_INVALID_FIELD', `section_length ${sectionLength} is below the minimum ${MIN_SECTION_LENGTH}`, 1, {
      field: 'section_length',
    });
  }
  const crcOffset = total - 4;
  const crc32 = (((bytes[crcOffset] ?? 0) << 24) | ((bytes[crcOffset + 1] ?? 0) << 16) | ((bytes[crcOffset + 2] ?? 0) << 8) | (bytes[crcOffset + 3] ?? 0)) >>> 0;
  const computed = crc32Mpeg2(bytes, 0, crcOffset);
  if (computed !== crc32 && options.ignoreCrc !== true) {
    return fail('SCTE35_CRC_MISMATCH', `CRC_32 is 0x${crc32.toString(16).padStart(8, '0')}, the bytes give 0x${computed.toString(16).padStart(8, '0')}`, crcOffset, {
      expected: computed,
      actual: crc32,
    });
  }
  return readSection(bytes, total, sectionLength, crc32);
}

function readSection(bytes: Uint8Array, total: number, sectionLength: number, crc32: number): Result<SpliceInfoSection, ManifestError> {
  const crcOffset = total - 4;
  const r = new BitReader(bytes, 0, crcOffset);
  r.uint(8); // table_id, checked
  const sectionSyntaxIndicator = r.flag();
  const privateIndicator = r.flag();
  const sapType = r.uint(2);
  r.uint(12); // section_length, read above
  const protocolVersion = r.uint(8);
  const encryptedPacket = r.flag();
  const encryptionAlgorithm = r.uint(6);
  const ptsAdjustment = r.uint(33);
  const cwIndex = r.uint(8);
  const tier = r.uint(12);
  const spliceCommandLength = r.uint(12);
  const spliceCommandType = r.uint(8);
  if (encryptedPacket) {
    return fail('SCTE35_ENCRYPTED', `encrypted_packet is set (encryption_algorithm ${encryptionAlgorithm}); the command cannot be read`, 4);
  }
  if (spliceCommandName(spliceCommandType) === undefined) {
    return fail('SCTE35_UNKNOWN_COMMAND', `splice_command_type 0x${spliceCommandType.toString(16)} is reserved`, 13);
  }
  // The descriptor_loop_length (2 bytes) must fit between the command and CRC_32.
  const commandLimit = crcOffset - 2;
  let commandEnd: number;
  let commandReader: BitReader;
  if (spliceCommandLength === LEGACY_COMMAND_LENGTH) {
    commandReader = new BitReader(bytes, COMMAND_START, commandLimit, 'splice_command');
  } else {
    commandEnd = COMMAND_START + spliceCommandLength;
    if (commandEnd > commandLimit) {
      return fail('SCTE35_LENGTH_OVERRUN', `splice_command_length ${spliceCommandLength} runs past the section`, 11, {
        field: 'splice_command_length',
      });
    }
    commandReader = new BitReader(bytes, COMMAND_START, commandEnd, 'splice_command');
  }
  const spliceCommand = readSpliceCommand(spliceCommandType, commandReader);
  if (commandReader.error !== undefined) return err(commandReader.error);
  if (spliceCommand === undefined) return fail('SCTE35_UNKNOWN_COMMAND', 'reserved splice_command_type', 13);
  const spliceCommandTrailingBytes = spliceCommandLength === LEGACY_COMMAND_LENGTH ? undefined : commandReader.rest();
  commandEnd = commandReader.offset;

  const loop = new BitReader(bytes, commandEnd, crcOffset, 'descriptor_loop');
  const descriptorLoopLength = loop.uint(16);
  if (loop.error !== undefined) return err(loop.error);
  if (commandEnd + 2 + descriptorLoopLength > crcOffset) {
    return fail('SCTE35_LENGTH_OVERRUN', `descriptor_loop_length ${descriptorLoopLength} runs past the section`, commandEnd, {
      field: 'descriptor_loop_length',
    });
  }
  const descriptorsReader = loop.sub(descriptorLoopLength, 'descriptor_loop');
  const spliceDescriptors = readSpliceDescriptors(descriptorsReader);
  if (descriptorsReader.error !== undefined) return err(descriptorsReader.error);
  const alignmentStuffing = loop.rest();

  return ok(
    defined({
      tableId: TABLE_ID,
      sectionSyntaxIndicator,
      privateIndicator,
      sapType,
      sectionLength,
      protocolVersion,
      encryptedPacket,
      encryptionAlgorithm,
      ptsAdjustment,
      cwIndex,
      tier,
      spliceCommandLength,
      spliceCommandType,
      spliceCommand,
      spliceCommandTrailingBytes: spliceCommandTrailingBytes?.length ? spliceCommandTrailingBytes : undefined,
      descriptorLoopLength,
      spliceDescriptors,
      alignmentStuffing: alignmentStuffing.length > 0 ? alignmentStuffing : undefined,
      crc32,
    }),
  );
}

/**
 * Encodes a splice_info_section. section_length, splice_command_length (unless it is the legacy
 * 0xFFF), splice_command_type (from `spliceCommand.type`), every descriptor_length,
 * descriptor_loop_length and CRC_32 are computed from the content; the decoded values of those
 * fields are not consulted. Values wider than their field are reduced modulo the field width and
 * UPIDs/descriptors over 255 bytes are cut: the encoder has no error channel, so callers building
 * sections by hand keep values in range.
 */
export function encodeScte35(section: SpliceInfoSection): Uint8Array {
  const command = new BitWriter();
  writeSpliceCommand(command, section.spliceCommand);
  if (section.spliceCommandTrailingBytes !== undefined) command.bytes(section.spliceCommandTrailingBytes);
  const commandBytes = command.finish();
  const descriptors = new BitWriter();
  for (const d of section.spliceDescriptors) writeSpliceDescriptor(descriptors, d);
  const descriptorBytes = descriptors.finish();
  const stuffing = section.alignmentStuffing ?? new Uint8Array(0);
  const sectionLength = HEADER_AFTER_LENGTH + commandBytes.length + 2 + descriptorBytes.length + stuffing.length + 4;

  const w = new BitWriter();
  w.uint(8, section.tableId);
  w.flag(section.sectionSyntaxIndicator);
  w.flag(section.privateIndicator);
  w.uint(2, section.sapType);
  w.uint(12, sectionLength);
  w.uint(8, section.protocolVersion);
  w.flag(section.encryptedPacket);
  w.uint(6, section.encryptionAlgorithm);
  w.uint(33, section.ptsAdjustment);
  w.uint(8, section.cwIndex);
  w.uint(12, section.tier);
  w.uint(12, section.spliceCommandLength === LEGACY_COMMAND_LENGTH ? LEGACY_COMMAND_LENGTH : commandBytes.length);
  w.uint(8, SPLICE_COMMAND_TYPE[section.spliceCommand.type]);
  w.bytes(commandBytes);
  w.uint(16, descriptorBytes.length);
  w.bytes(descriptorBytes);
  w.bytes(stuffing);
  const body = w.finish();
  const out = new Uint8Array(body.length + 4);
  out.set(body);
  const crc = crc32Mpeg2(body);
  out[body.length] = crc >>> 24;
  out[body.length + 1] = (crc >>> 16) & 0xff;
  out[body.length + 2] = (crc >>> 8) & 0xff;
  out[body.length + 3] = crc & 0xff;
  return out;
}
