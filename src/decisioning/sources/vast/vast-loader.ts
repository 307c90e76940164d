import { DOMParser } from '@xmldom/xmldom';
import type { Fetcher } from '../../../net/fetcher.js';
import { isFetchError } from '../../../net/fetch-error.js';
import type { FetchPolicy } from '../../../net/fetch-policy.js';
import { redactUrl } from '../../../net/url-guard.js';
import { checkXml } from '../../../net/safe-xml.js';

/**
 * Loads one VAST document (the first, or a wrapper hop) through our fetcher and hands back
 * a DOM for VASTParser. The library never fetches anything itself: its own URL handler
 * throws from a timer when an ad server hangs (an uncaught exception that ends the process),
 * and it would bypass our size bound, URL guard and deadline.
 *
 * Order matters: the text is checked by safe-xml (size, no entity declarations, well-formed,
 * root <VAST>) BEFORE xmldom sees it, so no DTD trick reaches a DOM builder.
 */
export type VastLoadErrorCode = 'VAST_FETCH_FAILED' | 'VAST_UNSAFE_XML' | 'VAST_NOT_XML' | 'VAST_WRONG_ROOT' | 'VAST_EMPTY_BODY';

export class VastLoadError extends Error {
  override readonly name = 'VastLoadError';
  constructor(readonly code: VastLoadErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export interface VastLoadContext {
  readonly fetcher: Fetcher;
  readonly policy: FetchPolicy;
  readonly signal: AbortSignal;
  readonly headers: Readonly<Record<string, string>>;
  readonly maxDocumentBytes: number;
}

export interface LoadedVast {
  /** An xmldom Document; opaque here, VASTParser reads it. */
  readonly document: unknown;
  /** Final URL after redirects: the base for relative wrapper URLs. */
  readonly url: string;
}

export async function loadVastDocument(url: string, ctx: VastLoadContext): Promise<LoadedVast> {
  let text: string;
  let finalUrl: string;
  try {
    const res = await ctx.fetcher.fetchText(url, { policy: ctx.policy, signal: ctx.signal, headers: ctx.headers, kind: 'vast' });
    text = res.body;
    finalUrl = res.url;
  } catch (e) {
    const detail = isFetchError(e) ? `${e.code}${e.status !== undefined ? ` ${e.status}` : ''}: ${e.message}` : String(e);
    throw new VastLoadError('VAST_FETCH_FAILED', `fetching ${redactUrl(url)} failed (${detail})`, { cause: e });
  }
  return { document: parseVastText(text, ctx.maxDocumentBytes, redactUrl(finalUrl)), url: finalUrl };
}

/** Checks and parses VAST text (exported for the vector tests, which read files in place). */
export function parseVastText(text: string, maxBytes: number, where: string): unknown {
  const checked = checkXml(text, { maxBytes, expectedRoots: ['VAST'] });
  if (!checked.ok) {
    const code: VastLoadErrorCode = checked.error.code === 'XML_ENTITY_DECLARATION' || checked.error.code === 'XML_TOO_LARGE'
      ? 'VAST_UNSAFE_XML'
      : checked.error.code === 'XML_WRONG_ROOT'
        ? 'VAST_WRONG_ROOT'
        : checked.error.code === 'XML_EMPTY' ? 'VAST_EMPTY_BODY' : 'VAST_NOT_XML';
    throw new VastLoadError(code, `${where}: ${checked.error.reason}`);
  }
  const problems: string[] = [];
  const record = (msg: unknown) => {
    problems.push(String(msg).split('\n')[0] ?? '');
  };
  const parser = new DOMParser({ errorHandler: { warning: () => undefined, error: record, fatalError: record } });
  let doc: unknown;
  try {
    doc = parser.parseFromString(text, 'text/xml');
  } catch (e) {
    throw new VastLoadError('VAST_NOT_XML', `${where}: XML DOM parser refused the document: ${String(e)}`, { cause: e });
  }
  if (problems.length > 0) throw new VastLoadError('VAST_NOT_XML', `${where}: ${problems[0] ?? 'XML DOM parser error'}`);
  return doc;
}
