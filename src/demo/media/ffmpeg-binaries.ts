import ffmpegInstaller from '@ffmpeg-installer/ffmpeg';
import ffprobeInstaller from '@ffprobe-installer/ffprobe';

/**
 * Where the ffmpeg and ffprobe binaries are: `FFMPEG_PATH` / `FFPROBE_PATH` win (a system
 * build, or one with more filters), else the binaries bundled by the npm installers.
 *
 * Known issue: the bundled ffprobe (2023 static build) crashes with SIGSEGV on any MPEG-TS
 * input on this platform; probe TS through the bundled ffmpeg (remux to MP4 first) or point
 * `FFPROBE_PATH` at a working build.
 */
export interface FfmpegBinaries {
  readonly ffmpegPath: string;
  readonly ffprobePath: string;
}

export function resolveFfmpegBinaries(env: Readonly<Record<string, string | undefined>> = process.env): FfmpegBinaries {
  return {
    ffmpegPath: nonEmpty(env.FFMPEG_PATH) ?? ffmpegInstaller.path,
    ffprobePath: nonEmpty(env.FFPROBE_PATH) ?? ffprobeInstaller.path,
  };
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v.trim() === '' ? undefined : v;
}
