import { describe, expect, it } from 'vitest';
import { cueOutReader, parseCueOutContValue, parseCueOutValue } from '../../../manifests/cues/cue-out-reader.js';
import { cueInputFromText } from '../../support/cue-input-builder.js';

describe('#EXT-X-CUE-OUT values', () => {
  it.each([
    ['', null],
    ['30', 30_000_000],
    ['30.000', 30_000_000],
    ['DURATION=30', 30_000_000],
    ['DURATION=119,ID=100', 119_000_000],
    ['12,ID=55,PARTNER=gumgum', 12_000_000],
    ['ID=1015', null],
  ])('%j → %j µs', (value, durationUs) => {
    expect(parseCueOutValue(value)).toEqual({ durationUs });
  });

  it('reports an unreadable duration', () => {
    expect(parseCueOutValue('DURATION=soon').problem).toMatch(/soon/);
    expect(parseCueOutValue('abc').problem).toBeDefined();
  });
});

describe('#EXT-X-CUE-OUT-CONT values', () => {
  it('reads ElapsedTime/Duration in any order and case, with SCTE35', () => {
    expect(parseCueOutContValue('Duration=30,SCTE35=/DA+/w==,ElapsedTime=6.006')).toEqual({ elapsedUs: 6_006_000, durationUs: 30_000_000, scte35: '/DA+/w==' });
    expect(parseCueOutContValue('elapsedtime=1,DURATION=2')).toEqual({ elapsedUs: 1_000_000, durationUs: 2_000_000 });
    expect(parseCueOutContValue('CAID=0x0100,ElapsedTime=8.844,Duration=15')).toEqual({ elapsedUs: 8_844_000, durationUs: 15_000_000 });
  });

  it('reads the elapsed/duration form and a bare tag', () => {
    expect(parseCueOutContValue(' 6.006/20.020')).toEqual({ elapsedUs: 6_006_000, durationUs: 20_020_000 });
    expect(parseCueOutContValue('')).toEqual({});
  });

  it('reports unreadable numbers', () => {
    expect(parseCueOutContValue('ElapsedTime=x,Duration=30').problem).toMatch(/ElapsedTime/);
    expect(parseCueOutContValue('ElapsedTime=1,Duration=-3').problem).toMatch(/Duration/);
  });
});

describe('cueOutReader', () => {
  it('probes only playlists with its tags', () => {
    expect(cueOutReader.probe(cueInputFromText('#EXTM3U\n#EXTINF:6,\na.ts\n'))).toBe(false);
    expect(cueOutReader.probe(cueInputFromText('#EXTM3U\n#EXTINF:6,\na.ts\n#EXT-X-CUE-IN\n'))).toBe(true);
  });

  it('a new CUE-OUT while one is open does not invent an end for the first', () => {
    const r = cueOutReader.read(cueInputFromText('#EXTM3U\n#EXT-X-CUE-OUT:12\n#EXTINF:6,\na.ts\n#EXT-X-CUE-OUT:6\n#EXTINF:6,\nb.ts\n#EXT-X-CUE-IN\n#EXTINF:6,\nc.ts\n'));
    expect(r.breaks.map((b) => [b.id, b.durationUs, b.endUs])).toEqual([['seq-0', 12_000_000, undefined], ['seq-1', 6_000_000, 12_000_000]]);
  });

  it('a bare CONT with nothing open starts a joined break where it stands', () => {
    const r = cueOutReader.read(cueInputFromText('#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:9\n#EXT-X-CUE-OUT-CONT\n#EXTINF:6,\na.ts\n'));
    expect(r.breaks).toEqual([{ id: 'seq-9', startUs: 0, durationUs: null, mediaSequence: 9, dialect: 'cue-out', joinedMidBreak: true }]);
  });
});
