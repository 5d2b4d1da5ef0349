// Readability keeps the best-scoring block and those of its siblings that score alike; the standfirst many sites
// set in the article's header, above the body (a "lead", "intro" or "teaser" paragraph, or the page's own
// description printed there), is a cousin of that block and is lost. This module finds such a paragraph in the page,
// close before the article's first paragraph, and gives it back to the article.
import { normalizedText } from './text.ts';
import { hasBlockChildren, linkDensity } from './cleanup/dom.ts';
import { fromPrototypes, listOf } from './unclobber.ts';

/** A paragraph of the article this long is found in the page by its text. */
const MIN_ANCHOR = 80;
/** A standfirst is a sentence or a short paragraph. */
const MIN_LEDE = 60;
const MAX_LEDE = 700;
/** How far up from the article's first paragraph the standfirst's header may sit, and how much is looked at. */
const MAX_LEVELS = 10;
const MAX_SEEN = 300;
/** A standfirst is prose, not a list of links. */
const MAX_LINKS = 0.3;
/**
 * Class words of a standfirst, in the languages of the corpora (not "teaser", "summary" or "description": listings,
 * video boxes and author boxes use them as often).
 */
const STANDFIRST =
  /(?:^|[\s_-])(?:standfirst|chapo|chapeau|chapô|lede|lead|leadin|intro|dek|subtitle|subheadline|abstract|excerpt|vorspann|entradilla|sumario|sommario)(?:$|[\s_-])/i;
/** ...unless they name the title too (a heading that holds the title, its date and section). */
const TITLE = /(?<!sub-?)title|headline|kicker/i;
/** Markup that never holds the article's own standfirst. */
const SKIPPED = new Set(['A', 'LI', 'UL', 'OL', 'NAV', 'ASIDE', 'FOOTER', 'FORM', 'FIGURE', 'FIGCAPTION', 'H1']);

/**
 * The article's first paragraph of prose, as the page has it (its text is looked for among `paragraphs`, the
 * page's p elements in tree order: the survey's, no walk of the page again).
 */
function anchorIn(paragraphs: readonly Element[], article: Element): Element | null {
  let first: string | undefined;
  // A snapshot (listOf): a for-of over a jsdom collection reads its length by name at each step, a scan of it all.
  for (const p of listOf(article.getElementsByTagName('p'))) {
    const text = normalizedText(p);
    if (text.length >= MIN_ANCHOR) {
      first = text;
      break;
    }
  }
  if (first === undefined) return null;
  for (const p of paragraphs) if (normalizedText(p) === first) return p;
  return null;
}

/** Whether `el` reads as a standfirst: marked as one (or printing the page's description), short, prose. */
function isLede(el: Element, text: string, description: string): boolean {
  if (text.length < MIN_LEDE || text.length > MAX_LEDE) return false;
  const printed = description.length >= MIN_LEDE && (description.startsWith(text) || text.startsWith(description));
  if (!printed && !isMarked(el)) return false;
  // One block: a paragraph, or a wrapper around a single one.
  const single = !hasBlockChildren(el) || (el.children.length === 1 && el.firstElementChild!.tagName === 'P');
  return single && linkDensity(el, text) <= MAX_LINKS;
}

/** Marked as a standfirst by its class or microdata. */
function isMarked(el: Element): boolean {
  const cls = el.getAttribute('class') ?? '';
  return (STANDFIRST.test(cls) && !TITLE.test(cls)) || el.getAttribute('itemprop') === 'description';
}

/**
 * The standfirst the article lacks, or null: the nearest element before the article's first paragraph, within its
 * header (up to a few levels up, never past an <article>), that is marked as a standfirst or prints the page's
 * description, is short prose, and whose text the article lacks. `paragraphs`: the page's p elements in tree order.
 */
export function missingLede(
  paragraphs: readonly Element[],
  article: Element,
  description: string | null,
): Element | null {
  const anchor = anchorIn(paragraphs, article);
  if (!anchor) return null;
  let have: string | undefined; // the article's text, read only once a candidate is found
  const desc = (description ?? '').replace(/(?:…|\.\.\.)$/, '');
  const parentOf = fromPrototypes(anchor, 'parentElement', 'get') as (this: Node) => Element | null;
  let seen = 0;
  // Nearest first: the previous siblings of each ancestor, each one's subtree from its end.
  const search = (el: Element): Element | null => {
    if (++seen > MAX_SEEN || SKIPPED.has(el.tagName)) return null;
    for (let c = el.lastElementChild; c; c = c.previousElementSibling) {
      const found = search(c);
      if (found || seen > MAX_SEEN) return found;
    }
    // Neither marked nor able to print a description: no need to read its text.
    if (desc.length < MIN_LEDE && !isMarked(el)) return null;
    const text = normalizedText(el);
    if (!isLede(el, text, desc)) return null;
    // Lacking: its start or its end (a standfirst often opens with the body's first sentence, then goes on).
    have ??= normalizedText(article);
    return have.includes(text.slice(0, MIN_LEDE)) && have.includes(text.slice(-MIN_LEDE)) ? null : el;
  };
  let child = anchor;
  for (let level = 0, up = parentOf.call(anchor); up && level < MAX_LEVELS; level++, up = parentOf.call(up)) {
    if (up.tagName === 'BODY' || up.tagName === 'FORM') break;
    for (let s = child.previousElementSibling; s && seen <= MAX_SEEN; s = s.previousElementSibling) {
      const found = search(s);
      if (found) return found;
    }
    if (up.tagName === 'ARTICLE') break;
    child = up;
  }
  return null;
}

/** Puts a copy of the standfirst the article lacks (see `missingLede`) at its top, inline links kept. */
/** `base`: the page's base address (a snapshot parsed again in the extension has the extension's own). */
export function restoreLede(
  paragraphs: readonly Element[],
  article: Element,
  description: string | null,
  base: string,
): void {
  let lede: Element | null;
  try {
    lede = missingLede(paragraphs, article, description);
  } catch {
    return; // a hostile page's markup: the article as Readability gave it
  }
  if (!lede) return;
  const source = lede.children.length === 1 && lede.firstElementChild!.tagName === 'P' ? lede.firstElementChild! : lede;
  const doc = article.ownerDocument;
  const p = doc.createElement('p');
  for (const node of source.childNodes) p.appendChild(doc.importNode(node, true));
  // Absolute addresses, as Readability gives its own links.
  for (const a of p.getElementsByTagName('a')) {
    const href = a.getAttribute('href');
    if (href === null) continue;
    try {
      a.setAttribute('href', new URL(href, base).href);
    } catch {
      a.removeAttribute('href'); // no address to go to
    }
  }
  const first = article.firstElementChild;
  const host = first?.id === 'readability-page-1' ? first : article;
  host.insertBefore(p, host.firstChild);
}
