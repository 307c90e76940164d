import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { uriResolver } from '../../../src/manifest-service/resolve-uri.js';

function viaUrl(uri: string, base: string): string {
  try {
    return new URL(uri, base).href;
  } catch {
    return uri;
  }
}

const BASES = [
  'http://origin.example/live/720p.m3u8',
  'https://cdn.example:8443/a/b/c/index.m3u8?token=x&y=1#frag',
  'http://origin.example',
  'http://origin.example/dir/',
  'https://user:pw@origin.example/%7Euser/p.m3u8',
  'http://[::1]:8080/x.m3u8',
  'file:///tmp/x.m3u8',
  'not a url',
];

// Segment-ish pieces plus everything that makes the fast path unsafe.
const piece = fc.constantFrom('seg-1.ts', 'a', 'B_9', '~x', '.', '..', '/', '//', '?q=1', '#f', ':', 'http:', 'https://h/', '%20', ' ', '\\', '-', '.ts', 'é', '\t', 'x.y.z', '');
const uri = fc.array(piece, { maxLength: 6 }).map((p) => p.join(''));

describe('uriResolver', () => {
  it('agrees with new URL(uri, base).href for any uri and base', () => {
    fc.assert(fc.property(fc.constantFrom(...BASES), uri, (base, u) => {
      expect(uriResolver(base)(u)).toBe(viaUrl(u, base));
    }), { numRuns: 5_000 });
  });

  it('agrees with new URL on arbitrary strings too', () => {
    fc.assert(fc.property(fc.constantFrom(...BASES), fc.string(), (base, u) => {
      expect(uriResolver(base)(u)).toBe(viaUrl(u, base));
    }), { numRuns: 2_000 });
  });

  it('resolves plain segment names against the base directory, dropping query and fragment', () => {
    const r = uriResolver('https://cdn.example/a/b/index.m3u8?token=x#f');
    expect(r('seg-17.ts')).toBe('https://cdn.example/a/b/seg-17.ts');
    expect(r('720p/seg-17.ts')).toBe('https://cdn.example/a/b/720p/seg-17.ts');
    expect(r('../seg.ts')).toBe('https://cdn.example/a/seg.ts');
    expect(r('/root.ts')).toBe('https://cdn.example/root.ts');
    expect(r('https://other.example/x.ts')).toBe('https://other.example/x.ts');
  });
});
