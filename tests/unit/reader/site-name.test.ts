// The site's name on the article's meta line and in the reading list: the page's own, never a section's label,
// else its host name; and no byline that only repeats it.
import { describe, expect, it } from 'vitest';
import { extractArticle, type Article } from '../../../core/reader/index.ts';
import { articlePage, page } from '../../support/dom.ts';

function extracted(head: string, url: string, title = 'Budget vote'): Article {
  const html = articlePage('').replace('<title>Budget vote</title>', `${head}<title>${title}</title>`);
  const result = extractArticle(page(html, url), url);
  if (!result.ok) throw new Error(result.message);
  return result.article;
}

const ld = (data: object) => `<script type="application/ld+json">${JSON.stringify(data)}</script>`;

describe('site name', () => {
  it("keeps the page's own name, even one unlike its host", () => {
    expect(extracted('<meta property="og:site_name" content="Harbour Daily">', 'https://hd.example/a').siteName).toBe(
      'Harbour Daily',
    );
    expect(
      extracted('<meta property="og:site_name" content="The Evening Courier">', 'https://courier-online.example/a')
        .siteName,
    ).toBe('The Evening Courier');
  });

  it('takes the host name, without "www.", when the page names no site', () => {
    expect(extracted('', 'https://www.gazette-du-port.example/2024/budget').siteName).toBe('gazette-du-port.example');
    expect(extracted('', 'https://m.news.example/x').siteName).toBe('news.example');
  });

  it("prefers the canonical address's host to the address the page was read at", () => {
    const head = '<link rel="canonical" href="https://www.rivertimes.example/a">';
    expect(extracted(head, 'https://cache.amp.example/rivertimes/a').siteName).toBe('rivertimes.example');
  });

  it("replaces a section label with the page's other name for the site: JSON-LD publisher, application-name, title", () => {
    const section = '<meta property="og:site_name" content="U.S.">';
    const url = 'https://www.wirenews.example/article/us-budget-idUSKBN1';
    expect(
      extracted(
        section + ld({ '@context': 'https://schema.org', '@type': 'NewsArticle', publisher: { name: 'WireNews' } }),
        url,
      ).siteName,
    ).toBe('WireNews');
    expect(extracted(`${section}<meta name="application-name" content="WireNews">`, url).siteName).toBe('WireNews');
    expect(extracted(section, url, 'Budget vote | WireNews').siteName).toBe('WireNews');
    // Nothing better: the page's own name stays, unless it is the article's section.
    expect(extracted(section, url).siteName).toBe('U.S.');
    expect(extracted(`${section}<meta property="article:section" content="U.S.">`, url).siteName).toBe(
      'wirenews.example',
    );
  });

  it('keeps a longer name unlike the host, and takes no title suffix when the page names no site', () => {
    const head =
      '<meta property="og:site_name" content="Neue Zürcher Zeitung"><meta name="application-name" content="NZZ.ch">';
    expect(extracted(head, 'https://www.nzz.example/a').siteName).toBe('Neue Zürcher Zeitung');
    expect(
      extracted('', 'https://www.backstube.example/a', 'Budget vote - Rezept von Backstube.example').siteName,
    ).toBe('backstube.example');
  });

  it('reads a name as the host\'s by its words or initials: "The New York Times" at nytimes.example', () => {
    const head =
      '<meta property="og:site_name" content="The New York Times"><meta name="application-name" content="NYT">';
    expect(extracted(head, 'https://www.nytimes.example/a').siteName).toBe('The New York Times');
  });
});

describe('byline', () => {
  it('is dropped when it only repeats the site name (an organization as author)', () => {
    const head =
      '<meta property="og:site_name" content="Northgate News">' +
      ld({
        '@context': 'http://schema.org',
        '@type': 'NewsArticle',
        headline: 'Budget vote',
        author: { '@type': 'NewsMediaOrganization', name: 'Northgate News' },
      });
    const article = extracted(head, 'https://www.northgatenews.example/news/1');
    expect(article.siteName).toBe('Northgate News');
    expect(article.byline).toBeNull();
  });

  it('is kept when it names someone else than the site', () => {
    const head =
      '<meta property="og:site_name" content="Northgate News">' +
      ld({ '@context': 'http://schema.org', '@type': 'NewsArticle', author: { '@type': 'Person', name: 'Ada Reyes' } });
    expect(extracted(head, 'https://www.northgatenews.example/news/1').byline).toBe('Ada Reyes');
  });
});
