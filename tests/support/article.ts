import type { Article, PageArticle } from '../../core/reader/index.ts';

/** A whole article as the engine gives it, for tests that need one: each test overrides what it is about. */
export function sampleArticle(overrides: Partial<Article> = {}): Article {
  return {
    url: 'https://news.example/2024/budget.html',
    canonicalUrl: null,
    title: 'Budget vote',
    byline: 'Ana Ruiz',
    siteName: 'City News',
    lang: 'en',
    dir: 'ltr',
    publishedTime: '2024-03-15T12:00:00Z',
    lede: null,
    contentHtml: '<p>The council approved it.</p>',
    text: 'The council approved it.',
    wordCount: 900,
    readingTimeMinutes: 4,
    removed: [],
    ...overrides,
  };
}

/** An article as an offline copy keeps it: without the cleanup log. */
export function withoutCleanupLog({ removed: _removed, ...kept }: Article): Omit<Article, 'removed'> {
  return kept;
}

/** An article as the extraction script returns it from the page: without the figures the extension adds. */
export function pageArticle({ wordCount: _words, readingTimeMinutes: _minutes, ...kept }: Article): PageArticle {
  return kept;
}
