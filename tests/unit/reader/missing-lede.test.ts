import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../core/reader/index.ts';
import { missingLede } from '../../../core/reader/missing-lede.ts';
import { page } from '../../support/dom.ts';

const PROSE = Array.from(
  { length: 5 },
  (_, i) =>
    `<p>${i + 1}. The regional council met on Tuesday to discuss the new tram line, the budget for the schools and ` +
    `the rules for parking in the old town, and voted after a long and sometimes heated debate.</p>`,
).join('\n');
const STANDFIRST =
  'After a night of debate the council backs the tram line and the school budget, but parking fees rise.';

/** A news page whose header (title, standfirst) is a cousin of the body block Readability keeps. */
const news = (header: string, { aside = '', description = '' } = {}) =>
  page(`<html><head><title>Council backs tram</title>
    ${description ? `<meta property="og:description" content="${description}">` : ''}</head><body>
    <div class="story"><div class="story-head"><h1>Council backs tram</h1>${header}
      <div class="byline">By A. Reporter</div></div>
      <figure><img src="/tram.jpg" alt="The tram line"></figure>
      <div class="story-main"><div class="story-body">${PROSE}</div><div class="tools"><a href="/print">Print</a></div>
      </div></div>${aside}</body></html>`);

const text = (doc: Document) => {
  const r = extractArticle(doc, 'https://news.example/tram', { force: true });
  if (!r.ok) throw new Error(r.message);
  return r.article.text;
};

describe('missing standfirst', () => {
  it('is given back at the top of the article, its inline link kept', () => {
    const doc = news(`<p class="article-lead">${STANDFIRST.replace('tram line', '<a href="/tram">tram line</a>')}</p>`);
    const r = extractArticle(doc, 'https://news.example/tram', { force: true });
    expect(r.ok && r.article.text.startsWith(`${STANDFIRST}\n\n1. The regional council`)).toBe(true);
    expect(r.ok && r.article.contentHtml).toContain('<a href="https://news.example/tram">tram line</a>');
  });

  it('is found unmarked when it prints the page description, and in a wrapper around one paragraph', () => {
    expect(text(news(`<p>${STANDFIRST}</p>`, { description: STANDFIRST }))).toMatch(/^After a night/);
    expect(text(news(`<div class="intro"><p>${STANDFIRST}</p></div>`))).toMatch(/^After a night/);
  });

  it('is not taken when unmarked and unlike the description, link-heavy, or a list of blocks', () => {
    // What Readability kept: the body alone.
    const lede = (header: string, description: string | null = null) => {
      const doc = news(header);
      const article = doc.createElement('div');
      article.innerHTML = PROSE;
      return missingLede([...doc.getElementsByTagName('p')], article, description)?.textContent ?? null;
    };
    expect(lede(`<p>${STANDFIRST}</p>`, STANDFIRST)).toBe(STANDFIRST);
    expect(lede(`<p>${STANDFIRST}</p>`)).toBeNull();
    expect(lede(`<p class="teaser"><a href="/a">${STANDFIRST}</a></p>`)).toBeNull();
    expect(lede(`<div class="summary"><p>${STANDFIRST}</p><p>${STANDFIRST}</p></div>`)).toBeNull();
    expect(lede(`<p class="subtitle">Short.</p>`)).toBeNull();
    // Words that mark listings and boxes as often as a standfirst, and a heading holding the title.
    expect(lede(`<div class="blog_teaser_text">${STANDFIRST}</div>`)).toBeNull();
    expect(lede(`<div class="field-name-description">${STANDFIRST}</div>`)).toBeNull();
    expect(lede(`<h2 class="intro__title">${STANDFIRST}</h2>`)).toBeNull();
  });

  it('never comes from outside the story (a teaser in the sidebar) and is not doubled', () => {
    const aside = `<div class="rail"><p class="teaser">${STANDFIRST}</p></div>`;
    expect(text(news('', { aside }))).toMatch(/^1\. The regional/);
    const doc = page(`<html><body><article><h1>Council backs tram</h1><p class="lead">${STANDFIRST}</p>
      ${PROSE}</article></body></html>`);
    const once = text(doc);
    expect(once.split(STANDFIRST).length).toBe(2);
    const article = doc.createElement('div');
    article.innerHTML = `<p class="lead">${STANDFIRST}</p>${PROSE}`;
    expect(missingLede([...doc.getElementsByTagName('p')], article, null)).toBeNull();
  });

  it('is given back when it opens with the first sentence of the body and goes on', () => {
    const first = '1. The regional council met on Tuesday to discuss the new tram line, the budget for the schools';
    const lead = `${first}. The mayor now expects the first trams to run in the spring of next year.`;
    expect(text(news(`<p class="a-lead">${lead}</p>`))).toMatch(/^1\. The regional .* spring of next year\.\n/);
  });
});
