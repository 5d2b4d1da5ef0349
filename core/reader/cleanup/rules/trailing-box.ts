import type { CleanupContext, CleanupRule, CleanupScope } from '../rule.ts';
import { follows, holdsProse } from '../dom.ts';

// Boxes that are never the article, by a whole word of their class or id: an author box, a teaser, an ad, a
// sidebar widget, a newsletter form. Whole words only: "loads", "shadow", "headline" are not "ad".
const BOX = /(?:^|[\s_-])(?:author|autor|ads?|advert\w*|anzeige|sidebar|widget|teaser|newsletter)(?:$|[\s_-])/i;

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
  const ps = scope.root.getElementsByTagName('P');
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
    'Readability keeps, after the article, the boxes its container closes with: the author box with a biography ("Jule Radeck studierte …"), a newsletter form, a teaser of the next article, an ad notice. They can hold sentences, so the other rules leave them; a box named so (author, teaser, ad, sidebar, widget, newsletter) that comes after the last paragraph of prose outside such boxes goes whole.',
  languages: ['*'],
  fixtures: ['de-trailing-box'],
  stage: 'article',
  removesProse: true,
  removesWidgets: true,
  tags: new Set(),
  markup: BOX,
  maxLength: 1,
  markupMaxLength: 1500,
  match: (el, _text, hit, ctx, scope) => hit.markup && afterArticle(el, ctx, scope),
};
export default rule;
