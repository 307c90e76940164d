// Makes sure the tests have a Redis: the one on 127.0.0.1:6379 when it answers, else a
// throw-away redis-server started here on a free port, else a clear failure.
import { spawn, type ChildProcess } from 'node:child_process';
import { Socket } from 'node:net';
import type { TestProject } from 'vitest/node';
import { freePort } from './free-port.js';

function ping(port: number, host = '127.0.0.1', timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => { socket.destroy(); resolve(ok); };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, host, () => socket.write('PING\r\n'));
    socket.once('data', (d) => done(d.toString().startsWith('+PONG')));
  });
}

let child: ChildProcess | undefined;

export default async function setup(project: TestProject): Promise<() => void> {
  let url = process.env.INTERLUDE_TEST_REDIS_URL;
  if (!url) {
    if (await ping(6379)) {
      url = 'redis://127.0.0.1:6379';
    } else {
      const port = await freePort();
      child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
      const spawnError = new Promise<Error>((resolve) => child?.once('error', resolve));
      for (let i = 0; i < 50 && !(await ping(port)); i++) {
        const failed = await Promise.race([spawnError, new Promise<null>((r) => setTimeout(() => r(null), 100))]);
        if (failed) break;
      }
      if (!(await ping(port))) {
        throw new Error('Tests need Redis: nothing answers on 127.0.0.1:6379 and `redis-server` could not be started. Install it (apt-get install redis-server) or set INTERLUDE_TEST_REDIS_URL.');
      }
      url = `redis://127.0.0.1:${port}`;
    }
  }
  project.provide('redisUrl', url);
  return () => { child?.kill(); };
}

declare module 'vitest' {
  export interface ProvidedContext { redisUrl: string }
}
