import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../core/reader/index.ts';
import {
  choseElsewhere,
  declaredContainer,
  declaredArticleText,
  keptLittleOf,
} from '../../../core/reader/declared-container.ts';
import { page } from '../../support/dom.ts';

// What the page's survey gives the extraction (unclobber.ts), found here by the selector.
const marked = (doc: Document) => [...doc.querySelectorAll('[itemprop~="articleBody"]')];
const has = (doc: Document) => ({ articleBodies: marked(doc), article: true });

const PROSE = (topic: string, n: number) =>
  Array.from(
    { length: n },
    (_, i) =>
      `<p>${topic} ${i + 1}: the regional council met on Tuesday to discuss the new tram line, the budget for the ` +
      `schools and the rules for parking in the old town, and voted after a long and sometimes heated debate.</p>`,
  ).join('\n');

describe('declaredContainer', () => {
  it("takes the page's articleBody, the largest when there are several", () => {
    const doc = page(`<html><head><title>T</title></head><body>
      <div itemprop="articleBody" id="small">${PROSE('small', 3)}</div>
      <div itemprop="articleBody" id="big">${PROSE('big', 6)}</div></body></html>`);
    expect(declaredContainer(doc, ['T'], has(doc))?.id).toBe('big');
  });

  it('takes the <article> headed by the title among several articles', () => {
    const doc = page(`<html><body>
      <article id="next"><h2>The next story of the feed</h2>${PROSE('next', 5)}</article>
      <article id="this"><h1>Council votes the tram budget</h1>${PROSE('this', 4)}</article></body></html>`);
    expect(declaredContainer(doc, ['Council votes the tram budget | City News'], has(doc))?.id).toBe('this');
  });

  it('takes the only <article>, and nothing from a page of many untitled cards or of short teasers', () => {
    const one = page(`<html><body><article id="a">${PROSE('a', 4)}</article></body></html>`);
    expect(declaredContainer(one, ['Whatever title'], has(one))?.id).toBe('a');
    const cards = page(
      `<html><body><article>${PROSE('a', 4)}</article><article>${PROSE('b', 4)}</article></body></html>`,
    );
    expect(declaredContainer(cards, ['Whatever title'], has(cards))).toBeNull();
    const teaser = page(`<html><body><article><h2>Whatever title</h2><p>Short.</p></article></body></html>`);
    expect(declaredContainer(teaser, ['Whatever title'], has(teaser))).toBeNull();
  });
});

describe('declaredArticleText', () => {
  it('is the text of every part the page marks as articleBody, of the container alone otherwise', () => {
    const doc = page(`<html><body><div itemprop="articleBody" id="a">First part.</div><p>Between.</p>
      <section itemprop="articleBody">Second <span itemprop="articleBody">part</span>.</section>
      <article id="b">An article.</article></body></html>`);
    expect(declaredArticleText(doc.getElementById('a')!, marked(doc))).toBe('First part.\nSecond part.');
    expect(declaredArticleText(doc.getElementById('b')!, marked(doc))).toBe('An article.');
  });
});

describe('choseElsewhere and keptLittleOf', () => {
  const inside =
    'The council met on Tuesday to discuss the tram line and the budget.\nIt voted late at night after debate.';
  it('is true when most of the chosen text is not in the container', () => {
    expect(choseElsewhere(['Donate now to support our work and our campaigns this year.'], inside)).toBe(true);
    const inAndOut = (outside: string) => ['The council met on Tuesday to discuss the tram line', outside];
    // 51 characters inside, 59 outside: elsewhere; 51 inside, 47 outside: not.
    expect(choseElsewhere(inAndOut('Donate now to support our work and our campaigns this year.'), inside)).toBe(true);
    expect(choseElsewhere(inAndOut('Donate now to support our work and our campaigns'), inside)).toBe(false);
  });
  it('is false when the chosen text lies in the container, whatever its spacing and case', () => {
    expect(choseElsewhere(['the council MET on Tuesday   to discuss the tram line and the budget.'], inside)).toBe(
      false,
    );
  });
  it('ignores short blocks (dates, labels) and says nothing on an empty choice', () => {
    expect(choseElsewhere(['12 May 2024', 'Share'], inside)).toBe(false);
  });
  it('says when the choice is a small part of the container', () => {
    expect(keptLittleOf('x'.repeat(20), 'y'.repeat(100))).toBe(true);
    expect(keptLittleOf('x'.repeat(40), 'y'.repeat(100))).toBe(false);
  });
});

describe('extractArticle with a declared article', () => {
  it('keeps the whole article when the page marks several parts of it as articleBody', () => {
    // Swiss papers mark some blocks so, not all; Readability rightly takes the whole story around them.
    const marked = (topic: string) => `<div itemprop="articleBody">${PROSE(topic, 3)}</div>`;
    const html = `<html><head><title>Council votes the tram budget</title></head><body><main>
      <h1>Council votes the tram budget</h1>${marked('Lead')}${PROSE('Body', 4)}${marked('Tail')}</main></body></html>`;
    const result = extractArticle(page(html), 'https://news.example/tram', { force: true });
    expect(result.ok && result.article.text).toContain('Body 4: the regional council');
    expect(result.ok && result.article.text).toContain('Lead 1: the regional council');
  });

  it("reads the page's own article when Readability would take a bigger box outside it", () => {
    // A long donation appeal outside the article outscores the short article for Readability alone.
    const appeal = Array.from(
      { length: 8 },
      (_, i) =>
        `<p>Appeal ${i + 1}, support our association, give what you can, every gift counts, join us, sign the ` +
        `petition, share it with your friends, your family and your colleagues, thank you very much, really.</p>`,
    ).join('');
    const html = `<html><head><title>Council votes the tram budget</title></head><body>
      <div class="appeal">${appeal}</div>
      <article><h1>Council votes the tram budget</h1>${PROSE('Article', 3)}</article></body></html>`;
    const result = extractArticle(page(html), 'https://news.example/tram', { force: true });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.article.text).toContain('Article 1: the regional council');
    expect(result.article.text).not.toContain('Appeal 1');
  });
});
