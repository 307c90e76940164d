import { describe, expect, it } from 'vitest';
import { fakeCliIo } from '../../support/fake-cli-io.js';
import { cuesCommand } from '../../../src/cli/commands/cues-command.js';
import { fixturePath } from '../../support/vectors.js';

describe('interlude cues', () => {
  it('prints the breaks as JSON in seconds, with the decoded SCTE-35 message', async () => {
    const io = fakeCliIo();
    expect(await cuesCommand.run([fixturePath('cues', 'oatcls', 'paired-with-cue-out', 'input.m3u8')], io)).toBe(0);
    expect(io.err).toBe('');
    const breaks = JSON.parse(io.out);
    expect(breaks).toHaveLength(1);
    expect(breaks[0]).toMatchObject({ id: 'scte35-4097', start: 6, duration: 30, end: 24, dialect: 'oatcls', mediaSequence: 301, programDateTime: null, joinedMidBreak: false });
    expect(breaks[0].scte35).toMatchObject({ crc_ok: true, info_section: { table_id: 252 }, command: { splice_event_id: 4097, out_of_network_indicator: true } });
  });

  it('gives null duration for an open break and a negative start for one joined mid-way', async () => {
    const io = fakeCliIo({
      'live.m3u8': '#EXTM3U\n#EXT-X-TARGETDURATION:6\n#EXT-X-MEDIA-SEQUENCE:50\n#EXT-X-CUE-OUT-CONT:ElapsedTime=12,Duration=30\n#EXTINF:6,\na.ts\n#EXT-X-CUE-IN\n#EXTINF:6,\nb.ts\n#EXT-X-CUE-OUT\n#EXTINF:6,\nc.ts\n',
    });
    expect(await cuesCommand.run(['live.m3u8'], io)).toBe(0);
    const breaks = JSON.parse(io.out);
    expect(breaks).toEqual([
      { id: 'seq-48', start: -12, duration: 30, end: 6, dialect: 'cue-out', mediaSequence: 48, programDateTime: null, joinedMidBreak: true },
      { id: 'seq-52', start: 12, duration: null, end: null, dialect: 'cue-out', mediaSequence: 52, programDateTime: null, joinedMidBreak: false },
    ]);
  });

  it('reports malformed cues on stderr with line numbers and still lists the other breaks', async () => {
    const io = fakeCliIo();
    expect(await cuesCommand.run([fixturePath('cues', 'daterange', 'malformed', 'input.m3u8')], io)).toBe(0);
    expect(JSON.parse(io.out).map((b: { id: string }) => b.id)).toEqual(['bad-hex', 'good']);
    expect(io.err).toMatch(/warning CUE_MALFORMED: line 8: #EXT-X-DATERANGE: ID is missing/);
    expect(io.err).toMatch(/warning CUE_SCTE35_INVALID: line 11: /);
    expect(io.err).toMatch(/warning CUE_UNMATCHED_IN: line 21: /);
  });

  it('prints an empty array for a playlist without cues', async () => {
    const io = fakeCliIo({ 'plain.m3u8': '#EXTM3U\n#EXT-X-TARGETDURATION:6\n#EXTINF:6,\na.ts\n#EXT-X-ENDLIST\n' });
    expect(await cuesCommand.run(['plain.m3u8'], io)).toBe(0);
    expect(JSON.parse(io.out)).toEqual([]);
  });

  it('exits 1 when the input is not a playlist, or not a media playlist', async () => {
    const notPlaylist = fakeCliIo({ 'x.txt': 'hello\n' });
    expect(await cuesCommand.run(['x.txt'], notPlaylist)).toBe(1);
    expect(notPlaylist.err).toContain('x.txt: HLS_NOT_A_PLAYLIST');
    expect(notPlaylist.out).toBe('');
    const master = fakeCliIo({ 'm.m3u8': '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1000000\nv.m3u8\n' });
    expect(await cuesCommand.run(['m.m3u8'], master)).toBe(1);
    expect(master.err).toContain('multivariant');
  });

  it('exits 1 when the source cannot be read, 2 on usage errors', async () => {
    const missing = fakeCliIo();
    expect(await cuesCommand.run(['/nonexistent/playlist.m3u8'], missing)).toBe(1);
    expect(missing.err).toContain('cannot read /nonexistent/playlist.m3u8');
    expect(await cuesCommand.run([], fakeCliIo())).toBe(2);
    expect(await cuesCommand.run(['a', 'b'], fakeCliIo())).toBe(2);
    const bad = fakeCliIo();
    expect(await cuesCommand.run(['--json', 'a'], bad)).toBe(2);
    expect(bad.err).toContain('unknown option --json');
  });
});
