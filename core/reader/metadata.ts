import { normalizedText } from './text.ts';

// Page metadata, read with cheap DOM calls only: this runs on every extraction, and walks
// of the whole page cost (in jsdom especially).

/** The page's <meta> values by lower-case name, property, itemprop or http-equiv; first one wins. */
export function metaValues(doc: Document): Map<string, string> {
  const values = new Map<string, string>();
  // <meta> belongs in <head>; searching only there spares a walk of the whole page.
  for (const meta of (doc.head ?? doc).getElementsByTagName('meta')) {
    const content = meta.getAttribute('content')?.replace(/\s+/g, ' ').trim();
    if (!content) continue;
    for (const attr of ['property', 'name', 'itemprop', 'http-equiv']) {
      // Some sites put several properties in one attribute: "dc:description og:description".
      for (const key of (meta.getAttribute(attr) ?? '').toLowerCase().split(/\s+/)) {
        if (key && !values.has(key)) values.set(key, content);
      }
    }
  }
  return values;
}

const STANDFIRST_CLASS =
  /(?:^|[\s_-])(?:standfirst|chapo|chapeau|chapô|lede|lead|leadin|article-lead|intro|dek|subtitle|subheadline|sub-headline|summary|excerpt|teaser|abstract|summary-text|description)(?:$|[\s_-])/i;
const STANDFIRST_TAGS = new Set(['P', 'DIV', 'H2', 'SPAN']);
/** The standfirst opens the article: look at this many of its first elements at most. */
const STANDFIRST_SCAN = 200;

/** A standfirst element near the top of the article (classes still on). */
function standfirstIn(article: Element): string | null {
  let seen = 0;
  const visit = (el: Element): string | null => {
    for (let c = el.firstElementChild; c && seen < STANDFIRST_SCAN; c = c.nextElementSibling) {
      seen++;
      const described = c.getAttribute('itemprop') === 'description';
      if ((STANDFIRST_TAGS.has(c.tagName) && STANDFIRST_CLASS.test(c.getAttribute('class') ?? '')) || described) {
        const text = normalizedText(c);
        if (text.length >= 40 && text.length <= 600) return text;
      }
      const inner = visit(c);
      if (inner) return inner;
    }
    return null;
  };
  return visit(article);
}

/**
 * The page's own standfirst: a marked lede element at the top of Readability's article,
 * else the description meta (news sites put their standfirst there).
 */
export function findLede(article: Element, meta: ReadonlyMap<string, string>): string | null {
  return (
    standfirstIn(article) ??
    meta.get('og:description') ??
    meta.get('description') ??
    meta.get('twitter:description') ??
    null
  );
}

/** Publication time as ISO 8601 (a date alone when the page gives no time): Readability's finding (meta and JSON-LD), the meta, or the article's markup. */
export function findPublishedTime(
  article: Element,
  fromReadability: string | null | undefined,
  meta: ReadonlyMap<string, string>,
): string | null {
  const firstTime = article.getElementsByTagName('time')[0]?.getAttribute('datetime');
  const candidates = [
    fromReadability,
    meta.get('article:published_time'),
    meta.get('datepublished'),
    meta.get('date'),
    meta.get('pubdate'),
    firstTime,
  ];
  for (const c of candidates) {
    if (!c) continue;
    const value = c.trim();
    // A date without a time stays a date: as a UTC midnight it would show as the day before west of UTC.
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
      if (!Number.isNaN(Date.parse(value))) return value;
      continue;
    }
    const date = new Date(value);
    if (!Number.isNaN(date.getTime())) return date.toISOString();
  }
  return null;
}

/** The page's canonical address: `<link rel="canonical">` in the head, else og:url; absolute http(s) only. */
export function findCanonicalUrl(doc: Document, url: string, meta: ReadonlyMap<string, string>): string | null {
  let href: string | null = null;
  for (const link of (doc.head ?? doc).getElementsByTagName('link')) {
    if (/(?:^|\s)canonical(?:\s|$)/i.test(link.getAttribute('rel') ?? '')) {
      href = link.getAttribute('href');
      break;
    }
  }
  href ??= meta.get('og:url') ?? null;
  if (!href?.trim()) return null;
  try {
    const resolved = new URL(href.trim(), url);
    return /^https?:$/.test(resolved.protocol) ? resolved.href : null;
  } catch {
    return null;
  }
}
