import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  extractArticle,
  learnSiteRule,
  RECORD_PROVENANCE,
  type Article,
  type SiteRule,
} from '../../../../core/reader/index.ts';
import { page } from '../../../support/dom.ts';

const DIR = new URL('../../../fixtures-site-rules/', import.meta.url);
const META = JSON.parse(readFileSync(new URL('meta.json', DIR), 'utf8')) as { urls: Record<string, string> };

function load(name: string): { doc: Document; url: string } {
  const url = META.urls[name]!;
  return { doc: page(readFileSync(new URL(name, DIR), 'utf8'), url), url };
}

function extract(name: string, options: Parameters<typeof extractArticle>[2] = {}): Article {
  const { doc, url } = load(name);
  const result = extractArticle(doc, url, options);
  if (!result.ok) throw new Error(result.message);
  return result.article;
}

/** The paragraphs of prose of an article (the promo's are short or start with its offer). */
const paragraphs = (a: Article) => a.text.split('\n\n').filter((p) => p.length > 200);

function learnPromo(): SiteRule {
  const { doc, url } = load('article-1.html');
  const result = extractArticle(doc, url, { provenance: RECORD_PROVENANCE });
  if (!result.ok) throw new Error(result.message);
  const blocks = result.article.provenance!;
  const chosen = blocks.findIndex((b) => b.text.start.startsWith('Offre d’été'));
  expect(chosen).toBeGreaterThan(-1);
  const rule = learnSiteRule({ page: doc, url, provenance: blocks, block: chosen, id: 'site:promo', now: new Date(0) });
  expect(rule).not.toBeNull();
  return rule!;
}

describe('site rules on one fictional site', () => {
  it('learns a stable selector for the promo box from the first article', () => {
    const rule = learnPromo();
    // The hashed class (sc-fzXfNj) is left out; the promo box is a container, so it runs before Readability.
    expect(rule).toEqual({
      id: 'site:promo',
      site: 'echo-des-dunes.example',
      created: '1970-01-01T00:00:00.000Z',
      selector: 'div.encart-abonnement',
      stage: 'page',
    });
    expect(JSON.parse(JSON.stringify(rule))).toEqual(rule);
  });

  it('hides the promo on the other two articles and keeps every paragraph', () => {
    const rule = learnPromo();
    for (const name of ['article-1.html', 'article-2.html', 'article-3.html']) {
      const plain = extract(name);
      const ruled = extract(name, { siteRules: [rule] });
      expect(plain.text).toContain('Je m’abonne');
      expect(ruled.text).not.toContain('Je m’abonne');
      expect(paragraphs(ruled)).toEqual(paragraphs(plain).filter((p) => !plain.removed.some((r) => r.text === p)));
      expect(paragraphs(ruled).length).toBe(4);
      expect(ruled.removed.filter((r) => r.rule === 'site:promo')).toHaveLength(1);
      expect(ruled.refusedRules).toEqual([]);
    }
  });

  it('changes nothing without rules, or with rules for another site', () => {
    const plain = extract('article-2.html');
    const other = extract('article-2.html', { siteRules: [{ ...learnPromo(), site: 'other.example' }] });
    expect(other.contentHtml).toBe(plain.contentHtml);
    expect(other.refusedRules).toBeUndefined();
  });

  it('refuses a rule that would eat the article, and says so', () => {
    const rule = learnPromo();
    const plain = extract('eaten.html');
    const ruled = extract('eaten.html', { siteRules: [rule] });
    expect(ruled.contentHtml).toBe(plain.contentHtml);
    expect(ruled.refusedRules).toEqual([{ rule: 'site:promo', reason: 'first-paragraph', share: 1 }]);
  });

  it('refuses a rule over 40% of the text even when the first paragraph is spared', () => {
    const rule: SiteRule = {
      id: 'site:tail',
      site: 'echo-des-dunes.example',
      created: '',
      selector: 'div.corps-article > p:nth-of-type(n+4)',
    };
    const ruled = extract('article-1.html', { siteRules: [rule] });
    expect(paragraphs(ruled).length).toBe(4);
    expect(ruled.refusedRules).toHaveLength(1);
    expect(ruled.refusedRules![0]).toMatchObject({ rule: 'site:tail', reason: 'too-much-text' });
    expect(ruled.refusedRules![0]!.share).toBeGreaterThan(0.4);
  });
});
