/**
 * An ffmpeg invocation as data: inputs with their options, one filter graph, outputs with
 * their options. Builders produce it (pure, golden-tested); the fluent-ffmpeg runner and the
 * bare-spawn baseline both consume it, and `toArgv` writes it in exactly the order the
 * runner makes fluent-ffmpeg write it (global options as the first input's options, inputs,
 * -y, -filter_complex, outputs), so the two run the same command.
 */
export interface FfmpegInput {
  readonly path: string;
  /** Options placed before this input's `-i`, e.g. `['-f', 'lavfi']`. */
  readonly options: readonly string[];
}

export interface FfmpegOutput {
  /** A file path, or `-` with `-f null` for analysis passes. */
  readonly path: string;
  readonly options: readonly string[];
}

export interface FfmpegCommandSpec {
  readonly inputs: readonly FfmpegInput[];
  readonly globalOptions: readonly string[];
  readonly complexFilter?: string;
  readonly outputs: readonly FfmpegOutput[];
  /**
   * Media duration the command produces, seconds: the runner turns ffmpeg's `time=` into a
   * percentage with it. 0 when unknown (no percentages then).
   */
  readonly durationSec: number;
}

export function toArgv(spec: FfmpegCommandSpec): string[] {
  const args: string[] = [...spec.globalOptions];
  for (const input of spec.inputs) args.push(...input.options, '-i', input.path);
  args.push('-y');
  if (spec.complexFilter !== undefined) args.push('-filter_complex', spec.complexFilter);
  for (const output of spec.outputs) args.push(...output.options, output.path);
  return args;
}
