// Readability scores every block of the page and keeps the best one; on some pages that is a sidebar teaser, an
// author box, a donation form or the next article of an endless scroll, while the page says plainly where its
// article is (schema.org's articleBody, or the <article> that holds the page's headline). This module finds that
// declared container and says when Readability's choice lies outside it, so that the caller can run Readability
// again on the declared container alone.

import { listOf } from './unclobber.ts';

const ARTICLE_BODY = '[itemprop~="articleBody"]';

/**
 * Those of the survey's candidates (unclobber.ts: every element whose itemprop has the word, in tree order) that the
 * selector takes, as this DOM reads it: no selector query of the whole copy (slow in jsdom).
 */
const marks = (candidates: readonly Element[]) => candidates.filter((el) => el.matches(ARTICLE_BODY));

/** Less text than this in a declared container is a teaser or a card, not the article. */
const MIN_DECLARED_TEXT = 400;
/** Readability's choice agrees with the page when at least this share of its text lies in the declared container. */
const MIN_SHARE_INSIDE = 0.5;
/** Blocks of Readability's text shorter than this are not looked for (a date, a label: found anywhere). */
const MIN_BLOCK = 40;

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();
const fold = (text: string) => collapse(text).toLowerCase();

function insideArticle(el: Element): boolean {
  for (let p = el.parentElement; p; p = p.parentElement) if (p.localName === 'article') return true;
  return false;
}

/** Whether a heading of `el` says what the page's title says (site names around the title allowed). */
function headsWith(el: Element, titles: readonly string[]): boolean {
  // Tag by tag: a selector query walks slowly in jsdom.
  for (const tag of ['h1', 'h2']) {
    for (const h of listOf(el.getElementsByTagName(tag))) {
      const heading = fold(h.textContent ?? '');
      if (heading.length < 8) continue;
      if (titles.some((t) => t === heading || (t.includes(heading) && heading.length >= t.length / 2))) return true;
    }
  }
  return false;
}

/**
 * The element the page declares as its article, or null (`has`: what the page's survey saw: the copies of its
 * articleBody elements, whether it has an <article>): the one element marked `itemprop="articleBody"` (the
 * largest when there are several), else the outermost <article> headed by the page's title, else the only
 * outermost <article>. Each needs some text of its own; `main` is not taken (it holds lists and sidebars as often
 * as an article).
 */
export function declaredContainer(
  doc: Document,
  titles: readonly string[],
  has: { articleBodies: readonly Element[]; article: boolean },
): Element | null {
  const body = doc.body;
  if (!body) return null;
  const lengths = new Map<Element, number>();
  const length = (el: Element) => {
    let n = lengths.get(el);
    if (n === undefined) lengths.set(el, (n = (el.textContent ?? '').length));
    return n;
  };
  const big = (el: Element) => length(el) >= MIN_DECLARED_TEXT;
  const bodies = marks(has.articleBodies).filter((el) => el !== body && body.contains(el) && big(el));
  if (bodies.length) return bodies.reduce((a, b) => (length(b) > length(a) ? b : a));
  if (!has.article) return null;
  const outer = listOf(body.getElementsByTagName('article')).filter((a) => !insideArticle(a));
  const wanted = titles.map(fold).filter((t) => t.length >= 8);
  const headed = outer.filter((a) => big(a) && headsWith(a, wanted));
  if (headed.length === 1) return headed[0]!;
  const sized = outer.filter(big);
  return outer.length === 1 && sized.length === 1 ? sized[0]! : null;
}

/**
 * The text of the article the page declares: the container's, or when the page marks several parts of its article
 * as articleBody (a paragraph or a section each), theirs together; Readability's choice of the whole article is
 * then not "elsewhere". `articleBodies`: those of the page, as `declaredContainer` takes them.
 */
export function declaredArticleText(box: Element, articleBodies: readonly Element[]): string {
  const marked = new Set(marks(articleBodies).filter((el) => el.isConnected));
  if (!marked.has(box)) return box.textContent ?? '';
  const outer = (el: Element) => {
    for (let p = el.parentElement; p; p = p.parentElement) if (marked.has(p)) return false;
    return true;
  };
  return [...marked]
    .filter(outer)
    .map((el) => el.textContent)
    .join('\n');
}

/** The blocks looked for in the container: enough, spread over the article, to tell where it came from. */
const SAMPLE_BLOCKS = 16;
const BLOCK_TAGS = ['p', 'li', 'td', 'pre', 'blockquote', 'h2', 'h3'];

/** The text of some of the article's blocks (paragraphs, list items, cells, quotes), evenly spread in its order. */
export function sampleBlocks(root: Element): string[] {
  // Tag by tag (a selector list walks slowly in jsdom): paragraphs first, then the other blocks.
  const texts: string[] = [];
  for (const tag of BLOCK_TAGS) {
    for (const el of listOf(root.getElementsByTagName(tag))) {
      const text = el.textContent ?? '';
      if (text.length >= MIN_BLOCK) texts.push(text);
    }
  }
  const step = Math.max(1, texts.length / SAMPLE_BLOCKS);
  const sample: string[] = [];
  for (let i = 0; i < texts.length && sample.length < SAMPLE_BLOCKS; i += step) sample.push(texts[Math.floor(i)]!);
  return sample;
}

/**
 * Whether Readability's article (its blocks of plain text) mostly lies outside the declared container's text: then
 * it picked something else than what the page calls its article.
 */
export function choseElsewhere(blocks: readonly string[], containerText: string): boolean {
  const inside = fold(containerText);
  let total = 0;
  let found = 0;
  for (const block of blocks) {
    const b = fold(block);
    if (b.length < MIN_BLOCK) continue;
    total += b.length;
    if (inside.includes(b)) found += b.length;
  }
  return total > 0 && found / total < MIN_SHARE_INSIDE;
}

/** Readability kept less than this share of the declared container's text: a teaser or box inside it. */
const MIN_SHARE_KEPT = 0.3;

/** Whether Readability's text is a small part of the declared container's (a box inside the article). */
export function keptLittleOf(text: string, containerText: string): boolean {
  return collapse(text).length < MIN_SHARE_KEPT * collapse(containerText).length;
}
