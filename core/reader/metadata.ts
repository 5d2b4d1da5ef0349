import { normalizedText } from './text.ts';
import { listOf } from './unclobber.ts';

// Page metadata, read with cheap DOM calls only: this runs on every extraction, and walks
// of the whole page cost (in jsdom especially).

/** The page's <meta> values by lower-case name, property, itemprop or http-equiv; first one wins. */
export function metaValues(doc: Document): Map<string, string> {
  const values = new Map<string, string>();
  // <meta> belongs in <head>; searching only there spares a walk of the whole page.
  for (const meta of listOf((doc.head ?? doc).getElementsByTagName('meta'))) {
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
  for (const link of listOf((doc.head ?? doc).getElementsByTagName('link'))) {
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

/** Lower-case letters and digits only, accents dropped, a leading "the" too: "The Verge" and "theverge" compare. */
function foldName(s: string): string {
  // No accents to drop in ASCII: V8 runs a \p{M} regex slowly (~0.1 ms) at its first calls after each GC.
  return (/^[\0-\x7f]*$/.test(s) ? s : s.normalize('NFD').replace(/\p{M}/gu, ''))
    .toLowerCase()
    .replace(/^the\s+/, '')
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** Host labels that name nothing: subdomains for devices and the public suffix's usual parts. */
const PLAIN_LABELS = new Set([
  'www',
  'www1',
  'www2',
  'm',
  'mobile',
  'amp',
  'co',
  'com',
  'org',
  'net',
  'gov',
  'ac',
  'edu',
]);

/** The labels of a host that can name a site: "www.bbc.co.uk" gives ["bbc"], "news.yahoo.com" ["news", "yahoo"]. */
function nameLabels(host: string): string[] {
  if (/^[\d.]+$|:/.test(host)) return []; // an IP address names nothing
  const labels = host.toLowerCase().split('.');
  if (labels.length > 1) labels.pop(); // the top-level domain
  return labels.filter((l) => !PLAIN_LABELS.has(l)).map(foldName);
}

/** Whether a name is the host's: "BBC News" at bbc.co.uk, "The New York Times" at nytimes.com ("nyt"…). */
function namesHost(name: string, labels: readonly string[]): boolean {
  const folded = foldName(name);
  if (!folded) return false;
  const words = name
    .normalize('NFD')
    .toLowerCase()
    .replace(/^the\s+/, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  const initials = words.length >= 2 ? words.map((w) => w[0]).join('') : '';
  return labels.some(
    (label) =>
      (label.length >= 3 && folded.includes(label)) ||
      (folded.length >= 3 && label.includes(folded)) ||
      (initials.length >= 2 && label.startsWith(initials)),
  );
}

/** The site's name in the title's last part: "Story | Reuters", "Story - Le Monde". */
function titleSuffix(title: string): string | null {
  const parts = title.split(/\s+[|–—·-]\s+/);
  return parts.length > 1 ? parts[parts.length - 1]! : null;
}

/** A host name as a reader knows it: "www.bbc.co.uk" reads "bbc.co.uk". */
export function readableHost(url: string): string | null {
  try {
    const { hostname, protocol } = new URL(url);
    if (!/^https?:$/.test(protocol) || !hostname) return null;
    return hostname.replace(/^(?:www\d?|m|mobile|amp)\./, '');
  } catch {
    return null;
  }
}

/**
 * The site's name: Readability's (JSON-LD publisher, else og:site_name), unless that looks like a section's label
 * ("U.S.", "World": a word or two unlike the host, or the article's section) while another name the page gives
 * (og:site_name, application-name, the title's suffix) is the host's; else the readable host name. `url` is
 * the page's canonical address when it has one.
 */
export function findSiteName(
  doc: Document,
  url: string,
  fromReadability: string | null | undefined,
  meta: ReadonlyMap<string, string>,
): string | null {
  const clean = (name: string | null | undefined): string | null => {
    const text = name?.replace(/\s+/g, ' ').trim();
    // Longer than a name: a title or a slogan put there by a theme.
    return text && text.length <= 200 && !/^https?:\/\//i.test(text) ? text : null;
  };
  const host = readableHost(url);
  const labels = host ? nameLabels(host) : [];
  const first = clean(fromReadability) ?? clean(meta.get('og:site_name'));
  if (first && (!labels.length || namesHost(first, labels))) return first;
  const sections = [meta.get('article:section'), meta.get('parsely-section')].map((s) => foldName(s ?? ''));
  // A longer name unlike the host is still the site's ("Neue Zürcher Zeitung" at nzz.ch).
  if (first && !sections.includes(foldName(first)) && first.split(' ').length > 2) return first;
  const others = [
    meta.get('og:site_name'),
    meta.get('application-name'),
    meta.get('apple-mobile-web-app-title'),
    // A title's suffix may be a slogan or a section: only to replace a label.
    first ? titleSuffix(doc.title) : null,
  ];
  for (const other of others) {
    const name = clean(other);
    if (name && namesHost(name, labels)) return name;
  }
  if (first && !sections.includes(foldName(first))) return first;
  return host;
}

/** The byline, unless it only repeats the site's name ("BBC News · BBC News"). */
export function bylineBesides(byline: string | null | undefined, siteName: string | null): string | null {
  const text = byline?.trim();
  if (!text) return null;
  if (siteName && foldName(text.replace(/^(?:by|par|von|por|от)\s+/i, '')) === foldName(siteName)) return null;
  return text;
}
