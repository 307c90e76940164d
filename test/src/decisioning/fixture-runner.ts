// The one runner for ad decision fixtures (STYLE §2, after Prebid's RunJSONBidderTest).
// Each JSON file under fixtures/decisioning/<source>/{exemplary,supplemental}/ is played
// against a real loopback HTTP server through the real undici fetcher:
//   { description?, params, request: { break, session, avail }, deadlineMs?, maxElapsedMs?,
//     httpCalls: [{ expectedRequest: { uri, headers? }, mockResponse: { status?, body? | bodyFile?, vars?, delayMs?, headers? } }],
//     expectedPod: { breakId, source, ads, filledUs }, expectedErrors: [{ value, comparison: 'literal'|'regex' }] }
// `{{server}}` in params, bodies and expectations is the server's origin; `{{name}}` comes
// from mockResponse.vars. `bodyFile` is a path under fixtures/vast/ (long XML stays readable).
// Every expected call must happen (in any order, each once); any other request fails the case.
// Pod notes are matched against expectedErrors one to one, in any order.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Break, Pod } from '../../../manifests/index.js';
import type { AdSource, AvailContext } from '../../../src/decisioning/ad-source.js';
import { createDeadline } from '../../../src/decisioning/deadline.js';
import type { SourceDeps } from '../../../src/decisioning/source-factory.js';
import type { SourceLogger } from '../../../src/decisioning/source-logger.js';
import { createUndiciFetcher } from '../../../src/net/fetcher.js';
import type { Session } from '../../../src/sessions/session.js';
import { fixturePath } from '../../support/vectors.js';
import { sendScripted, startLoopbackServer } from '../../support/loopback-server.js';

export interface HttpCall {
  readonly expectedRequest: { readonly uri: string; readonly headers?: Readonly<Record<string, string>> };
  readonly mockResponse: {
    readonly status?: number;
    readonly body?: string;
    readonly bodyFile?: string;
    readonly vars?: Readonly<Record<string, string>>;
    readonly delayMs?: number;
    readonly headers?: Readonly<Record<string, string>>;
  };
}

export interface ExpectedError {
  readonly value: string;
  readonly comparison: 'literal' | 'regex';
}

export interface DecisioningFixture {
  readonly description?: string;
  readonly params: Record<string, unknown>;
  readonly request: { readonly break: Break; readonly session: Session; readonly avail: AvailContext };
  readonly deadlineMs?: number;
  readonly maxElapsedMs?: number;
  readonly httpCalls: readonly HttpCall[];
  readonly expectedPod: Omit<Pod, 'notes'>;
  readonly expectedErrors: readonly ExpectedError[];
}

/** Fixed clock and randomness so macro values ([TIMESTAMP], [CACHEBUSTING]) are known. */
export const FIXTURE_NOW_MS = Date.UTC(2024, 0, 15, 12, 0, 0);
export const FIXTURE_RANDOM = 0.123456789;

export type SourceBuilder = (params: unknown, deps: SourceDeps) => AdSource;

export function runDecisioningFixtures(sourceName: string, build: SourceBuilder): void {
  const fetcher = createUndiciFetcher();
  afterAll(() => fetcher.close());
  for (const group of ['exemplary', 'supplemental'] as const) {
    const dir = fixturePath('decisioning', sourceName, group);
    const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
    describe(`${sourceName} fixtures: ${group}`, () => {
      it.each(files)('%s', async (file) => {
        const fixture = JSON.parse(readFileSync(join(dir, file), 'utf8')) as DecisioningFixture;
        await playFixture(fixture, build, fetcher);
      });
    });
  }
}

async function playFixture(fixture: DecisioningFixture, build: SourceBuilder, fetcher: SourceDeps['fetcher']): Promise<void> {
  const used = new Set<number>();
  const unexpected: string[] = [];
  const headerMismatches: string[] = [];
  let origin = '';
  const server = await startLoopbackServer(async (_req, res, recorded) => {
    const i = fixture.httpCalls.findIndex((c, n) => !used.has(n) && c.expectedRequest.uri === recorded.url);
    const call = fixture.httpCalls[i];
    if (call === undefined) {
      unexpected.push(recorded.url);
      await sendScripted(res, { status: 404, body: 'unexpected request' });
      return;
    }
    used.add(i);
    for (const [name, value] of Object.entries(call.expectedRequest.headers ?? {})) {
      const got = recorded.headers[name.toLowerCase()];
      if (got !== value) headerMismatches.push(`${recorded.url}: ${name} was ${JSON.stringify(got)}, expected ${JSON.stringify(value)}`);
    }
    await sendScripted(res, {
      status: call.mockResponse.status ?? 200,
      body: substitute(bodyOf(call), { server: origin, ...call.mockResponse.vars }),
      delayMs: call.mockResponse.delayMs,
      headers: { 'content-type': 'application/xml; charset=utf-8', ...call.mockResponse.headers },
    });
  });
  origin = server.origin;
  const vars = { server: origin };

  const warnings: string[] = [];
  const logger: SourceLogger = { warn: (_f, m) => warnings.push(m), debug: () => undefined };
  const clock = { nowMs: () => FIXTURE_NOW_MS };
  const params = JSON.parse(substitute(JSON.stringify(fixture.params), vars)) as unknown;
  const source = build(params, { fetcher, clock, random: () => FIXTURE_RANDOM, logger });
  const deadline = createDeadline(fixture.deadlineMs ?? 2_000, clock);
  const { request } = fixture;

  const t0 = performance.now();
  const pod = await source.decide(request.break, request.session, request.avail, deadline);
  const elapsedMs = performance.now() - t0;
  deadline.dispose();

  const expectedPod = JSON.parse(substitute(JSON.stringify(fixture.expectedPod), vars)) as Omit<Pod, 'notes'>;
  const { notes, ...podWithoutNotes } = pod;
  expect(podWithoutNotes).toEqual(expectedPod);
  expect(matchNotes(notes, fixture.expectedErrors), `notes were: ${JSON.stringify(notes)}`).toEqual([]);
  expect(unexpected, 'requests no httpCall expected').toEqual([]);
  expect(headerMismatches).toEqual([]);
  const missing = fixture.httpCalls.filter((_c, n) => !used.has(n)).map((c) => c.expectedRequest.uri);
  expect(missing, 'expected requests that never came').toEqual([]);
  if (fixture.maxElapsedMs !== undefined) expect(elapsedMs).toBeLessThan(fixture.maxElapsedMs);
  if (pod.ads.length === 0) expect(warnings.length, 'an empty pod is logged').toBeGreaterThan(0);
}

/** Returns what did not match: unmatched expectations and unexpected notes. */
function matchNotes(notes: readonly string[], expected: readonly ExpectedError[]): string[] {
  const left = [...notes];
  const problems: string[] = [];
  for (const e of expected) {
    const i = left.findIndex((n) => (e.comparison === 'literal' ? n === e.value : new RegExp(e.value).test(n)));
    if (i < 0) problems.push(`no note matches ${e.comparison} ${JSON.stringify(e.value)}`);
    else left.splice(i, 1);
  }
  return [...problems, ...left.map((n) => `unexpected note ${JSON.stringify(n)}`)];
}

function bodyOf(call: HttpCall): string {
  if (call.mockResponse.bodyFile !== undefined) return readFileSync(fixturePath('vast', call.mockResponse.bodyFile), 'utf8');
  return call.mockResponse.body ?? '';
}

function substitute(text: string, vars: Readonly<Record<string, string>>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => vars[name] ?? whole);
}
