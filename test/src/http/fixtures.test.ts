// Runs every request/response case under fixtures/http/ through the app (Prebid
// sample-requests style): valid/ cases must succeed, invalid/ cases must fail as described.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { testApp } from './test-app.js';

interface HttpCall { method: 'GET' | 'POST' | 'PUT' | 'DELETE'; path: string; headers?: Record<string, string>; body?: unknown }
interface HttpCase {
  description: string;
  setup?: HttpCall[];
  request: HttpCall;
  response: { status: number; body?: unknown };
  /** For validation failures: every issue path the error must list, no more, no fewer. */
  expectedIssuePaths?: string[];
}

const root = fileURLToPath(new URL('../../../fixtures/http/', import.meta.url));

function cases(): Array<[string, HttpCase]> {
  const out: Array<[string, HttpCase]> = [];
  for (const area of readdirSync(root)) {
    for (const kind of ['valid', 'invalid']) {
      const dir = join(root, area, kind);
      let files: string[];
      try { files = readdirSync(dir).filter((f) => f.endsWith('.json')); } catch { continue; }
      for (const f of files) out.push([`${area}/${kind}/${f}`, JSON.parse(readFileSync(join(dir, f), 'utf8')) as HttpCase]);
    }
  }
  return out;
}

function send(app: Awaited<ReturnType<typeof testApp>>, call: HttpCall) {
  const agent = request(app.http);
  let req = call.method === 'GET' ? agent.get(call.path) : call.method === 'POST' ? agent.post(call.path) : call.method === 'PUT' ? agent.put(call.path) : agent.delete(call.path);
  for (const [k, v] of Object.entries(call.headers ?? {})) req = req.set(k, v);
  return call.body === undefined ? req : req.send(call.body as object);
}

const all = cases();

describe('fixtures/http', () => {
  it('has cases in valid/ and invalid/', () => {
    expect(all.some(([n]) => n.includes('/valid/'))).toBe(true);
    expect(all.some(([n]) => n.includes('/invalid/'))).toBe(true);
  });

  it.each(all)('%s', async (name, c) => {
    const app = await testApp();
    try {
      for (const call of c.setup ?? []) expect((await send(app, call)).status, `setup ${call.method} ${call.path}`).toBeLessThan(300);
      const res = await send(app, c.request);
      expect(res.status, c.description).toBe(c.response.status);
      if (name.includes('/valid/')) expect(res.status).toBeLessThan(300);
      else expect(res.status).toBeGreaterThanOrEqual(400);
      if (c.response.body !== undefined) expect(res.body).toMatchObject(c.response.body as object);
      if (c.expectedIssuePaths) {
        expect(res.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual([...c.expectedIssuePaths].sort());
      }
    } finally {
      await app.close();
    }
  });
});
