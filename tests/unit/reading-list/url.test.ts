import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fnv1a64, hash64Base36 } from '../../../core/reading-list/hash.ts';
import { canonicalUrl, itemId, siteOf } from '../../../core/reading-list/url.ts';

describe('canonicalUrl', () => {
  it.each([
    ['utm_* and click ids', 'https://www.lemonde.fr/a.html?utm_source=tw&utm_medium=social&fbclid=x&gclid=y'],
    ['more click ids', 'https://www.lemonde.fr/a.html?dclid=1&msclkid=2&yclid=3&igshid=4&twclid=5&ttclid=6'],
    ['mailing tools', 'https://www.lemonde.fr/a.html?mc_cid=1&mc_eid=2&_hsenc=3&_hsmi=4&mkt_tok=5'],
    ['analytics', 'https://www.lemonde.fr/a.html?_ga=1&_gl=2&ref_src=twsrc&xtor=RSS-3208&at_medium=x'],
    ['upper-case names', 'https://www.lemonde.fr/a.html?UTM_SOURCE=x&FBCLID=y'],
    ['Matomo', 'https://www.lemonde.fr/a.html?pk_campaign=x&mtm_source=y'],
    ['the fragment', 'https://www.lemonde.fr/a.html#commentaires'],
    ['a default port', 'https://www.lemonde.fr:443/a.html'],
    ['the host case and trailing dot', 'https://WWW.LeMonde.FR./a.html'],
  ])('removes %s', (_, url) => {
    expect(canonicalUrl(url)).toBe('https://www.lemonde.fr/a.html');
  });

  it('keeps the parameters that name the page, sorted', () => {
    expect(canonicalUrl('https://example.com/read?b=2&utm_campaign=x&a=1&id=42')).toBe(
      'https://example.com/read?a=1&b=2&id=42',
    );
    expect(canonicalUrl('https://example.com/read?id=42&id=7')).toBe('https://example.com/read?id=42&id=7');
  });

  it('keeps www, the path case, the trailing slash, hash-bang routes and other ports', () => {
    expect(canonicalUrl('https://www.example.com/A/')).toBe('https://www.example.com/A/');
    expect(canonicalUrl('https://example.com/A')).toBe('https://example.com/A');
    expect(canonicalUrl('https://example.com/#!/story/42')).toBe('https://example.com/#!/story/42');
    expect(canonicalUrl('http://example.com:8080/a')).toBe('http://example.com:8080/a');
  });

  it('prefers the page canonical link on the same site, resolving it and cleaning it too', () => {
    const amp = 'https://www.lemonde.fr/amp/article/2025/03/10/reforme_62000_3224.html?amp=1&utm_source=x';
    const canonical = 'https://www.lemonde.fr/article/2025/03/10/reforme_62000_3224.html';
    expect(canonicalUrl(amp, canonical)).toBe(canonical);
    expect(canonicalUrl('https://m.lemonde.fr/article/x.html', canonical + '?utm_medium=y#top')).toBe(canonical);
    expect(
      canonicalUrl(
        'https://amp.theguardian.com/world/2025/mar/10/x',
        'https://www.theguardian.com/world/2025/mar/10/x',
      ),
    ).toBe('https://www.theguardian.com/world/2025/mar/10/x');
    expect(canonicalUrl('https://en.m.wikipedia.org/wiki/Paris', '/wiki/Paris')).toBe(
      'https://en.m.wikipedia.org/wiki/Paris',
    );
    expect(canonicalUrl('https://mobile.bbc.co.uk/news/x', 'https://www.bbc.co.uk/news/x')).toBe(
      'https://www.bbc.co.uk/news/x',
    );
  });

  it('upgrades an http canonical link of the same host on an https page', () => {
    expect(canonicalUrl('https://www.example.com/a', 'http://www.example.com/a')).toBe('https://www.example.com/a');
  });

  it('ignores a canonical link to another site or to the home page, folding AMP and mobile markers itself', () => {
    expect(canonicalUrl('https://www.example.com/news/a', 'https://other.org/a')).toBe(
      'https://www.example.com/news/a',
    );
    expect(canonicalUrl('https://www.example.com/news/a', 'https://www.example.com/')).toBe(
      'https://www.example.com/news/a',
    );
    expect(canonicalUrl('https://m.example.com/amp/news/a?amp=1&id=3', 'https://syndication.net/x')).toBe(
      'https://example.com/news/a?id=3',
    );
    expect(canonicalUrl('https://www.example.com/news/a.amp.html', 'javascript:void(0)')).toBe(
      'https://www.example.com/news/a.html',
    );
  });

  it('does not fold AMP and mobile variants without a canonical link (they may be other pages)', () => {
    expect(canonicalUrl('https://m.example.com/amp/a?amp=1')).toBe('https://m.example.com/amp/a?amp=1');
  });

  it('unwraps AMP cache addresses', () => {
    expect(canonicalUrl('https://www.google.com/amp/s/www.lemonde.fr/a.html')).toBe('https://www.lemonde.fr/a.html');
    expect(canonicalUrl('https://www-lemonde-fr.cdn.ampproject.org/c/s/www.lemonde.fr/a.html?utm_source=x')).toBe(
      'https://www.lemonde.fr/a.html',
    );
    expect(
      canonicalUrl(
        'https://www-lemonde-fr.cdn.ampproject.org/v/s/www.lemonde.fr/amp/a.html',
        'https://www.lemonde.fr/a.html',
      ),
    ).toBe('https://www.lemonde.fr/a.html');
  });

  it('leaves other schemes alone', () => {
    expect(canonicalUrl('  file:///home/me/page.html  ')).toBe('file:///home/me/page.html');
    expect(canonicalUrl('not a url')).toBe('not a url');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
        const once = canonicalUrl(url);
        expect(canonicalUrl(once)).toBe(once);
      }),
      { numRuns: 300 },
    );
  });

  it('groups hosts by site', () => {
    expect(siteOf('www.lemonde.fr')).toBe('lemonde.fr');
    expect(siteOf('news.bbc.co.uk')).toBe('bbc.co.uk');
    expect(siteOf('localhost')).toBe('localhost');
    expect(siteOf('127.0.0.1')).toBe('127.0.0.1');
  });
});

describe('itemId', () => {
  it('is 64-bit FNV-1a of the UTF-8 bytes', () => {
    // Reference values of FNV-1a 64.
    expect(
      fnv1a64('')
        .map((w) => w.toString(16).padStart(8, '0'))
        .join(''),
    ).toBe('cbf29ce484222325');
    expect(
      fnv1a64('a')
        .map((w) => w.toString(16).padStart(8, '0'))
        .join(''),
    ).toBe('af63dc4c8601ec8c');
    expect(
      fnv1a64('foobar')
        .map((w) => w.toString(16).padStart(8, '0'))
        .join(''),
    ).toBe('85944171f73967e8');
    expect(hash64Base36('é')).toBe(
      BigInt(
        '0x' +
          fnv1a64('é')
            .map((w) => w.toString(16).padStart(8, '0'))
            .join(''),
      )
        .toString(36)
        .padStart(13, '0'),
    );
  });

  it('is short, stable, and the same for every address of one article', () => {
    const id = itemId(canonicalUrl('https://www.lemonde.fr/a.html?utm_source=x#top'));
    expect(id).toMatch(/^[0-9a-z]{13}$/);
    expect(id).toBe(itemId('https://www.lemonde.fr/a.html'));
    expect(id).toBe('3c64ldxie4c1i'); // stored everywhere: must never change
    expect(itemId('https://www.lemonde.fr/b.html')).not.toBe(id);
  });
});
