/**
 * A CLI command. `run` returns the process exit code (0 ok, 1 input was bad, 2 usage error)
 * and writes only through `io`, so commands are testable without spawning a process.
 */
export interface CliIo {
  write(text: string): void;
  error(text: string): void;
  /** Lines of standard input, without their line endings. */
  readLines(): AsyncIterable<string>;
  /** Whole text of a file path or an http(s) URL. Rejects with a readable message. */
  readSource(pathOrUrl: string): Promise<string>;
}

export interface CliCommand {
  readonly name: string;
  /** One line for `interlude --help`. */
  readonly summary: string;
  /** Full text for `interlude <name> --help`. */
  readonly help: string;
  run(args: readonly string[], io: CliIo): Promise<number>;
}
