import { describe, expect, it } from 'vitest';
import { extXScte35Reader } from '../../../manifests/cues/ext-x-scte35-reader.js';
import { cueInputFromText } from '../../support/cue-input-builder.js';

const OUT = '/DAvAAAAAAAA///wFAUAABABf+/+AA27oP4AKTLgAAAAAAAKAAhDVUVJAAABNV+tSyg=';

describe('extXScte35Reader', () => {
  it('continues the open break on a CONT that names nothing, even when CUE does not decode', () => {
    const r = extXScte35Reader.read(cueInputFromText(
      '#EXTM3U\n#EXT-X-SCTE35:CUE="...",CUE-OUT=YES,DURATION=12\n#EXTINF:6,\na.ts\n#EXT-X-SCTE35:CUE="...",CUE-OUT=CONT,ELAPSED=6\n#EXTINF:6,\nb.ts\n#EXT-X-SCTE35:CUE="...",CUE-IN=YES\n#EXTINF:6,\nc.ts\n',
    ));
    expect(r.breaks).toEqual([{ id: 'seq-0', startUs: 0, durationUs: 12_000_000, mediaSequence: 0, dialect: 'ext-x-scte35', joinedMidBreak: false, endUs: 12_000_000 }]);
    expect(r.errors.map((e) => e.code)).toEqual(['CUE_SCTE35_INVALID', 'CUE_SCTE35_INVALID', 'CUE_SCTE35_INVALID']);
  });

  it('reads the legacy #EXT-SCTE35 spelling and folds repeats of the same event', () => {
    const r = extXScte35Reader.read(cueInputFromText(
      `#EXTM3U\n#EXT-SCTE35: CUE="${OUT}", ID="1"\n#EXT-X-SCTE35:CUE="${OUT}",ID="2"\n#EXTINF:6,\na.ts\n`,
    ));
    expect(r.breaks).toHaveLength(1);
    expect(r.breaks[0]).toMatchObject({ id: 'scte35-4097', durationUs: 30_000_000, scte35: { spliceEventId: 4097 } });
  });

  it('ELAPSED > 0 on the first CUE-OUT=YES still means the window joined mid-break', () => {
    const r = extXScte35Reader.read(cueInputFromText(
      `#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:10\n#EXT-X-SCTE35:CUE="${OUT}",CUE-OUT=YES,ELAPSED=6,DURATION=30\n#EXTINF:6,\na.ts\n`,
    ));
    expect(r.breaks[0]).toMatchObject({ startUs: -6_000_000, mediaSequence: 9, joinedMidBreak: true });
  });
});
