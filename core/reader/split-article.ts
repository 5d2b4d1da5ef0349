// Some pages cut their article into several blocks of the same kind, one after another (a CMS "text" section per
// few paragraphs, with an ad slot between). Readability keeps the best-scoring block and joins the siblings that
// score alike; a short block of the same kind scores too little and is lost. This module finds, next to the block
// Readability kept, siblings of the same tag and class that hold prose the article lacks, and gives them back.
import { normalizedText } from './text.ts';
import { linkDensity } from './cleanup/dom.ts';
import { absolute, anchorIn, pageOf } from './missing-lede.ts';
import { fromPrototypes } from './unclobber.ts';

/** How far up from the article's first (last) paragraph the blocks are looked for. */
const MAX_LEVELS = 6;
/** A block that holds more text than the article by this much is beyond what Readability kept. */
const MAX_GROWTH = 1.5;
/** A sibling block is article when it holds a paragraph this long, with few links. */
const MIN_PROSE = 80;
const MAX_LINKS = 0.25;
/** At most this many siblings looked at each side. */
const MAX_SIBLINGS = 12;

const collapse = (s: string) => s.replace(/[\s\u00a0\u200b]+/g, ' ').trim();

function holdsProse(el: Element): boolean {
  if (el.tagName === 'P') return normalizedText(el).length >= MIN_PROSE;
  for (const p of el.getElementsByTagName('p')) if (normalizedText(p).length >= MIN_PROSE) return true;
  return false;
}

/** Siblings of the same kind as the article's block, before (`back`) or after it, that it lacks. */
function siblingsOf(anchor: Element, have: string, back: boolean): Element[] {
  const parentOf = fromPrototypes(anchor, 'parentElement', 'get') as (this: Node) => Element | null;
  let block = parentOf.call(anchor);
  for (let level = 0; block && level < MAX_LEVELS; level++, block = parentOf.call(block)) {
    if (['BODY', 'HTML', 'FORM'].includes(block.tagName)) break;
    if (normalizedText(block).length > have.length * MAX_GROWTH) break;
    const kind = block.getAttribute('class')?.trim();
    if (!kind) continue;
    const found: Element[] = [];
    let seen = 0;
    for (let s = back ? block.previousElementSibling : block.nextElementSibling; s && seen++ < MAX_SIBLINGS;) {
      const text = normalizedText(s);
      const same = s.tagName === block.tagName && s.getAttribute('class')?.trim() === kind;
      if (text && !same) break; // an ad slot or a spacer between two parts is passed over
      if (same && text && !have.includes(text.slice(0, MIN_PROSE))) {
        if (!holdsProse(s) || linkDensity(s, text) > MAX_LINKS) break;
        found.push(s);
      }
      s = back ? s.previousElementSibling : s.nextElementSibling;
    }
    if (found.length) return back ? found.reverse() : found;
  }
  return [];
}

/** Puts the parts of the article Readability left out around what it kept; how many there were. */
export function joinSplitArticle(page: Document, article: Element): number {
  let before: Element[] = [];
  let after: Element[] = [];
  try {
    const have = collapse(article.textContent ?? '');
    const first = anchorIn(page, article);
    const last = anchorIn(page, article, true);
    if (first) before = siblingsOf(first, have, true);
    if (last) after = siblingsOf(last, have, false);
  } catch {
    return 0; // a hostile page's markup: the article as Readability gave it
  }
  const host = pageOf(article);
  const start = host.firstChild;
  const copy = (el: Element) => absolute(article.ownerDocument.importNode(el, true), el);
  for (const el of before) host.insertBefore(copy(el), start);
  for (const el of after) host.appendChild(copy(el));
  return before.length + after.length;
}
