// What the sanitizer and the extraction let load: url() however CSS escapes spell it, srcset candidates one by
// one, and no image the page itself did not declare (Readability's lazy-image "recovery" included).
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { extractArticle, sanitizeHtml, sanitizeInPlace } from '../../../core/reader/index.ts';
import { cssValue, safeSrcset } from '../../../core/reader/sanitize.ts';
import { proseOf } from '../../hostile/page.ts';
import { VECTORS } from '../../hostile/vectors.ts';

const doc = () => new JSDOM('').window.document;
const clean = (html: string) => {
  const root = doc().createElement('div');
  root.innerHTML = sanitizeHtml(html, doc());
  return root;
};

describe('CSS escapes', () => {
  it.each([
    ['u\\72l(', 'url('],
    ['u\\000072l(', 'url('],
    ['u\\000072 l(', 'url('],
    ['u\\rl(', 'url('],
    ['\\55 \\52 \\4c (', 'URL('],
    ['u/**/rl(', 'url('],
    ['\\75\r\n\\72 l(', 'url('],
    ['url(#local)', 'url(#local)'],
  ])('%j reads as %j', (written, read) => expect(cssValue(written)).toBe(read));

  it.each([
    'u\\72l(/x.svg#f)',
    'u\\000072l(/x.svg#f)',
    'u\\rl(/x.svg#f)',
    '\\55 \\52 \\4c (/x.svg#f)',
    'u/**/rl(/x.svg#f)',
    'URL( "/x.svg#f" )',
  ])('drops %j from every presentation attribute that can carry a URL', (value) => {
    const attrs = ['fill', 'stroke', 'filter', 'clip-path', 'mask', 'marker-start', 'marker-mid', 'marker-end'];
    const svg = `<svg>${attrs.map((a) => `<path d="M0 0" ${a}="${value.replaceAll('"', '&quot;')}"></path>`).join('')}</svg>`;
    const root = clean(svg);
    const paths = root.querySelectorAll('path');
    expect(paths).toHaveLength(attrs.length);
    paths.forEach((path, i) => expect(path.getAttribute(attrs[i]!), attrs[i]).toBeNull());
  });

  it('keeps local references and plain colours', () => {
    const root = clean('<svg><path d="M0 0" fill="url(#g)" stroke="red"></path></svg>');
    expect(root.querySelector('path')?.getAttribute('fill')).toBe('url(#g)');
    expect(root.querySelector('path')?.getAttribute('stroke')).toBe('red');
  });
});

describe('srcset', () => {
  it('checks every candidate, not just the first', () => {
    expect(safeSrcset('a.jpg 1x, javascript:alert(1) 2x, b.jpg 3x')).toBe('a.jpg 1x, b.jpg 3x');
    expect(safeSrcset('a.jpg 480w, vbscript:x 800w')).toBe('a.jpg 480w');
    expect(safeSrcset('java\tscript:x 1x, /b.jpg 2x')).toBe('/b.jpg 2x'); // "java" with a bad descriptor
    expect(safeSrcset('data:image/png;base64,AAAA 1x, https://e.example/a,b.jpg 2x')).toBe(
      'data:image/png;base64,AAAA 1x, https://e.example/a,b.jpg 2x',
    );
    expect(safeSrcset('javascript:x')).toBe('');
  });

  it('in the sanitizer: a javascript: candidate in the middle is gone, the others stay', () => {
    const img = clean('<img src="a.jpg" srcset="a.jpg 1x, javascript:alert(1) 2x, b.jpg 3x">').querySelector('img');
    expect(img?.getAttribute('srcset')).toBe('a.jpg 1x, b.jpg 3x');
    const only = clean('<img src="a.jpg" srcset="a.jpg 1x, data:text/html,x 2x">').querySelector('img');
    expect(only?.getAttribute('srcset')).toBe('a.jpg 1x');
  });

  // The candidates are filtered before DOMPurify checks the value: a bad first candidate costs only itself.
  it('in place: a bad first candidate, spaces around, an url() in an id', () => {
    const page = doc();
    const root = page.createElement('div');
    root.innerHTML = '<img id="url(http://t.example/x)" alt="" srcset=" javascript:x 1x, b.jpg 2x " src="a.jpg">';
    sanitizeInPlace(root, page);
    const img = root.querySelector('img')!;
    expect(img.getAttribute('srcset')).toBe('b.jpg 2x');
    expect(img.getAttribute('id')).toBeNull();
    expect(img.getAttribute('alt')).toBe('');
  });
});

describe('images the page did not declare', () => {
  const ORIGIN = 'http://127.0.0.1:8000';
  const TRACKER = 'http://127.0.0.2:9/t.gif?uid=42';
  const PLACEHOLDER = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';

  function article(figures: string, head = ''): Element {
    const prose = proseOf(VECTORS[0]!).paragraphs;
    const html = `<!DOCTYPE html><html><head><title>T</title>${head}</head><body><article><h1>T</h1>
      <p>${prose[0]}</p>${figures}<p>${prose[1]}</p><p>${prose[2]}</p><p>${prose[3]}</p></article></body></html>`;
    const url = `${ORIGIN}/news/a/`;
    const page = new JSDOM(html, { url }).window.document;
    const result = extractArticle(page, url);
    if (!result.ok) throw new Error(result.message);
    const root = doc().createElement('div');
    root.innerHTML = result.article.contentHtml;
    return root;
  }
  const sources = (root: Element) =>
    Array.from(root.querySelectorAll('img'), (img) => [img.getAttribute('src'), img.getAttribute('srcset')]);

  it.each([
    ['data-src on a placeholder', `<figure><img src="${PLACEHOLDER}" data-src="${TRACKER}" alt="a"></figure>`],
    ['data-original', `<figure><img data-original="${TRACKER}" alt="a"></figure>`],
    ['data-srcset', `<figure><img src="${PLACEHOLDER}" data-srcset="${TRACKER} 2x" alt="a"></figure>`],
    ['<figure data-src>', `<figure data-src="${TRACKER}"><figcaption>Caption</figcaption></figure>`],
    ['same origin data-src', `<figure><img src="${PLACEHOLDER}" data-src="/img/lazy.jpg" alt="a"></figure>`],
  ])('%s: no image loads from the recovered address', (_name, figure) => {
    const root = article(figure);
    for (const [src, srcset] of sources(root)) {
      expect(src ?? '').not.toContain('127.0.0.2');
      expect(src ?? '').not.toContain('lazy.jpg');
      expect(srcset ?? '').toBe('');
    }
  });

  it('keeps the images the page declares, and only the srcset candidates it declares', () => {
    const root = article(
      `<figure><img src="/img/a.jpg" srcset="/img/a.jpg 1x, /img/a2.jpg 2x" data-srcset="${TRACKER} 3x" alt="a"></figure>`,
    );
    expect(sources(root)).toEqual([[`${ORIGIN}/img/a.jpg`, `${ORIGIN}/img/a.jpg 1x, ${ORIGIN}/img/a2.jpg 2x`]]);
  });

  it("reads relative addresses against the page's <base>, and finds images in forms and <picture> sources", () => {
    const root = article(
      `<form><figure><img src="b.jpg" alt="b"></figure></form>
       <figure><picture><source srcset="c.webp 1x"><img src="${PLACEHOLDER}" srcset="c.webp 1x" data-srcset="${TRACKER} 2x" alt="c"></picture></figure>`,
      '<base href="http://127.0.0.1:8000/media/">',
    );
    expect(sources(root)).toEqual([
      [`${ORIGIN}/media/b.jpg`, null],
      [null, `${ORIGIN}/media/c.webp 1x`], // Readability drops the placeholder src once a srcset is there
    ]);
  });
});
