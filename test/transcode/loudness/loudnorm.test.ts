import { describe, expect, it } from 'vitest';
import { ATSC_A85_TARGET, loudnormApplyFilter, loudnormMeasureFilter, parseEbur128Summary, parseLoudnormReport } from '../../../transcode/index.js';

const PASS1 = `size=N/A time=00:00:06.01 bitrate=N/A speed=12.3x
[Parsed_loudnorm_0 @ 0x3dce8c80] 
{
	"input_i" : "-11.76",
	"input_tp" : "-10.93",
	"input_lra" : "0.10",
	"input_thresh" : "-21.76",
	"output_i" : "-24.03",
	"output_tp" : "-20.14",
	"output_lra" : "0.00",
	"output_thresh" : "-34.03",
	"normalization_type" : "dynamic",
	"target_offset" : "0.03"
}`;

describe('loudnorm', () => {
  it('builds the A/85 measure and apply filters', () => {
    expect(loudnormMeasureFilter(ATSC_A85_TARGET)).toBe('loudnorm=I=-24:TP=-2:LRA=7:print_format=json');
    const r = parseLoudnormReport(PASS1);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.input).toEqual({ integratedLufs: -11.76, truePeakDbtp: -10.93, lraLu: 0.1, thresholdLufs: -21.76, targetOffsetLu: 0.03 });
    expect(loudnormApplyFilter(ATSC_A85_TARGET, r.value.input)).toBe(
      'loudnorm=I=-24:TP=-2:LRA=7:measured_I=-11.76:measured_TP=-10.93:measured_LRA=0.1:measured_thresh=-21.76:offset=0.03:linear=true:print_format=json');
  });
  it('reports silence and missing output as issues, not NaN gains', () => {
    const silent = PASS1.replace('"-11.76"', '"-inf"');
    expect(parseLoudnormReport(silent)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/silent/) } });
    expect(parseLoudnormReport('Conversion failed!')).toMatchObject({ ok: false });
  });
});

describe('ebur128 summary', () => {
  it('reads I, LRA and true peak', () => {
    const text = `[Parsed_ebur128_0 @ 0x1] Summary:\n\n  Integrated loudness:\n    I:         -24.0 LUFS\n    Threshold: -34.0 LUFS\n\n  Loudness range:\n    LRA:         0.0 LU\n    Threshold:   0.0 LUFS\n    LRA low:     0.0 LUFS\n    LRA high:    0.0 LUFS\n\n  True peak:\n    Peak:      -23.8 dBFS`;
    expect(parseEbur128Summary(text)).toEqual({ integratedLufs: -24, lraLu: 0, truePeakDbfs: -23.8 });
    expect(parseEbur128Summary('no summary')).toBeUndefined();
  });
});
