// The page's own summary: a summary box in the article ("L'essentiel", "Key points"), else the
// standfirst, else the structured-data description. Cheap: one walk of the article's text nodes.
import { normalizedText } from '../text.ts';

/** Labels of publisher summary boxes, lower case, apostrophes straight, no final colon. */
const BOX_LABEL =
  /^(?:en bref|l'essentiel|l'essentiel en bref|ce qu'il faut (?:retenir|savoir)|à retenir|les? points? clés?|en résumé|résumé|key (?:points|takeaways|facts)|(?:the )?takeaways|in short|in brief|tl;? ?dr|at a glance|summary|story highlights|what you need to know|the short version|auf einen blick|das wichtigste(?: in kürze)?|in kürze|zusammenfassung|en resumen|lo esencial|claves|puntos clave|lo que hay que saber|in breve|in sintesi|punti chiave|em resumo|resumo|pontos-chave|o essencial)$/u;
/** Text nodes longer than this are not labels. */
const MAX_LABEL = 40;
const MAX_ITEMS = 10;
/** A box whose text is longer than this is a section of the article, not a summary. */
const MAX_BOX_CHARS = 2000;
const MIN_ITEM_CHARS = 15;

const SHOW_TEXT = 4; // NodeFilter.SHOW_TEXT, which Node has no global for
const INLINE = new Set([
  'A',
  'ABBR',
  'B',
  'BDI',
  'BDO',
  'CITE',
  'CODE',
  'EM',
  'I',
  'LABEL',
  'MARK',
  'Q',
  'S',
  'SMALL',
  'SPAN',
  'STRONG',
  'SUB',
  'SUP',
  'TIME',
  'U',
]);

function labelKey(text: string): string {
  return text
    .replace(/[\s\u00a0]+/g, ' ')
    .replace(/[’‘`]/g, "'")
    .replace(/^[\s\p{Extended_Pictographic}\uFE0F•▶►➤→\-–—]+/u, '')
    .replace(/[\s:.\-–—]+$/u, '')
    .toLowerCase();
}

/** Items of a list or texts of a box, in order, trimmed; empty ones out. */
function itemsIn(el: Element): string[] {
  const tag = el.tagName.toUpperCase();
  const lis = tag === 'LI' ? [el] : [...el.getElementsByTagName('li')];
  if (lis.length) return lis.map(normalizedText);
  const paragraphs = tag === 'P' ? [el] : [...el.getElementsByTagName('p')];
  if (paragraphs.length) return paragraphs.map(normalizedText);
  return [normalizedText(el)];
}

function clean(items: string[]): string[] | null {
  const kept = items.filter((t) => t.length >= MIN_ITEM_CHARS).slice(0, MAX_ITEMS);
  const total = kept.reduce((n, t) => n + t.length, 0);
  return kept.length && total <= MAX_BOX_CHARS ? kept : null;
}

/** The box a label opens: what follows the label in its paragraph, or the list or text after it. */
function boxAfter(labelNode: Node, label: string, root: Element): string[] | null {
  let owner = labelNode.parentElement;
  if (!owner || owner === root) return null;
  // Climb through inline wrappers (<strong>, <span>) to the label's block.
  while (INLINE.has(owner.tagName.toUpperCase()) && owner.parentElement && owner.parentElement !== root) {
    owner = owner.parentElement;
  }
  const ownText = normalizedText(owner);
  if (labelKey(ownText) !== label) {
    // An inline label opening its paragraph: "<p><strong>TL;DR:</strong> the text…</p>".
    const labelText = normalizedText(labelNode);
    if (!ownText.startsWith(labelText)) return null;
    const rest = ownText.slice(labelText.length).replace(/^[\s:.\-–—]+/u, '');
    return clean([rest]);
  }
  // The label's own block: climb while the parent holds nothing but the label. A box holding
  // nothing but its label and an empty list (filled by script) is empty, not followed by its summary.
  while (
    owner.parentElement &&
    owner.parentElement !== root &&
    labelKey(normalizedText(owner.parentElement)) === label
  ) {
    owner = owner.parentElement;
    if (owner.querySelector('ul, ol')) return null;
  }
  const next = owner.nextElementSibling;
  if (!next) return null;
  const nextTag = next.tagName.toUpperCase();
  if (nextTag === 'UL' || nextTag === 'OL' || nextTag === 'DD') return clean(itemsIn(next));
  // Inside a box, everything after the label is the summary; in the article's flow, one block.
  const boxed = owner.parentElement !== root;
  if (!boxed) return clean(itemsIn(next).slice(0, 1));
  const items: string[] = [];
  for (let el: Element | null = next; el; el = el.nextElementSibling) items.push(...itemsIn(el));
  return clean(items);
}

/** A publisher summary box in the article ("En bref", "Key points", "TL;DR"…): its items, else null. */
export function findSummaryBox(root: Element): string[] | null {
  const doc = root.ownerDocument;
  const walker = doc.createTreeWalker(root, SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const value = node.nodeValue ?? '';
    if (value.length > MAX_LABEL * 2) continue;
    const trimmed = value.trim();
    if (!trimmed || trimmed.length > MAX_LABEL) continue;
    const label = labelKey(trimmed);
    if (!BOX_LABEL.test(label)) continue;
    const box = boxAfter(node, label, root);
    if (box) return box;
  }
  return null;
}

export interface PublisherSources {
  /** The page's standfirst (`Article.lede`). */
  lede?: string | null;
  /** A description from structured data (JSON-LD), when the page gives one. */
  description?: string | null;
}

/**
 * The page's own summary, as a list of points: the items of a summary box in the article when
 * there is one, else the standfirst, else the JSON-LD description; null when the page has none.
 * `root` is the article's element (the extraction's result, before or after sanitizing).
 */
export function findPublisherSummary(root: Element | null, sources: PublisherSources = {}): string[] | null {
  const box = root ? findSummaryBox(root) : null;
  if (box) return box;
  for (const text of [sources.lede, sources.description]) {
    const t = text?.replace(/\s+/g, ' ').trim();
    if (t && t.length >= MIN_ITEM_CHARS) return [t];
  }
  return null;
}
