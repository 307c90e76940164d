// Helpers shared by the queue and beacon tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** BullMQ keys are `<prefix>:<queue>:…`; a prefix without the test's trailing colon keeps them under the test's own prefix. */
export function bullPrefix(testPrefix: string): string {
  return testPrefix.replace(/:$/, '');
}

export interface ChildWorker {
  readonly child: ChildProcess;
  /** Resolves with the first stdout line that starts with `prefix`. */
  waitForLine(prefix: string, timeoutMs?: number): Promise<string>;
  readonly lines: readonly string[];
  /** SIGKILL, then waits for the exit. */
  kill9(): Promise<void>;
}

/** Runs a TypeScript fixture in its own Node process (through tsx), as a separate worker would. */
export function spawnTsWorker(fixture: URL, args: readonly string[]): ChildWorker {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(fixture), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters: { prefix: string; resolve: (l: string) => void }[] = [];
  let buffer = '';
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => { stderr += d.toString(); });
  child.stdout?.on('data', (d: Buffer) => {
    buffer += d.toString();
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      lines.push(line);
      for (const w of waiters.filter((x) => line.startsWith(x.prefix))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    lines,
    waitForLine(prefix, timeoutMs = 20_000) {
      const seen = lines.find((l) => l.startsWith(prefix));
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`worker printed no "${prefix}" line in ${timeoutMs} ms; stderr: ${stderr.slice(-2000)}`)), timeoutMs);
        waiters.push({ prefix, resolve: (l) => { clearTimeout(t); resolve(l); } });
      });
    },
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
