// Huge, deep, broken and bodiless pages: each ends with an article or the right failure, in bounded time. The
// time each takes is printed, not asserted (timings move with the machine's load); the tests' own timeouts are
// only a guard against a hang.
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { extractArticle, type ExtractResult } from '../../../core/reader/index.ts';
import { DEFAULT_MAX_DEPTH, DEFAULT_MAX_ELEMENTS } from '../../../core/reader/extract.ts';
import { TimeBudgetExceeded, startDeadline } from '../../../core/reader/budget.ts';
import { tags, type CleanupRule } from '../../../core/reader/cleanup/rule.ts';
import { page } from '../../support/dom.ts';

const URL = 'https://news.example/2024/article.html';
const SENTENCE =
  'The city council approved a transitional budget on Tuesday night that funds the renovation of three schools, new protected bike lanes and a modest rise in downtown parking fees over the next two years.';
const PROSE = Array.from({ length: 6 }, (_, i) => `<p>Paragraph ${i + 1}. ${SENTENCE}</p>`).join('\n');

const articleHtml = (body: string, head = '') =>
  `<!DOCTYPE html><html lang="en"><head><title>Budget vote</title>${head}</head><body>` +
  `<nav><a href="/">Home</a> <a href="/city">City</a></nav><article><h1>Budget vote</h1>${body}</article>` +
  `<footer>Footer text</footer></body></html>`;

/** Tests about size and depth, not time, give the extraction this much (a loaded machine is slow). */
const ROOMY_MS = 600_000;

/** Runs the extraction, prints how long it took and what came out, and returns the result. */
function timed(what: string, run: () => ExtractResult): ExtractResult {
  const start = performance.now();
  const result = run();
  const ms = Math.round(performance.now() - start);
  const outcome = result.ok
    ? `article, ${result.article.text.length} characters`
    : `${result.reason}: ${result.message}`;
  console.log(`[hostile] ${what}: ${ms} ms -> ${outcome}`);
  return result;
}

function article(result: ExtractResult) {
  if (!result.ok) throw new Error(`expected an article, got ${result.reason}: ${result.message}`);
  return result.article;
}

describe('huge pages', () => {
  it('a 20 MB page: the whole article with room to run, and a small time budget stops it early', () => {
    // 5,000 paragraphs of about 4 KB: under the element limit, so every stage runs on 20 MB of text.
    const paragraph = (i: number) => `<p>Paragraph ${i}. ${`${SENTENCE} `.repeat(20)}<a href="/p/${i}">more</a></p>`;
    const html = articleHtml(Array.from({ length: 5_000 }, (_, i) => paragraph(i)).join('\n'));
    expect(html.length).toBeGreaterThan(20_000_000);
    const parseStart = performance.now();
    const doc = page(html, URL);
    console.log(`[hostile] parsing the 20 MB page in jsdom: ${Math.round(performance.now() - parseStart)} ms`);

    const full = article(timed('20 MB page', () => extractArticle(doc, URL, { timeBudgetMs: 120_000 })));
    expect(full.text.length).toBeGreaterThan(19_000_000);
    expect(full.text).toContain('Paragraph 0. The city council');
    expect(full.text).toContain('Paragraph 4999. The city council');
    expect(full.text).not.toContain('Footer text');

    const stopped = timed('20 MB page, 200 ms budget', () => extractArticle(doc, URL, { timeBudgetMs: 200 }));
    expect(stopped).toMatchObject({ ok: false, reason: 'too-slow' });
    if (!stopped.ok) expect(stopped.message).toMatch(/took too long.*limit is 200 ms/);
  }, 180_000);

  it('100,000 paragraphs: too large, before any work', () => {
    const doc = page(articleHtml('<p>Short paragraph.</p>'.repeat(100_000)), URL);
    const result = timed('100,000 paragraphs', () => extractArticle(doc, URL));
    expect(result).toMatchObject({ ok: false, reason: 'too-large' });
    if (!result.ok)
      expect(result.message).toBe(`This page is too large to clean up. (over ${DEFAULT_MAX_ELEMENTS} elements)`);
  }, 60_000);

  it('a page just under the element limit is not refused for its size', () => {
    const doc = page(articleHtml(PROSE + '<span>x</span>'.repeat(2_000)), URL);
    const count = doc.getElementsByTagName('*').length;
    expect(extractArticle(doc, URL, { maxElements: count - 1 })).toMatchObject({ ok: false, reason: 'too-large' });
    article(extractArticle(doc, URL, { maxElements: count, timeBudgetMs: ROOMY_MS }));
  }, 120_000);
});

describe('deep pages', () => {
  /** An article whose last paragraph sits `depth` levels below <html>. */
  const deepPage = (depth: number) => {
    const divs = depth - 3; // html > body > article > divs... > p
    return articleHtml(`${PROSE}${'<div>'.repeat(divs)}<p>Bottom. ${SENTENCE}</p>${'</div>'.repeat(divs)}`);
  };

  it('5,000 elements deep: too large (nesting), at once', () => {
    const doc = page(deepPage(5_000), URL);
    const result = timed('5,000 deep', () => extractArticle(doc, URL));
    expect(result).toMatchObject({ ok: false, reason: 'too-large' });
    if (!result.ok) expect(result.message).toContain(`nested over ${DEFAULT_MAX_DEPTH} levels deep`);
  }, 60_000);

  it('at the nesting limit: the article, deepest paragraph included (no stack overflow on the way)', () => {
    const doc = page(deepPage(DEFAULT_MAX_DEPTH), URL);
    const text = article(
      timed(`${DEFAULT_MAX_DEPTH} deep`, () => extractArticle(doc, URL, { timeBudgetMs: ROOMY_MS })),
    ).text;
    expect(text).toContain('Paragraph 1. The city council');
    expect(text).toContain(`Bottom. ${SENTENCE}`);
    // One level more is refused.
    const deeper = page(deepPage(DEFAULT_MAX_DEPTH + 1), URL);
    expect(extractArticle(deeper, URL)).toMatchObject({ ok: false, reason: 'too-large' });
  }, 60_000);
});

describe('pages without a body or without text', () => {
  it('a frameset: not an article, and nothing to read when forced', () => {
    const doc = page(
      '<!DOCTYPE html><html><head><title>Frames</title></head><frameset cols="50%,50%">' +
        '<frame src="/left.html"><frame src="/right.html"><noframes><p>Your browser has no frames.</p></noframes>' +
        '</frameset></html>',
      URL,
    );
    expect(doc.body?.tagName).toBe('FRAMESET');
    expect(timed('frameset', () => extractArticle(doc, URL))).toMatchObject({ ok: false, reason: 'not-article' });
    expect(extractArticle(doc, URL, { force: true })).toMatchObject({ ok: false, reason: 'empty' });
  });

  it('a page whose body a script removed', () => {
    const doc = page(articleHtml(PROSE), URL);
    doc.body.remove();
    expect(doc.body).toBeNull();
    expect(extractArticle(doc, URL)).toMatchObject({ ok: false, reason: 'empty' });
    expect(extractArticle(doc, URL, { force: true })).toMatchObject({ ok: false, reason: 'empty' });
  });

  // Without "Show it anyway", a body with elements but no text gets the "is it an article" check's answer first.
  it.each([
    ['an empty body', '<!DOCTYPE html><html><head><title>Empty</title></head><body></body></html>', 'empty'],
    ['whitespace only', '<html><body>  \n\t\r\n   </body></html>', 'empty'],
    ['nothing at all', '', 'empty'],
    [
      'blocks of whitespace and non-breaking spaces',
      '<html><body><div> &nbsp; \n<p>\u00a0</p> </div></body></html>',
      'not-article',
    ],
  ])('%s: %s, and empty when forced', (_, html, reason) => {
    const doc = page(html, URL);
    expect(extractArticle(doc, URL)).toMatchObject({ ok: false, reason });
    expect(extractArticle(doc, URL, { force: true })).toMatchObject({ ok: false, reason: 'empty' });
  });
});

describe('XML documents', () => {
  const xhtml = (body: string) =>
    '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml" lang="en">' +
    `<head><title>Budget vote</title></head>${body}</html>`;
  const xml = (source: string, contentType: string) => new JSDOM(source, { url: URL, contentType }).window.document;

  it('an XHTML article is cleaned like an HTML one (rules and Readability see the usual tag names)', () => {
    const doc = xml(
      xhtml(
        `<body><nav><a href="/">Home</a> <a href="/city">City</a></nav><article><h1>Budget vote</h1>` +
          `<p>Reading time: 3 min</p>${PROSE}</article></body>`,
      ),
      'application/xhtml+xml',
    );
    expect(doc.documentElement.tagName).toBe('html'); // an XML document: lower-case tag names
    const result = article(timed('XHTML article', () => extractArticle(doc, URL)));
    expect(result.text).toContain('Paragraph 6. The city council');
    expect(result.text).not.toContain('Reading time');
    expect(result.removed).toContainEqual({ rule: 'reading-time', text: 'Reading time: 3 min' });
    expect(result.contentHtml).toMatch(/^<div/);
    expect(result.contentHtml).not.toMatch(/<DIV|xmlns/);
  });

  it('an XHTML document without a body, and an XML document that is not XHTML: empty', () => {
    expect(extractArticle(xml(xhtml(''), 'application/xhtml+xml'), URL)).toMatchObject({ ok: false, reason: 'empty' });
    const feed = xml('<?xml version="1.0"?><rss><channel><title>News</title></channel></rss>', 'application/xml');
    expect(extractArticle(feed, URL, { force: true })).toMatchObject({ ok: false, reason: 'empty' });
  });
});

describe('malformed HTML', () => {
  it('tag soup, stray </html>s, NUL characters and lone surrogates: the article', () => {
    const soup =
      '<html><head><title>Budget vote</title></head><body><div><article><h1>Budget vote</h1>' +
      `<p>First. ${SENTENCE}<p>Second. ${SENTENCE}\u0000 after a NUL<b><i>crossed</b> tags</i></html>` +
      `<p>Third. ${SENTENCE} \ud800 a lone high surrogate, \udc00 a lone low one.<p>Fourth. ${SENTENCE}</html></html>` +
      `<table><tr><td><p>Fifth. ${SENTENCE}</table></span></div></div></section><p>Sixth. ${SENTENCE}` +
      '<div><span><em>never closed';
    const doc = page(soup, URL);
    const text = article(timed('tag soup', () => extractArticle(doc, URL))).text;
    for (const n of ['First', 'Second', 'Third', 'Fourth', 'Fifth', 'Sixth'])
      expect(text).toContain(`${n}. ${SENTENCE}`);
    expect(text).toContain('after a NUL'); // the parser drops the NUL itself
    expect(text).not.toContain('\u0000');
    expect(text).toContain('a lone high surrogate');
  });

  it('a heading never closed swallows the article: a clear failure, as with plain Readability', () => {
    const doc = page(`<html><head><title>Soup</title></head><body><article><h1>Soup${`<p>${SENTENCE}`.repeat(6)}`, URL);
    expect(extractArticle(doc, URL)).toMatchObject({ ok: false, reason: 'empty' });
  });
});

describe('the time budget', () => {
  it('a deadline throws once its budget is spent, naming the stage', () => {
    let now = 0;
    const deadline = startDeadline(100, () => now);
    now = 100;
    deadline.check('stage one');
    now = 101;
    expect(() => deadline.check('stage two')).toThrow(TimeBudgetExceeded);
    expect(() => deadline.check('stage two')).toThrow('during stage two, the limit is 100 ms');
  });

  /** A clock that moves only when the rule below works: the test does not depend on the machine's speed. */
  let clock = 0;
  /** A rule that matches nothing but takes 1 ms (of that clock) per element it is asked about, and counts them. */
  let asked = 0;
  const slowRule: CleanupRule = {
    id: 'slow',
    reason: 'test: a rule that takes its time',
    languages: ['*'],
    fixtures: [],
    stage: 'page',
    tags: tags('span'),
    maxLength: 1_000,
    match() {
      asked++;
      clock += 1;
      return false;
    },
  };

  it('is checked inside the cleanup walk: a slow cleanup stops after a few hundred elements, not at its end', () => {
    // 3,000 spans the rule looks at, 1 ms each: about 3 s if only the end of the stage were checked.
    const doc = page(articleHtml(PROSE + '<div><span>x</span></div>'.repeat(3_000)), URL);
    const options = { rules: [slowRule], force: true, clock: () => clock };
    asked = 0;
    const result = timed('slow cleanup, 300 ms budget', () =>
      extractArticle(doc, URL, { ...options, timeBudgetMs: 300 }),
    );
    expect(result).toMatchObject({ ok: false, reason: 'too-slow' });
    if (!result.ok)
      expect(result.message).toMatch(/\(stopped after \d+ ms during the page cleanup, the limit is 300 ms\)$/);
    // Checked every 256 elements: stopped within one check of the limit, long before the 3,000th span.
    expect(asked).toBeGreaterThanOrEqual(300);
    expect(asked).toBeLessThanOrEqual(300 + 256);
    // With room enough, the same page is an article.
    expect(extractArticle(doc, URL, { ...options, timeBudgetMs: 60_000 })).toMatchObject({ ok: true });
  }, 60_000);

  it('the default budget does not get in the way of an ordinary page', () => {
    const doc = page(articleHtml(PROSE), URL);
    expect(article(extractArticle(doc, URL)).text).toContain('Paragraph 6.');
  });
});
