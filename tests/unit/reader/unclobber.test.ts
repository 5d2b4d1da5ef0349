// DOM clobbering of a form's tree properties: in a browser, Readability alone loops forever on a form whose
// control is named "parentNode" (tests/e2e/hostile.e2e.ts shows it in Chromium; jsdom does not clobber). The
// extraction turns forms into divs first: here, that what they wrap is still the article, and how the div is made.
import { Readability } from '@mozilla/readability';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../core/reader/extract.ts';
import { copyPage, surveyPage } from '../../../core/reader/unclobber.ts';
import { articlePage, page } from '../../support/dom.ts';

const PARAGRAPHS = Array.from(
  { length: 6 },
  (_, i) =>
    `<p>Paragraph ${i + 1} of the article carries enough words about the council budget, the vote and the reasons given by each side to count as real text for Readability.</p>`,
).join('\n');

describe('forms whose controls shadow the tree', () => {
  it.each(['parentNode', 'firstChild', 'childNodes', 'attributes', 'nextSibling', 'parentElement'])(
    'a page wrapped in <form> with a control named %s still gives its article',
    (name) => {
      const doc = page(
        `<html><head><title>Budget vote</title></head><body><form id="page"><input name="${name}"><article><h1>Budget vote</h1>${PARAGRAPHS}</article></form></body></html>`,
      );
      const result = extractArticle(doc, 'https://news.example/budget');
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.article.text).toContain('Paragraph 1 of the article');
      expect(result.article.text).toContain('Paragraph 6 of the article');
      expect(result.article.contentHtml).not.toMatch(/<form|<input/);
      expect(doc.querySelector('form')).not.toBeNull(); // the page itself is untouched
    },
  );

  it('keeps the form’s attributes and children in order on the div that replaces it in the copy', () => {
    const doc = page('<body><form id="f" class="wrap"><input name="parentNode"><p>one</p></form><p>after</p></body>');
    const inner = doc.createElement('form'); // nested forms only come from scripts: the parser ignores them
    inner.id = 'inner';
    inner.innerHTML = '<p>two</p>';
    doc.getElementById('f')!.append(inner);
    const copy = copyPage(doc, surveyPage(doc.documentElement, 1000, 1000));
    const div = copy.getElementById('f')!;
    expect(div.localName).toBe('div');
    expect(div.className).toBe('wrap');
    expect(Array.from(div.children, (c) => c.localName)).toEqual(['input', 'p', 'div']);
    expect(copy.getElementById('inner')!.localName).toBe('div');
    expect(copy.body.lastElementChild!.textContent).toBe('after');
    expect(copy.querySelector('form')).toBeNull();
    expect(doc.querySelectorAll('form')).toHaveLength(2); // the page keeps its forms
  });
});

describe('surveyPage', () => {
  it('counts elements and depth, and stops past a limit', () => {
    const doc = page('<body><div><p><b>x</b></p><p>y</p></div><ul><li>z</li></ul></body>');
    const all = doc.getElementsByTagName('*').length;
    expect(surveyPage(doc.documentElement, 1000, 1000)).toMatchObject({ elements: all, depth: 4 }); // html>body>div>p>b
    expect(surveyPage(doc.documentElement, 3, 1000).elements).toBe(4);
    expect(surveyPage(doc.documentElement, 1000, 2).depth).toBe(3);
  });

  it('finds the scripts and style elements to leave out, and the forms', () => {
    const doc = page(
      '<head><style>p{}</style><script type="application/ld+json">{}</script><script type="Application/LD+JSON; charset=utf-8">{}</script></head><body><script>1</script><form id="a"><script type="module">2</script></form><svg><style>.x{}</style><script>3</script></svg><form id="b"></form></body>',
    );
    const survey = surveyPage(doc.documentElement, 1000, 1000);
    expect(survey.dropped.map((el) => el.localName)).toEqual(['style', 'script', 'script', 'style', 'script']);
    expect(survey.forms.map((el) => el.id)).toEqual(['a', 'b']);
  });

  it("notes the page's img and source elements, in forms and pictures too", () => {
    const doc = page(
      '<body><img id="a"><form><img id="b"></form><picture><source id="c"><img id="d"></picture><template><img id="e"></template></body>',
    );
    expect(surveyPage(doc.documentElement, 1000, 1000).images.map((el) => el.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('notes the styled elements and the articleBody candidates by their attributes in no namespace', () => {
    const doc = page(
      '<body><div id="a" style="color: red"><p id="b" itemprop="name articleBody">x</p></div><form id="c" style="x"></form><template id="d" style="x"></template><svg><g id="e" xlink:href="#s" style="x"></g></svg><p id="f" itemprop="articleBodyX">y</p><p id="g" class="style itemprop">z</p></body>',
    );
    // Set by a script: the same names in a namespace, without a prefix, are other attributes.
    doc.getElementById('g')!.setAttributeNS('urn:x', 'style', 'x');
    doc.getElementById('g')!.setAttributeNS('urn:x', 'itemprop', 'articleBody');
    const survey = surveyPage(doc.documentElement, 1000, 1000);
    expect(survey.styled.map((el) => el.id)).toEqual(['a', 'e']); // a form becomes a div, a template stays whole
    expect(survey.articleBodies.map((el) => el.id)).toEqual(['b']);
  });
});

describe('copyPage', () => {
  const html = `<!DOCTYPE html><html lang="fr"><head><title>T</title><style>p{color:red}</style><link rel="stylesheet" href="s.css">
<noscript><link rel="stylesheet" href="n.css"></noscript><meta name="author" content="A"><link rel="canonical" href="/c">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"H"}</script><script>var a = 1;</script></head>
<body class="b"><!-- note --><div id="outer"><section><script src="x.js"></script><p>One <b>bold</b></p>
<style>.x{}</style><div id="f"><script>1</script><p>In a div</p></div></section>
<script type="module">2</script><p data-x="1">Two</p></div><img src="lazy.gif"><noscript><img src="n.jpg"></noscript>
<link itemprop="url" href="/u"></body></html>`;
  // What Readability reads of a page: the same tree without the scripts other than JSON-LD, the style elements, and
  // the head's links and noscripts (the body's are kept: a noscript there may hold the real image of the one before).
  const readabilityView = (doc: Document) => {
    const copy = doc.cloneNode(true) as Document;
    copy
      .querySelectorAll('style, script:not([type="application/ld+json"]), head > link, head > noscript')
      .forEach((el) => el.remove());
    return copy.documentElement.outerHTML;
  };

  it('is the page without its scripts and style elements, everything else in place', () => {
    const doc = page(html);
    const before = doc.documentElement.outerHTML;
    const copy = copyPage(doc, surveyPage(doc.documentElement, 1000, 1000));
    expect(copy).not.toBe(doc);
    expect(copy.documentElement.outerHTML).toBe(readabilityView(doc));
    expect(copy.querySelector('script[type="application/ld+json"]')?.textContent).toContain('NewsArticle');
    expect(copy.querySelectorAll('script, style')).toHaveLength(1);
    expect(copy.head.querySelectorAll('link, noscript')).toHaveLength(0);
    expect(copy.querySelector('meta[name="author"]')).not.toBeNull();
    expect(copy.body.querySelectorAll('noscript, link')).toHaveLength(2);
    expect(copy.doctype?.name).toBe('html');
    expect(copy.URL).toBe(doc.URL); // Readability resolves links against it
    expect(copy.compatMode).toBe(doc.compatMode);
    expect(doc.documentElement.outerHTML).toBe(before); // the page is untouched
    expect(copy.getElementById('outer')!.ownerDocument).toBe(copy);
  });

  it('leaves out style attributes, but for what Readability reads of them: whether the element is hidden', () => {
    const doc = page(`<body><div id="a" style="color: red; margin: 0 auto" class="k" data-src="x.jpg">A</div>
<p id="b" style="font-size: 2em; DISPLAY: NONE !important">B</p><span id="c" style="visibility:hidden;color:blue">C</span>
<p id="d" style="display: block">D</p><svg><linearGradient id="g" style="fill: red"><stop offset="0"/></linearGradient>
<use xlink:href="#g" style="display:none"/></svg><form id="f" style="display:none"><p>in form</p></form></body>`);
    const copy = copyPage(doc, surveyPage(doc.documentElement, 1000, 1000));
    const a = copy.getElementById('a')!;
    expect(a.hasAttribute('style')).toBe(false);
    expect([a.className, a.getAttribute('data-src'), a.textContent]).toEqual(['k', 'x.jpg', 'A']);
    expect(copy.getElementById('b')!.getAttribute('style')).toBe('display: none');
    expect(copy.getElementById('c')!.getAttribute('style')).toBe('visibility: hidden');
    expect(copy.getElementById('d')!.hasAttribute('style')).toBe(false);
    const gradient = copy.getElementById('g')!;
    expect([gradient.localName, gradient.namespaceURI]).toEqual(['linearGradient', 'http://www.w3.org/2000/svg']);
    expect(gradient.children).toHaveLength(1);
    const use = copy.querySelector('use')!;
    expect(use.getAttributeNS('http://www.w3.org/1999/xlink', 'href')).toBe('#g');
    expect((use as SVGElement).style.display).toBe('none');
    expect(copy.getElementById('f')!.outerHTML).toBe('<div id="f" style="display: none"><p>in form</p></div>');
    expect(doc.getElementById('a')!.getAttribute('style')).toBe('color: red; margin: 0 auto'); // the page keeps them
  });

  it('copies a page without scripts whole', () => {
    const doc = page('<html><body><p>Only <i>text</i></p></body></html>');
    expect(copyPage(doc, surveyPage(doc.documentElement, 1000, 1000)).documentElement.outerHTML).toBe(
      doc.documentElement.outerHTML,
    );
  });

  it('gives the article Readability gives on the whole page', () => {
    const doc = page(
      articlePage(
        '<script>document.title = 1</script><style>p { margin: 0 }</style><p style="color: red">Styled.</p><p style="display:none">Hidden.</p>',
      ).replace(
        '<head>',
        '<head><link rel="stylesheet" href="s.css"><script type="application/ld+json">{"@type":"NewsArticle","author":{"name":"Ann Lee"}}</script>',
      ),
    );
    const whole = new Readability(doc.cloneNode(true) as Document).parse();
    const copied = new Readability(copyPage(doc, surveyPage(doc.documentElement, 1000, 1000))).parse();
    expect(whole?.textContent).toContain('Styled.');
    expect(whole?.textContent).not.toContain('Hidden.');
    expect(copied).toEqual(whole);
  });
});
