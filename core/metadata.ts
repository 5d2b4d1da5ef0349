import { normalizedText } from './text.ts';

// Page metadata, read with cheap DOM calls only: attribute selectors are slow in some DOMs
// (jsdom's), and this runs on every extraction.

/** The page's <meta> values by lower-case name, property, itemprop or http-equiv; first one wins. */
export function metaValues(doc: Document): Map<string, string> {
  const values = new Map<string, string>();
  for (const meta of doc.getElementsByTagName('meta')) {
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
const NOT_STANDFIRST = 'nav, aside, footer, [class*="related" i], [class*="teaser-list" i]';
/** The standfirst sits near the top: look at this many elements of the main area at most. */
const STANDFIRST_SCAN = 1500;

function mainArea(doc: Document): Element | null {
  return doc.getElementsByTagName('article')[0] ?? doc.getElementsByTagName('main')[0] ?? doc.body;
}

/** The page's own standfirst: a marked lede element, else its description meta. */
export function findLede(doc: Document, meta = metaValues(doc)): string | null {
  const scope = mainArea(doc);
  if (scope) {
    const all = scope.getElementsByTagName('*');
    const end = Math.min(all.length, STANDFIRST_SCAN);
    for (let i = 0; i < end; i++) {
      const el = all[i]!;
      if (!STANDFIRST_TAGS.has(el.tagName) && el.getAttribute('itemprop') !== 'description') continue;
      if (!STANDFIRST_CLASS.test(el.getAttribute('class') ?? '') && el.getAttribute('itemprop') !== 'description')
        continue;
      if (el.getElementsByTagName('p').length > 1 || el.closest(NOT_STANDFIRST)) continue;
      const text = normalizedText(el);
      if (text.length >= 40 && text.length <= 600) return text;
    }
  }
  return meta.get('og:description') ?? meta.get('description') ?? meta.get('twitter:description') ?? null;
}

/** Publication time as ISO 8601, from Readability's finding (meta and JSON-LD) or the page's markup. */
export function findPublishedTime(
  doc: Document,
  fromReadability: string | null | undefined,
  meta = metaValues(doc),
): string | null {
  const firstTime = doc.getElementsByTagName('time')[0]?.getAttribute('datetime');
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
    const date = new Date(c.trim());
    if (!Number.isNaN(date.getTime())) return date.toISOString();
  }
  return null;
}
