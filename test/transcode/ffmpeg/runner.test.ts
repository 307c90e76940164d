import { describe, expect, it } from 'vitest';
import { createFluentRunner, toArgv, type FfmpegCommandSpec } from '../../../transcode/index.js';
import { FFMPEG } from '../support/media.js';

// 60 s of 1080p testsrc to the null muxer: long enough to kill mid-run.
const long: FfmpegCommandSpec = {
  inputs: [{ path: 'testsrc=size=1920x1080:rate=25', options: ['-f', 'lavfi', '-t', '60'] }],
  globalOptions: ['-hide_banner', '-nostdin'],
  outputs: [{ path: '-', options: ['-c:v', 'libx264', '-preset', 'ultrafast', '-f', 'null'] }],
  durationSec: 60,
};

describe('fluent runner', () => {
  it('reports increasing percentages and resolves with stderr', async () => {
    const runner = createFluentRunner({ ffmpegPath: FFMPEG });
    const seen: number[] = [];
    const short: FfmpegCommandSpec = { ...long, inputs: [{ path: 'testsrc=size=160x90:rate=25', options: ['-f', 'lavfi', '-t', '3'] }], durationSec: 3 };
    const r = await runner.run(short, { onProgress: (p) => seen.push(p) });
    expect(r.stderr).toMatch(/time=/);
    expect(seen.at(-1)).toBeGreaterThanOrEqual(90);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });

  it('kills ffmpeg at the timeout → TRANSCODE_TIMEOUT', async () => {
    const runner = createFluentRunner({ ffmpegPath: FFMPEG });
    const started = Date.now();
    await expect(runner.run(long, { timeoutMs: 400 })).rejects.toMatchObject({ code: 'TRANSCODE_TIMEOUT', retryable: true });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('kills ffmpeg on abort → TRANSCODE_ABORTED', async () => {
    const runner = createFluentRunner({ ffmpegPath: FFMPEG });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 300);
    await expect(runner.run(long, { signal: ac.signal })).rejects.toMatchObject({ code: 'TRANSCODE_ABORTED' });
  });

  it('a bad filter → TRANSCODE_FFMPEG_FAILED with ffmpeg\'s reason', async () => {
    const runner = createFluentRunner({ ffmpegPath: FFMPEG });
    const bad: FfmpegCommandSpec = { ...long, outputs: [{ path: '-', options: ['-vf', 'nosuchfilter', '-f', 'null'] }] };
    await expect(runner.run(bad)).rejects.toMatchObject({ code: 'TRANSCODE_FFMPEG_FAILED', message: expect.stringMatching(/nosuchfilter/) });
  });

  it('toArgv writes globals first and -y before the filter graph, as the runner does', () => {
    expect(toArgv({ ...long, complexFilter: '[0:v]null[v]' })).toEqual([
      '-hide_banner', '-nostdin', '-f', 'lavfi', '-t', '60', '-i', 'testsrc=size=1920x1080:rate=25', '-y',
      '-filter_complex', '[0:v]null[v]', '-c:v', 'libx264', '-preset', 'ultrafast', '-f', 'null', '-',
    ]);
  });
});
