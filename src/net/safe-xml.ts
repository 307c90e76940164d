import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { err, ok, type Result } from '../../manifests/index.js';

/**
 * XML from the outside world (VAST, VMAP, MPD fetched on a player's behalf) is hostile
 * until proven otherwise. Three rules, checked before any parser builds a tree:
 * - size: bounded, so a huge document cannot exhaust memory;
 * - no entity declarations: a DOCTYPE that declares entities is refused outright. That
 *   closes XXE (external entities reading files or URLs) and entity expansion ("billion
 *   laughs") whatever the downstream parser would do with them;
 * - well-formed, with the root element the caller expects.
 * The parser itself then runs with entity processing off, so even the five predefined
 * entities stay as written (callers decode them where text is used).
 */
export type SafeXmlErrorCode = 'XML_TOO_LARGE' | 'XML_ENTITY_DECLARATION' | 'XML_NOT_WELL_FORMED' | 'XML_WRONG_ROOT' | 'XML_EMPTY';

export interface SafeXmlError {
  readonly code: SafeXmlErrorCode;
  /** One line, fit for a pod note or a log message. */
  readonly reason: string;
}

export interface SafeXmlOptions {
  readonly maxBytes: number;
  /** Root element names accepted (e.g. ['VAST']); any root when absent. */
  readonly expectedRoots?: readonly string[];
}

export interface CheckedXml {
  /** Name of the document element as written (prefix included). */
  readonly root: string;
}

const ENTITY_DECLARATION = /<!ENTITY\b/i;
const DOCTYPE = /<!DOCTYPE\b/i;

/** Applies the rules above without keeping a tree; returns the root element's name. */
export function checkXml(text: string, options: SafeXmlOptions): Result<CheckedXml, SafeXmlError> {
  const size = Buffer.byteLength(text, 'utf8');
  if (size > options.maxBytes) {
    return err({ code: 'XML_TOO_LARGE', reason: `document is ${size} bytes, above the ${options.maxBytes}-byte bound` });
  }
  if (text.trim() === '') return err({ code: 'XML_EMPTY', reason: 'document is empty' });
  if (DOCTYPE.test(text) && ENTITY_DECLARATION.test(text)) {
    return err({ code: 'XML_ENTITY_DECLARATION', reason: 'DOCTYPE declares entities; refused (XXE / entity expansion)' });
  }
  const valid = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (valid !== true) {
    return err({ code: 'XML_NOT_WELL_FORMED', reason: `not well-formed XML: ${valid.err.msg} (line ${valid.err.line})` });
  }
  const root = rootElementName(text);
  if (root === undefined) return err({ code: 'XML_NOT_WELL_FORMED', reason: 'no root element' });
  if (options.expectedRoots !== undefined && !options.expectedRoots.includes(root)) {
    return err({ code: 'XML_WRONG_ROOT', reason: `root element is <${root}>, expected <${options.expectedRoots.join('> or <')}>` });
  }
  return ok({ root });
}

/**
 * Checks, then parses into plain JS objects (attributes under `@_` names, text under
 * `#text`). Entity processing is off: `&amp;` stays `&amp;` in the values.
 */
export function parseXmlSafely(text: string, options: SafeXmlOptions): Result<Record<string, unknown>, SafeXmlError> {
  const checked = checkXml(text, options);
  if (!checked.ok) return checked;
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    processEntities: false,
    htmlEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
  });
  try {
    return ok(parser.parse(text) as Record<string, unknown>);
  } catch (e) {
    // The validator passed, so this is a parser limit we did not foresee; still a value, not a throw.
    return err({ code: 'XML_NOT_WELL_FORMED', reason: `XML parser refused the document: ${e instanceof Error ? e.message : String(e)}` });
  }
}

/** Name of the first element after the prolog (declaration, comments, PIs, DOCTYPE). */
function rootElementName(text: string): string | undefined {
  let i = 0;
  for (;;) {
    const lt = text.indexOf('<', i);
    if (lt < 0) return undefined;
    if (text.startsWith('<?', lt)) {
      i = text.indexOf('?>', lt) + 2;
    } else if (text.startsWith('<!--', lt)) {
      i = text.indexOf('-->', lt) + 3;
    } else if (text.startsWith('<!', lt)) {
      i = skipDeclaration(text, lt);
    } else {
      return /^<([^\s/>]+)/.exec(text.slice(lt, lt + 256))?.[1];
    }
    if (i <= lt) return undefined;
  }
}

/** End of a `<!DOCTYPE …>` including an internal subset in brackets. */
function skipDeclaration(text: string, from: number): number {
  let depth = 0;
  for (let j = from + 2; j < text.length; j++) {
    const c = text[j];
    if (c === '[') depth++;
    else if (c === ']') depth--;
    else if (c === '>' && depth <= 0) return j + 1;
  }
  return -1;
}
