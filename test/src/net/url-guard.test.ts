import { describe, expect, it } from 'vitest';
import { redactUrl, urlRejection } from '../../../src/net/url-guard.js';

describe('url guard', () => {
  it.each([
    'http://127.0.0.1:8080/vast',
    'https://ads.example.com/v?x=[session.id]',
    'http://[::1]:9000/',
    'http://10.0.0.5/',
  ])('allows %s', (url) => expect(urlRejection(url)).toBeUndefined());

  it.each([
    ['file:///etc/passwd', /scheme file/],
    ['gopher://x/', /scheme gopher/],
    ['javascript:alert(1)', /scheme javascript/],
    ['http://user:pw@example.com/', /credentials/],
    ['http://user@example.com/', /credentials/],
    ['/relative/path', /not an absolute URL/],
    ['', /not an absolute URL/],
  ])('rejects %s', (url, reason) => expect(urlRejection(url)).toMatch(reason));

  it('redacts query and credentials for logs', () => {
    expect(redactUrl('https://u:p@ads.example.com/vast?ip=1.2.3.4')).toBe('https://ads.example.com/vast');
  });
});
