import { describe, expect, it } from 'vitest';
import { createWorkerCommand } from '../../../src/cli/commands/worker-command.js';
import { commands } from '../../../src/cli/registry.js';
import type { CliIo } from '../../../src/cli/command.js';
import { DEFAULT_CONFIG } from '../../../src/config/defaults.js';
import { startWorkers } from '../../../src/worker/start-workers.js';

function io(): CliIo & { out: string; err: string } {
  const o = { out: '', err: '' };
  return Object.assign(o, {
    write: (t: string) => { o.out += t; },
    error: (t: string) => { o.err += t; },
    readLines: async function* () { /* none */ },
    readSource: () => Promise.reject(new Error('unused')),
  });
}

describe('interlude worker', () => {
  it('is registered in the CLI', () => {
    expect(commands.map((c) => c.name)).toContain('worker');
  });

  it('refuses to start without REDIS_URL, with a clear message and exit 1', async () => {
    const cli = io();
    const code = await createWorkerCommand({ env: {}, untilStopped: () => Promise.resolve() }).run([], cli);
    expect(code).toBe(1);
    expect(cli.err).toContain('CONFIG_INVALID');
    expect(cli.err).toContain('REDIS_URL');
    await expect(startWorkers(DEFAULT_CONFIG)).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });

  it('runs the registrations until stopped, then closes them', async () => {
    const cli = io();
    const events: string[] = [];
    const code = await createWorkerCommand({
      env: { REDIS_URL: 'redis://127.0.0.1:1' },
      untilStopped: () => { events.push('running'); return Promise.resolve(); },
      start: () => Promise.resolve({ host: {} as never, names: ['conditioning'], close: () => { events.push('closed'); return Promise.resolve(); } }),
    }).run([], cli);
    expect(code).toBe(0);
    expect(events).toEqual(['running', 'closed']);
    expect(cli.out).toContain('running conditioning');
  });

  it('rejects arguments as a usage error', async () => {
    const cli = io();
    expect(await createWorkerCommand({ env: {} }).run(['--now'], cli)).toBe(2);
  });
});
