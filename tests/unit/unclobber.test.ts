// DOM clobbering of a form's tree properties: in a browser, Readability alone loops forever on a form whose
// control is named "parentNode" (tests/e2e/hostile.e2e.ts shows it in Chromium; jsdom does not clobber). The
// extraction turns forms into divs first: here, that what they wrap is still the article, and how the div is made.
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../core/extract.ts';
import { measureTree, unwrapForms } from '../../core/unclobber.ts';
import { page } from './dom.ts';

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

  it('keeps the form’s attributes and children in order on the div that replaces it', () => {
    const doc = page('<body><form id="f" class="wrap"><input name="parentNode"><p>one</p><p>two</p></form></body>');
    expect(unwrapForms(doc)).toBe(1);
    const div = doc.getElementById('f')!;
    expect(div.localName).toBe('div');
    expect(div.className).toBe('wrap');
    expect(Array.from(div.children, (c) => c.localName)).toEqual(['input', 'p', 'p']);
    expect(doc.querySelector('form')).toBeNull();
  });
});

describe('measureTree', () => {
  it('counts elements and depth, and stops past a limit', () => {
    const doc = page('<body><div><p><b>x</b></p><p>y</p></div><ul><li>z</li></ul></body>');
    const all = doc.getElementsByTagName('*').length;
    expect(measureTree(doc.documentElement, 1000, 1000)).toEqual({ elements: all, depth: 4 }); // html>body>div>p>b
    expect(measureTree(doc.documentElement, 3, 1000).elements).toBe(4);
    expect(measureTree(doc.documentElement, 1000, 2).depth).toBe(3);
  });
});
