import { describe, expect, it } from 'vitest';
import { checkXml, parseXmlSafely } from '../../../src/net/safe-xml.js';

const opts = { maxBytes: 10_000, expectedRoots: ['VAST'] };

describe('safe XML', () => {
  it('parses a small document with entities left as written', () => {
    const r = parseXmlSafely('<?xml version="1.0"?><VAST version="4.0"><Ad id="a&amp;b"><T>x &lt; y</T></Ad></VAST>', opts);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toEqual({ VAST: { '@_version': '4.0', Ad: { '@_id': 'a&amp;b', T: 'x &lt; y' } } });
  });

  it('refuses an external entity (XXE) outright', () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE VAST [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><VAST>&xxe;</VAST>';
    expect(checkXml(xxe, opts)).toMatchObject({ ok: false, error: { code: 'XML_ENTITY_DECLARATION' } });
  });

  it('refuses entity expansion (billion laughs) outright', () => {
    const lol = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><VAST>&lol2;</VAST>';
    expect(checkXml(lol, opts)).toMatchObject({ ok: false, error: { code: 'XML_ENTITY_DECLARATION', reason: expect.stringMatching(/entities/) } });
  });

  it('accepts a DOCTYPE without entity declarations', () => {
    expect(checkXml('<!DOCTYPE VAST><VAST version="3.0"/>', opts)).toEqual({ ok: true, value: { root: 'VAST' } });
  });

  it('bounds the size', () => {
    expect(checkXml(`<VAST>${'a'.repeat(20_000)}</VAST>`, opts)).toMatchObject({ ok: false, error: { code: 'XML_TOO_LARGE' } });
  });

  it('names the wrong root', () => {
    expect(checkXml('<?xml version="1.0"?><!-- c --><html><body/></html>', opts))
      .toMatchObject({ ok: false, error: { code: 'XML_WRONG_ROOT', reason: 'root element is <html>, expected <VAST>' } });
  });

  it.each(['{"ads": []}', 'not xml at all', '<VAST><Ad></VAST>', '<VAST>'])('rejects non-XML %j', (text) => {
    expect(checkXml(text, opts)).toMatchObject({ ok: false, error: { code: 'XML_NOT_WELL_FORMED' } });
  });

  it('rejects an empty document', () => {
    expect(checkXml('  \n', opts)).toMatchObject({ ok: false, error: { code: 'XML_EMPTY' } });
  });
});
