import { describe, expect, test } from 'vitest';
import { asBrowsersParse, parseHtml } from '../../../cli/load.ts';
import { compareExtractions, type Extraction } from '../../support/parity.ts';

const bytes = (html: string) => new TextEncoder().encode(html);

describe('parseHtml builds the tree a browser builds (the scripting flag on, as in every browser)', () => {
  test("a tracking pixel's <noscript> in the head does not end the head: the metadata after it stays there", () => {
    const doc = parseHtml(
      bytes(`<!doctype html><html><head><meta charset="utf-8"><noscript><img src="https://t.example/p.gif"></noscript>
        <link rel="canonical" href="/story"><meta name="author" content="Ann Lee"></head><body><p>Text</p></body></html>`),
      'https://news.example/a',
    );
    expect(doc.head.querySelector('link[rel="canonical"]')).not.toBeNull();
    expect(doc.head.querySelector('meta[name="author"]')).not.toBeNull();
    expect(doc.body.querySelector('img, link, meta')).toBeNull();
  });

  test("a <noscript> in the body holds its fallback as text, as a browser's does, not as elements", () => {
    const doc = parseHtml(
      bytes('<p>Story</p><noscript><p>Please enable JavaScript</p></noscript>'),
      'https://x.example/',
    );
    const noscript = doc.querySelector('noscript')!;
    expect(noscript.children).toHaveLength(0);
    expect(noscript.textContent).toBe('<p>Please enable JavaScript</p>');
  });

  test('a page in quirks mode stays in quirks mode (a <table> does not close the open <p> there)', () => {
    const doc = parseHtml(bytes('<p>Before<table><tr><td>cell</td></tr></table>'), 'https://x.example/');
    expect(doc.compatMode).toBe('BackCompat');
    expect(doc.querySelector('p > table')).not.toBeNull();
    const standard = parseHtml(
      bytes('<!doctype html><p>Before<table><tr><td>cell</td></tr></table>'),
      'https://x.example/',
    );
    expect(standard.compatMode).toBe('CSS1Compat');
    expect(standard.querySelector('p > table')).toBeNull();
  });

  test('the rest of the markup comes back unchanged: template contents, attributes, text', () => {
    const html =
      '<!DOCTYPE html><html><head></head><body><template><noscript>x</noscript><b>t</b></template><p class="a" data-x="1">Tom &amp; Jerry</p></body></html>';
    expect(asBrowsersParse(html)).toBe(html);
  });
});

describe('compareExtractions', () => {
  const article = (text: string, byline: string | null = null): Extraction => ({
    ok: true,
    article: {
      url: 'u', canonicalUrl: null, title: 'T', byline, siteName: null, lang: 'en', dir: null, publishedTime: null,
      lede: null, publisherSummary: null, contentHtml: '', text, wordCount: text.split(/\s+/).length,
      readingTimeMinutes: 1, removed: [],
    }, // prettier-ignore
  });

  test('agrees on identical extractions', () => {
    expect(compareExtractions(article('One.\n\nTwo.'), article('One.\n\nTwo.'))).toEqual([]);
  });

  test('names each differing field, and the first line where the texts part', () => {
    const found = compareExtractions(article('One.\n\nTwo.', 'Ann'), article('One.\n\nThree more.', null));
    expect(found.map((d) => d.field)).toEqual(['byline', 'text', 'wordCount']);
    expect(found[1]).toEqual({ field: 'text', browser: 'line 3: Two.', node: 'line 3: Three more.' });
  });

  test('an article on one side only, or failures for different reasons, differ; the same failure does not', () => {
    const fail = (reason: string): Extraction => ({ ok: false, reason, message: reason });
    expect(compareExtractions(article('x'), fail('empty'))).toMatchObject([{ field: 'ok' }]);
    expect(compareExtractions(fail('empty'), fail('too-large'))).toMatchObject([{ field: 'ok' }]);
    expect(compareExtractions(fail('empty'), fail('empty'))).toEqual([]);
  });
});
