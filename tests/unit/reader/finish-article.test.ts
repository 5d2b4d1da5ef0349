// The extraction script returns the article without the figures read from its text alone (extractPageArticle), and
// the extension adds them (finishArticle, in platform/extract-tab.ts): the engine's article, key for key.
import { describe, expect, it } from 'vitest';
import {
  RECORD_PROVENANCE,
  extractArticle,
  extractPageArticle,
  finishArticle,
  type SiteRule,
} from '../../../core/reader/index.ts';
import { articlePage, page } from '../../support/dom.ts';

const URL = 'https://news.example/2024/article.html';
const RULE: SiteRule = { id: 'site:x', site: 'news.example', created: '', selector: 'p.promo' };
const html = (lang: string) =>
  articlePage('<p class="promo">Subscribe to our letter, today.</p>', { lang }).replace(
    / lang="[^"]*"/,
    ` lang="${lang}"`,
  );

describe('finishArticle', () => {
  it.each([
    ['a page that declares its language', 'fr', {}],
    ['a page that declares none', '', {}],
    ['with site rules and provenance', 'en', { siteRules: [RULE], provenance: RECORD_PROVENANCE }],
  ])('%s: the page article plus the figures is the engine’s article', (_, lang, options) => {
    const fromPage = extractPageArticle(page(html(lang), URL), URL, options);
    const engine = extractArticle(page(html(lang), URL), URL, options);
    if (!fromPage.ok || !engine.ok) throw new Error('no article');
    expect(fromPage.article).not.toHaveProperty('wordCount');
    expect(fromPage.article).not.toHaveProperty('readingTimeMinutes');
    expect(fromPage.article.lang).toBe(lang);
    expect(engine.article.lang).toBe(lang || 'en');
    // Key order too: the CLI's JSON output is unchanged.
    expect(JSON.stringify(finishArticle(fromPage.article))).toBe(JSON.stringify(engine.article));
    expect(Object.keys(engine.article).slice(-5)).toEqual(
      'siteRules' in options
        ? ['wordCount', 'readingTimeMinutes', 'removed', 'refusedRules', 'provenance']
        : ['contentHtml', 'text', 'wordCount', 'readingTimeMinutes', 'removed'],
    );
  });

  it('a failure in the page is the engine’s failure', () => {
    const empty = page('<html><body></body></html>', URL);
    expect(extractPageArticle(empty, URL)).toEqual(extractArticle(empty, URL));
  });
});
