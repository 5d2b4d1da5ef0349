import type { CleanupRule, CleanupScope } from '../rule.ts';
import { classHint, tags } from '../rule.ts';
import { normalizedText } from '../../text.ts';
import { holdsProse } from '../dom.ts';

const MARKUP = classHint([
  'author-box',
  'authorbox',
  'author-bio',
  'author-info',
  'about-author',
  'about-the-author',
  'author-description',
  'autorenbox',
  'autorbox',
]);
/** The box's own title: "Über den Autor", "Zur Person", "About the author", "À propos de l'auteur". */
const LABEL =
  /^(?:über (?:den|die) aut(?:h)?or(?:in)?|zur person|about the (?:author|writer)|à propos de l['’]auteur(?:e|rice)?|sobre (?:el autor|la autora|o autor|a autora)|o autorze|sull['’]autore)\s*[:：]?$/iu;
/** Most of the article's text an author box may hold: past that it is the article. */
const MAX_SHARE = 0.3;

/** Whether a paragraph of prose comes after el inside the scope. */
function proseFollows(el: Element, scope: CleanupScope): boolean {
  for (let n: Element | null = el; n && n !== scope.root; n = n.parentElement)
    for (let sib = n.nextElementSibling; sib; sib = sib.nextElementSibling) if (holdsProse(sib, scope)) return true;
  return false;
}

const rule: CleanupRule = {
  id: 'author-box',
  reason:
    'Blogs and magazines close the article with a box about its author ("Über den Autor", "Zur Person", "About the author"): a biography, not the article. Only a box named so by its class or its own title, that ends the article (no prose after it) and holds a small part of its text.',
  languages: ['de', 'en', 'fr', 'es', 'pt', 'pl', 'it'],
  fixtures: ['de-author-box'],
  stage: 'article',
  removesProse: true, // a biography is written in sentences
  tags: tags('div', 'section', 'aside', 'footer'),
  markup: MARKUP,
  maxLength: 1200,
  match(el, text, hit, _ctx, scope) {
    if (!hit.markup) {
      const first = el.firstElementChild;
      if (!first || !LABEL.test(normalizedText(first))) return false;
    }
    if (text.length > scope.rawLength(scope.root) * MAX_SHARE) return false;
    return !proseFollows(el, scope);
  },
};
export default rule;
