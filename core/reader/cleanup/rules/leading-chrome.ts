import type { CleanupRule, CleanupScope } from '../rule.ts';
import { TEXT_BLOCKS, classHint } from '../rule.ts';
import { containsTag, follows, holdsProse, isInline, linkDensity, tagSet, withinTag } from '../dom.ts';

// The metadata around a headline, by class or id, in the words CMSs use across languages.
const MARKUP = classHint(['byline', 'author', 'autor', 'meta', 'dateline', 'datum', 'kicker', 'rubri', 'categor']);
// Headings are the article's own; pictures and their captions belong to the caption rules.
const KEPT = tagSet('h1', 'h2', 'h3', 'h4', 'figure');
// Nor blocks that hold them.
const HELD = tagSet('img', 'picture', 'video', 'iframe', 'h1', 'h2', 'h3', 'h4');
const ITEM = tagSet('li', 'ul', 'ol');
const TIME = tagSet('time');

/**
 * A date in any language: day, month (a word or a number) and year, either order; then perhaps a time
 * ("16 marca 2021", "March 16, 2021", "4 de mayo de 2022 - 00:38", "2021-04-29 17:13:04.031886+02:00").
 */
const STAMP =
  /(?:\d{1,2}\.?\s*(?:de\s+)?\p{L}{3,12}\.?,?\s*(?:de\s+)?\d{4}|\p{L}{3,12}\.?\s+\d{1,2}\p{L}{0,2},?\s+\d{4}|\d{1,4}[./-]\d{1,2}[./-]\d{2,4})(?:\D{0,4}\d{1,2}[:.h]\d{2}\S*(?:\s*(?:[ap]\.?m|uhr))?)?/giu;
/** A byline: "By", "Von", "Par", "Por", "Przez", "Door", "Av", "Autor:", "Text:" and one to four names (label lower-cased). */
const BYLINE =
  /^(?:by|von|par|por|przez|door|av|af|autor\p{L}*|author|text|tekst|texte)\s*:?\s+(?:\p{Lu}[\p{L}'’.-]*\s*(?:\p{Ll}{1,3}\s+|[,&]\s*)?){1,4}$/u;

/** Words of three letters or more: "Aktualisiert", "Published on" (two), "Mis à jour le" (two). */
const words = (s: string) => s.match(/\p{L}{3,}/gu)?.length ?? 0;

/** A stamp: a date and at most two words of label ("Opublikowano:", "Mittwoch, … - Handel"). */
function isStamp(text: string): boolean {
  const bare = text.replace(STAMP, '');
  return bare !== text && words(bare) <= 2 && bare.replace(/[\s|·,;:()–—-]/g, '').length <= 30;
}

/** A line of metadata: three or more short fields set apart by bars or dots, one of them a date. */
function isMetaLine(text: string): boolean {
  const fields = text.split(/\s[|·•]\s/);
  return fields.length >= 3 && fields.every((f) => f.length <= 40) && text.replace(STAMP, '') !== text;
}

/** The name under a photo whose alt text it repeats: an author card ("Mark Lavin" under his portrait). */
function namesPhoto(el: Element, text: string): boolean {
  const prev = el.previousElementSibling;
  const img = prev?.tagName === 'IMG' ? prev : prev?.getElementsByTagName('img')[0];
  return !!img && img.getAttribute('alt')?.trim() === text;
}

/** The first two paragraphs of prose: the first ends the head, the second what a lede may push the stamps past. */
export function proseMarks(scope: CleanupScope): Element[] {
  const marks: Element[] = [];
  for (const p of scope.paragraphs) if (marks.length < 2 && holdsProse(p, scope)) marks.push(p);
  return marks;
}

export const PROSE_MARKS = 'leading-chrome:prose';

/** Links, nearly all of el's text, none to a place in the page (a table of contents is the article's). */
export function linksAway(el: Element, text: string): boolean {
  const links = el.getElementsByTagName('a');
  if (!links.length || linkDensity(el, text) < 0.8) return false;
  for (const a of links) if (a.getAttribute('href')?.startsWith('#')) return false;
  return true;
}

/** An inline piece ("<strong><em>By Jane Doe</em></strong>: The council…") of a longer block: words of a sentence. */
function partOfSentence(el: Element, text: string, scope: CleanupScope): boolean {
  let block = el;
  while (isInline(block) && block.parentElement && block.parentElement !== scope.root) block = block.parentElement;
  return block !== el && scope.rawLength(block) > text.length * 2 + 40;
}

/** Inside a small box named for metadata (an author box with its photo, which is never removed whole). */
function namedBox(el: Element, scope: CleanupScope): boolean {
  for (let n = el.parentElement; n && n !== scope.root; n = n.parentElement)
    if (MARKUP.test(`${n.getAttribute('class')} ${n.id}`)) return scope.rawLength(n) <= 300;
  return false;
}

// A short block is never an ancestor of a paragraph of prose: coming first is being before it.
const before = (el: Element, mark: Element | undefined) => !!mark && follows(el, mark);

const rule: CleanupRule = {
  id: 'leading-chrome',
  reason:
    'Before the article\'s prose, Readability keeps the metadata around the headline: date stamps in any language ("16 marca 2021", "Aktualisiert: 11.04.2020, 10:27"), bylines ("Von Anna Muster"), author, date and category boxes, lines of metadata fields ("Freitag | 14. Juni 2019 | von Anna Muster | 0 Kommentare"), the site\'s menu, lone links. Short blocks only, never a sentence, a heading, a picture or its caption; stamps and bylines also between a standfirst and the second paragraph.',
  languages: ['*'],
  fixtures: ['pl-leading-chrome'],
  stage: 'article',
  // Removes boxes whose date carries an icon (a small svg); pictures are checked below.
  removesWidgets: true,
  tags: TEXT_BLOCKS,
  markup: MARKUP,
  maxLength: 100,
  match(el, text, hit, ctx, scope) {
    const [first, second] = ctx.memo(PROSE_MARKS, () => proseMarks(scope));
    if (!before(el, second ?? first) || withinTag(el, KEPT, scope.root)) return false;
    if (containsTag(el, HELD) || partOfSentence(el, text, scope)) return false;
    // Past a standfirst, only a date the page marks as one: an event's date in the text is not a stamp.
    if (
      BYLINE.test(text.replace(/^\p{L}+/u, (w) => w.toLowerCase())) ||
      (isStamp(text) && (before(el, first) || withinTag(el, TIME) || containsTag(el, TIME)))
    )
      return true;
    // Weaker signs only before the first paragraph, and never on a sentence (a short standfirst).
    if (!before(el, first) || (/[.!?…]$/.test(text) && words(text) > 4)) return false;
    if ((hit.markup && el.tagName !== 'P') || namedBox(el, scope) || isMetaLine(text) || namesPhoto(el, text))
      return true;
    // A lone link, or the site's menu; not an item of a list (a sidebar's list of links, which Readability's own
    // pages keep).
    const menu = el.tagName === 'NAV' || el.getAttribute('role') === 'navigation';
    if (!menu && (text.length > 60 || withinTag(el, ITEM, scope.root))) return false;
    return linksAway(el, text);
  },
};
export default rule;
