import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../src/cli/command.js';
import { scte35Command } from '../../../src/cli/commands/scte35-command.js';

const SAMPLE_14_1 = '/DA0AAAAAAAA///wBQb+cr0AUAAeAhxDVUVJSAAAjn/PAAGlmbAICAAAAAAsoKGKNAIAmsnRfg==';
const SAMPLE_14_2_HEX = '0xfc302f000000000000fffff014054800008f7feffe7369c02efe0052ccf500000000000a0008435545490000013562dba30a';
const BAD_CRC = SAMPLE_14_1.replace('Rfg==', 'Rfw==');

function fakeIo(stdin: string[] = []): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    write: (t) => void out.push(t),
    error: (t) => void err.push(t),
    readLines: () => ({
      [Symbol.asyncIterator]: async function* () {
        for (const line of stdin) yield await Promise.resolve(line);
      },
    }),
    readSource: () => Promise.reject(new Error('not used')),
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON lines are checked field by field below
type Line = Record<string, any>;
const lines = (io: { out: string[] }) => io.out.join('').trim().split('\n').map((l) => JSON.parse(l) as Line);

describe('interlude scte35', () => {
  it('decodes one base64 message to one JSON line with ticks and seconds', async () => {
    const io = fakeIo();
    expect(await scte35Command.run([SAMPLE_14_1], io)).toBe(0);
    const [line] = lines(io);
    expect(line!.crc_ok).toBe(true);
    expect(line!.info_section).toMatchObject({ table_id: 252, splice_command_type: 6, pts_adjustment_ticks: 0, pts_adjustment: 0, tier: 4095 });
    expect(line!.command).toEqual({ splice_command_name: 'time_signal', time_specified_flag: true, pts_time_ticks: 1924989008, pts_time: 21388.766756 });
    expect(line!.descriptors[0]).toMatchObject({
      segmentation_event_id: 1207959694,
      segmentation_type_id: 0x34,
      segmentation_upid_type: 8,
      segmentation_upid: '0x000000002ca0a18a',
      segmentation_duration_ticks: 27630000,
      segmentation_duration: 307,
    });
  });

  it('decodes hex and gives break_duration in ticks and seconds', async () => {
    const io = fakeIo();
    expect(await scte35Command.run([SAMPLE_14_2_HEX], io)).toBe(0);
    const [line] = lines(io);
    expect(line!.command).toMatchObject({ splice_event_id: 1207959695, out_of_network_indicator: true, pts_time_ticks: 1936310318 });
    expect(line!.command.break_duration).toEqual({ auto_return: true, duration_ticks: 5426421, duration: 60.293567 });
    expect(line!.descriptors[0]).toMatchObject({ splice_descriptor_tag: 0, identifier: 'CUEI', provider_avail_id: 309 });
  });

  it('reads stdin line by line, skips blank lines, reports bad lines and exits 1 after all of them', async () => {
    const io = fakeIo([SAMPLE_14_1, '', '   ', 'not!base64', BAD_CRC, SAMPLE_14_2_HEX]);
    expect(await scte35Command.run(['-'], io)).toBe(1);
    const out = lines(io);
    expect(out).toHaveLength(4);
    expect(out[0]!.crc_ok).toBe(true);
    expect(out[1]).toEqual({ error: { code: 'SCTE35_BAD_ENCODING', message: expect.any(String), offset: 3 } });
    expect(out[2]!.error).toMatchObject({ code: 'SCTE35_CRC_MISMATCH', offset: 51 });
    expect(out[3]!.command.splice_command_name).toBe('splice_insert');
  });

  it('decodes a bad CRC with --ignore-crc and says crc_ok false', async () => {
    const io = fakeIo();
    expect(await scte35Command.run(['--ignore-crc', BAD_CRC], io)).toBe(0);
    expect(lines(io)[0]!.crc_ok).toBe(false);
  });

  it('exits 2 on usage errors', async () => {
    const none = fakeIo();
    expect(await scte35Command.run([], none)).toBe(2);
    expect(none.err.join('')).toContain('Usage');
    expect(await scte35Command.run(['--nope', SAMPLE_14_1], fakeIo())).toBe(2);
    expect(await scte35Command.run([SAMPLE_14_1, SAMPLE_14_1], fakeIo())).toBe(2);
  });

  it('has help text with an example', () => {
    expect(scte35Command.name).toBe('scte35');
    expect(scte35Command.help).toContain('interlude scte35 -');
    expect(scte35Command.help).toMatch(/Example:\n\s+interlude scte35 \/DA0/);
  });
});
