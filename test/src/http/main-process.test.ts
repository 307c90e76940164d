// src/main.ts as a real process: binds to loopback without an API key, stops on SIGTERM,
// and on a bad config prints every problem and exits 1 without a stack trace.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));

interface Run { code: number | null; stdout: string; stderr: string }

function startMain(env: Record<string, string>, onStdout?: (text: string, kill: () => void) => void): Promise<Run> {
  return new Promise((resolve, reject) => {
    const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('INTERLUDE_') && k !== 'REDIS_URL' && k !== 'LOG_LEVEL'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: root, env: { ...cleanEnv, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`main did not finish: ${stdout}${stderr}`)); }, 20_000);
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      onStdout?.(stdout, () => child.kill('SIGTERM'));
    });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('exit', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr }); });
  });
}

describe('main', () => {
  it('listens on 127.0.0.1 without INTERLUDE_API_KEY, prints the URL, and exits 0 on SIGTERM', async () => {
    let url: string | undefined;
    let healthy = false;
    let killed = false;
    const run = await startMain({ INTERLUDE_HOST: '0.0.0.0', INTERLUDE_PORT: '0' }, (text, kill) => {
      const m = /"url":"(http:\/\/[^"]+)"/.exec(text);
      if (m && !killed) {
        killed = true;
        url = m[1];
        fetch(`${url}/healthz`).then((r) => { healthy = r.status === 200; }, () => undefined).finally(kill);
      }
    });
    expect(run.code).toBe(0);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(healthy).toBe(true);
    expect(run.stdout).toMatch(/INTERLUDE_API_KEY is not set/);
    expect(run.stdout).toContain('shutting down');
  });

  it('prints every config problem and exits 1 without a stack trace', async () => {
    const run = await startMain({ INTERLUDE_PORT: 'eighty', LOG_LEVEL: 'chatty', REDIS_URL: 'http://x' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('CONFIG_INVALID');
    for (const path of ['server.port', 'logging.level', 'redis.url']) expect(run.stderr).toContain(path);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
