import { describe, expect, test } from 'vitest';
import { JSDOM } from 'jsdom';
import { declaresArticle, looksLikeArticle } from '../../../core/reader/readerable.ts';

const page = (head: string, body: string) =>
  new JSDOM(`<!doctype html><html><head>${head}</head><body>${body}</body></html>`).window.document;
const visible = () => true;
/** A news story in short paragraphs (one or two sentences, under Readability's 140 characters each). */
const SHORT_PARAGRAPHS = Array.from(
  { length: 6 },
  (_, i) =>
    `<p>Paragraph ${i + 1}: the label said the deal was done, and the singer thanked her fans for their support.</p>`,
).join('');
const OG_ARTICLE = '<meta property="og:type" content="article">';

describe("looksLikeArticle: Readability's check, or a page that says it is an article and has prose", () => {
  test('news in short paragraphs that says it is an article is one (Readability alone turns it away)', () => {
    expect(looksLikeArticle(page(OG_ARTICLE, `<div><h1>Deal done</h1>${SHORT_PARAGRAPHS}</div>`), visible)).toBe(true);
    expect(looksLikeArticle(page('', `<div><h1>Deal done</h1>${SHORT_PARAGRAPHS}</div>`), visible)).toBe(false);
  });

  test('a page that says it is an article but has no prose (a video, a gallery) is not one', () => {
    const gallery = '<ul>' + '<li><a href="/p">Photo</a></li>'.repeat(30) + '</ul>';
    expect(looksLikeArticle(page(OG_ARTICLE, gallery), visible)).toBe(false);
  });

  test('prose in navigation, header or footer, or hidden, does not count', () => {
    const nav = `<nav>${SHORT_PARAGRAPHS}</nav><footer>${SHORT_PARAGRAPHS}</footer><div><p hidden>${'x'.repeat(500)}</p></div>`;
    const isVisible = (node: Node) => !(node as Element).hasAttribute('hidden');
    expect(looksLikeArticle(page(OG_ARTICLE, nav), isVisible)).toBe(false);
  });
});

describe('declaresArticle', () => {
  const ld = (data: unknown) => `<script type="application/ld+json">${JSON.stringify(data)}</script>`;
  test.each([
    ['og:type article', OG_ARTICLE],
    ['a NewsArticle', ld({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline: 'H' })],
    ['a BlogPosting in a list', ld([{ '@type': 'Organization' }, { '@type': 'BlogPosting' }])],
    [
      'a ReportageNewsArticle in @graph',
      ld({ '@graph': [{ '@type': 'WebSite' }, { '@type': ['ReportageNewsArticle'] }] }),
    ],
    ["an Article as the WebPage's main entity", ld({ '@type': 'WebPage', mainEntity: { '@type': 'Article' } })],
  ])('%s: yes', (_, head) => expect(declaresArticle(page(head, ''))).toBe(true));

  test.each([
    ['og:type website', '<meta property="og:type" content="website">'],
    ['a home page listing its stories', ld({ '@type': 'ItemList', itemListElement: [{ '@type': 'NewsArticle' }] })],
    ['broken JSON-LD', '<script type="application/ld+json">{"@type": "Article",</script>'],
    ['nothing', ''],
  ])('%s: no', (_, head) => expect(declaresArticle(page(head, ''))).toBe(false));
});

test('text written as lines between <br>s counts as prose', () => {
  const lines = Array.from(
    { length: 8 },
    (_, i) => `Deal ${i + 1}: a console controller at half price until Sunday.<br>`,
  ).join('');
  const doc = new JSDOM(
    `<html><head><meta property="og:type" content="article"></head><body><section>${lines}</section></body></html>`,
  ).window.document;
  expect(looksLikeArticle(doc, () => true)).toBe(true);
});
