import { normalizedText } from './text.ts';

const STANDFIRST_CLASS =
  /(?:^|[\s_-])(?:standfirst|chapo|chapeau|chapô|lede|lead|leadin|article-lead|intro|dek|subtitle|subheadline|sub-headline|summary|excerpt|teaser|abstract|summary-text|description)(?:$|[\s_-])/i;
const STANDFIRST_CANDIDATES =
  'p[class], div[class], h2[class], span[class], [itemprop="description"], [data-testid*="standfirst" i]';

function meta(doc: Document, selector: string): string | null {
  const value = doc.querySelector(selector)?.getAttribute('content')?.replace(/\s+/g, ' ').trim();
  return value || null;
}

/** The page's own standfirst: a marked lede element, else its description meta. */
export function findLede(doc: Document): string | null {
  const scope = doc.querySelector('article, main, [role="main"]') ?? doc.body;
  if (scope) {
    let checked = 0;
    for (const el of scope.querySelectorAll(STANDFIRST_CANDIDATES)) {
      if (++checked > 400) break;
      const cls = el.getAttribute('class') ?? '';
      if (!STANDFIRST_CLASS.test(cls) && !el.matches('[itemprop="description"], [data-testid]')) continue;
      if (el.closest('nav, aside, footer, [class*="related" i], [class*="teaser-list" i]')) continue;
      if (el.querySelector('p, h2, h3, li') && el.querySelectorAll('p').length > 1) continue;
      const text = normalizedText(el);
      if (text.length >= 40 && text.length <= 600) return text;
    }
  }
  return (
    meta(doc, 'meta[property="og:description"]') ??
    meta(doc, 'meta[name="description"]') ??
    meta(doc, 'meta[name="twitter:description"]')
  );
}

/** Publication time as ISO 8601, from Readability's finding or the page's markup. */
export function findPublishedTime(doc: Document, fromReadability: string | null | undefined): string | null {
  const candidates = [
    fromReadability,
    meta(doc, 'meta[property="article:published_time"]'),
    meta(doc, 'meta[itemprop="datePublished"]'),
    meta(doc, 'meta[name="date"]'),
    meta(doc, 'meta[name="pubdate"]'),
    doc.querySelector('[itemprop="datePublished"][datetime], time[datetime]')?.getAttribute('datetime'),
  ];
  for (const c of candidates) {
    if (!c) continue;
    const date = new Date(c.trim());
    if (!Number.isNaN(date.getTime())) return date.toISOString();
  }
  return null;
}
