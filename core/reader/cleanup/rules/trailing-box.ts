import type { CleanupContext, CleanupRule, CleanupScope } from '../rule.ts';
import { tags, wholeText } from '../rule.ts';
import { follows, holdsProse } from '../dom.ts';
import { textAfter } from './trailing-chrome.ts';

// Boxes that are never the article, by a whole word of their class or id ("loads", "shadow", "headline" are not
// "ad"): an author box (the byline is metadata; the biography boilerplate: issue 15), a call to action or promo (a
// membership appeal), a teaser, an ad, a sidebar
// widget, a newsletter form, a meta line. Readability's expected pages keep two such biographies (citylab-1, iab-1):
// they are on bench/readability-clutter.json.
const BOX =
  /(?:^|[\s_-])(?:author|autor|cta|promo|ads?|advert\w*|anzeige|sidebar|widget|teaser|newsletter|(?:post)?meta(?:data)?)(?:$|[\s_-])/i;

// Headings that open what is not the article: the comments (what follows them at the end is no story either).
const OPENS = wholeText([
  'comments',
  'kommentare',
  'commentaires',
  'comentarios',
  'commenti',
  'comentários',
  'komentarze',
]);
const LABELS = tags('h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'b', 'span', 'p', 'label');
/** Most text such a heading may open: a biography or an empty comment box, not a section of the article. */
const MAX_OPENED = 1500;

/** The heading and everything after it to the end of the article, when that is short. */
function openedTail(el: Element, scope: CleanupScope): Element[] | false {
  const after = textAfter(el, scope);
  if (after > MAX_OPENED || after > scope.rawLength(scope.root) / 4) return false;
  const doomed = [el];
  for (let n: Element = el; n !== scope.root && n.parentElement; n = n.parentElement)
    for (let sib = n.nextElementSibling; sib; sib = sib.nextElementSibling) doomed.push(sib);
  return doomed;
}

/** Whether el sits in (or is) a furniture-named box below the scope's root. */
function inBox(el: Element, root: Element): boolean {
  for (let n: Element | null = el; n && n !== root; n = n.parentElement) {
    const sig = `${n.getAttribute('class') ?? ''} ${n.getAttribute('id') ?? ''}`;
    if (sig !== ' ' && BOX.test(sig)) return true;
  }
  return false;
}

/** The last paragraph of prose that is not inside such a box: where the article itself ends. */
function lastArticleProse(scope: CleanupScope): Element | null {
  const ps = scope.paragraphs;
  for (let i = ps.length - 1; i >= 0; i--) {
    const p = ps[i]!;
    if (holdsProse(p, scope) && !inBox(p, scope.root)) return p;
  }
  return null;
}

const afterArticle = (el: Element, ctx: CleanupContext, scope: CleanupScope): boolean => {
  const last = ctx.memo('trailing-box:last-prose', () => lastArticleProse(scope));
  return !!last && follows(last, el) && !el.contains(last);
};

const rule: CleanupRule = {
  id: 'trailing-box',
  reason:
    'Readability keeps, after the article, the boxes its container closes with: the author box with a biography, a membership appeal, a newsletter form, a teaser of the next article, an ad notice. They can hold sentences, so the other rules leave them; a box named so (author, cta, promo, teaser, ad, sidebar, widget, newsletter, meta) that comes after the last paragraph of prose outside such boxes goes whole; so does the short end of the article that a "Comments" heading opens.',
  languages: ['*'],
  fixtures: ['de-trailing-box'],
  stage: 'article',
  removesProse: true,
  removesWidgets: true,
  tags: LABELS,
  markup: BOX,
  maxLength: 30,
  markupMaxLength: 1500,
  match(el, text, hit, ctx, scope) {
    if (hit.markup && afterArticle(el, ctx, scope)) return true;
    return OPENS.test(text) && openedTail(el, scope);
  },
};
export default rule;
