import { VASTParser } from '@dailymotion/vast-client';
import { loadVastDocument, VastLoadError, type VastLoadContext } from './vast-loader.js';
import type { VastAd, VastParserLike, WrapperFetchRequest } from './vast-model.js';

/**
 * Resolves a parsed VAST document into its ads: VASTParser runs over the first document and
 * every wrapper hop comes back through `fetchVAST`, i.e. through our loader (the library never
 * fetches by itself; depth is bounded). VastSource calls it after loading the ad server's
 * answer; the OpenRTB source with a winning bid's `adm`.
 */
export async function resolveVastChain(document: unknown, url: string, load: VastLoadContext, maxWrapperDepth: number): Promise<readonly VastAd[]> {
  const fetcher = {
    fetchVAST: async (req: WrapperFetchRequest): Promise<unknown> => {
      // Belt and braces: the parser checks its wrapperLimit before calling us.
      if (req.wrapperDepth > maxWrapperDepth) throw new VastLoadError('VAST_FETCH_FAILED', `wrapper depth ${req.wrapperDepth} exceeds ${maxWrapperDepth}`);
      return (await loadVastDocument(req.url, load)).document;
    },
  };
  const parser = new VASTParser({ fetcher }) as unknown as VastParserLike;
  // The library counts the wrapper it is about to follow: N wrappers need a limit of N + 1.
  parser.initParsingStatus({ wrapperLimit: maxWrapperDepth + 1 });
  const parsed = await parser.parse(document, { url, resolveAll: true, isRootVAST: true, wrapperDepth: 0 });
  return Array.isArray(parsed) ? (parsed as VastAd[]).filter((a) => a !== null && typeof a === 'object') : [];
}
