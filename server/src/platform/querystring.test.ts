import { describe, expect, test } from 'vitest';
import { parseQuerystring } from './querystring.ts';

describe('the query string', () => {
  test('reads as Fastify’s parser does: a repeated key is a list, + is a space, a bare key is empty', () => {
    expect(parseQuerystring('a=1&b=x+y%C3%A6&a=2&c')).toEqual({ a: ['1', '2'], b: 'x yæ', c: '' });
    expect(parseQuerystring('')).toEqual({});
  });

  test('a percent-encoding that is not UTF-8 becomes a lone surrogate, which a text field refuses — never its raw %-text', () => {
    expect(parseQuerystring('q=a%ED%A0%80b')).toEqual({ q: 'a\ud800b' });
    expect(parseQuerystring('q=%FF%C3%A6')).toEqual({ q: '\ud800' });
    expect(parseQuerystring('q=%C3%A6+%FF')).toEqual({ q: 'æ \ud800' });
    expect(parseQuerystring('q=100%25')).toEqual({ q: '100%' });
  });
});
