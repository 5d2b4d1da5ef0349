// Firefox reads a page from its markup (core/reader/snapshot.ts): the page's browser serializes its tree (scripting
// on), the extension page parses it back with DOMParser (scripting off). Here parse5 stands in for the browser's
// serializer (parsed and serialized with scripting on, as `outerHTML` is) and jsdom for DOMParser (scripting off,
// in a page at the extension's address); the tree must be the one the CLI builds (cli/load.ts, which the parity
// test holds to Chromium's and Firefox's), and the article the engine's on the page itself.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { html as spec, parse, serialize, type DefaultTreeAdapterMap } from 'parse5';
import { beforeAll, describe, expect, test, vi } from 'vitest';
import { parseHtml } from '../../../cli/load.ts';
import { extractArticle } from '../../../core/reader/extract.ts';
import { documentFromSnapshot, noscriptAsText, type PageSnapshot } from '../../../core/reader/snapshot.ts';
import { articlePage } from '../../support/dom.ts';

const EXTENSION_PAGE = new JSDOM('', { url: 'moz-extension://0b1c/popup.html' }).window;
const domParser = (markup: string) => new EXTENSION_PAGE.DOMParser().parseFromString(markup, 'text/html');

/** What a browser's `document.documentElement.outerHTML` gives for this page, and its compatibility mode. */
function serialized(html: string): { html: string; quirks: boolean } {
  const doc = parse(html, { scriptingEnabled: true });
  const root = doc.childNodes.find((n) => n.nodeName === 'html') as DefaultTreeAdapterMap['element'];
  const attrs = root.attrs.map((a) => ` ${a.name}="${a.value.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`);
  return {
    html: `<html${attrs.join('')}>${serialize(root, { scriptingEnabled: true })}</html>`,
    quirks: doc.mode === spec.DOCUMENT_MODE.QUIRKS,
  };
}

function snapshotOf(html: string, url: string, baseUrl = url): PageSnapshot {
  return { ...serialized(html), url, baseUrl, readyState: 'complete', contentType: 'text/html' };
}

const FIXTURES = join(import.meta.dirname, '../../fixtures');

const bytes = (html: string) => new TextEncoder().encode(html);

describe('noscriptAsText', () => {
  test("a <noscript>'s markup becomes its text; the head's is emptied", () => {
    expect(
      noscriptAsText(
        '<html><head><noscript><img src="p.gif"></noscript></head><body><noscript><img src="a&amp;b.jpg"></noscript></body></html>',
      ),
    ).toBe(
      '<html><head><noscript></noscript></head><body><noscript>&lt;img src="a&amp;amp;b.jpg"&gt;</noscript></body></html>',
    );
  });

  test('"<noscript>" in a script, a style, a comment or an attribute is left alone', () => {
    const html =
      '<html><head><script>document.write("<noscript><b>x</b></noscript>")</script><style>a::after{content:"<noscript>"}</style></head>' +
      '<body><!-- <noscript><i>y</i></noscript> --><p title="<noscript><i>z</i>">text</p><textarea>&lt;noscript&gt;</textarea></body></html>';
    expect(noscriptAsText(html)).toBe(html);
  });
});

describe('documentFromSnapshot gives the tree the page has', () => {
  const cases: Record<string, string> = {
    "a tracking pixel's <noscript> in the head": `<!doctype html><html><head><meta charset="utf-8"><noscript><img src="https://t.example/p.gif"></noscript>
      <link rel="canonical" href="/story"><meta name="author" content="Ann Lee"></head><body><p>Text</p></body></html>`,
    "a lazy image's <noscript> fallback in the body": `<!doctype html><html><body><figure><img data-src="a.jpg"><noscript><img src="a.jpg" alt="A"></noscript></figure><p>x</p></body></html>`,
    'quirks mode (no doctype): a table inside an open paragraph': `<html><body><p>Before<table><tr><td>cell</td></tr></table>after</p></body></html>`,
    'standards mode: the table closes the paragraph': `<!DOCTYPE html><html><body><p>Before<table><tr><td>cell</td></tr></table>after</p></body></html>`,
    'templates, SVG and MathML': `<!doctype html><html lang="fr"><body><template><p>t<noscript><b>n</b></noscript></template><svg><style>a{}</style><title>Chart</title></svg><math><mi>x</mi></math></body></html>`,
  };
  test.each(Object.entries(cases))('%s', (_, html) => {
    const url = 'https://news.example/a';
    const reparsed = documentFromSnapshot(snapshotOf(html, url), domParser);
    const cli = parseHtml(bytes(html), url);
    expect(reparsed.documentElement.outerHTML).toBe(cli.documentElement.outerHTML);
    expect(reparsed.compatMode).toBe(cli.compatMode);
  });
});

describe('the engine on a snapshot gives the article it gives on the page', () => {
  // The sanitizer takes the extension page's window, the DOMParser document having none.
  beforeAll(() => void vi.stubGlobal('window', EXTENSION_PAGE));
  const links =
    '<p>See <a href="#notes">the notes</a>, <a href="/city/budget">the budget</a> and <a href="other.html">more</a>.</p>' +
    '<figure><img src="images/vote.jpg" alt="The vote"></figure><h2 id="notes">Notes</h2><p>Figures from the city.</p>';
  const pages: [name: string, html: string, base: string | undefined][] = [
    ['relative links and images, "#anchor" links kept', articlePage(links), undefined],
    [
      'a <base> in the head',
      articlePage(links).replace('<head>', '<head><base href="https://cdn.example/news/">'),
      'https://cdn.example/news/',
    ],
    ...readdirSync(FIXTURES).map((name): [string, string, undefined] => [
      `fixture ${name}`,
      readFileSync(join(FIXTURES, name, 'source.html'), 'utf8'),
      undefined,
    ]),
  ];
  test.each(pages)('%s', (_, html, base) => {
    const url = 'https://news.example/2026/budget.html';
    const onPage = extractArticle(parseHtml(bytes(html), url), url);
    const snapshot = snapshotOf(html, url, base ?? url);
    const reparsed = extractArticle(documentFromSnapshot(snapshot, domParser), url, { baseUrl: snapshot.baseUrl });
    expect(onPage.ok).toBe(true);
    expect(reparsed).toEqual(onPage);
  });
});
