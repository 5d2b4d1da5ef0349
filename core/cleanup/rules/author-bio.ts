import type { CleanupRule } from '../rule.ts';
import { TEXT_BLOCKS, classHint, wholeText } from '../rule.ts';

const LABEL = wholeText([
  'about the author',
  'about the authors',
  'about the writer',
  'more from the author',
  "à propos de l'auteur",
  "l'auteur",
  "à propos de l'autrice",
  'über den autor',
  'über die autorin',
  'zum autor',
  'sobre el autor',
  'sobre la autora',
  "l'autore",
  "sull'autore",
  'sobre o autor',
  'sobre a autora',
]);
const MARKUP = classHint([
  'author-bio',
  'author-box',
  'about-author',
  'author-info',
  'author-card',
  'authorbox',
  'author-description',
  'bio-box',
  'byline-bio',
]);
const CONTACT =
  /^(?:have a (?:news )?tip\?|got a tip\?|(?:reach|contact) (?:the )?(?:author|reporter|writer)\b|[\p{Lu}][\p{L}.'’-]+(?:\s[\p{Lu}][\p{L}.'’-]+){0,3} (?:may|can) be reached at).{0,240}$/iu;

const rule: CleanupRule = {
  id: 'author-bio',
  reason:
    'Author boxes ("About the author", "Have a tip? … may be reached at …") close many articles; the byline is already metadata.',
  languages: ['fr', 'en', 'de', 'es', 'it', 'pt'],
  fixtures: ['en-bylines-dates'],
  stage: 'article',
  removesWidgets: true,
  tags: TEXT_BLOCKS,
  markup: MARKUP,
  maxLength: 300,
  markupMaxLength: 1200,
  trustMarkup: true,
  match(el, text, hit) {
    if (hit.markup) return el.tagName !== 'P' && el.tagName !== 'ARTICLE';
    if (text.length <= 40 && LABEL.test(text)) {
      // The label and the short bio after it, when they close their container.
      const bio: Element[] = [el];
      let length = 0;
      for (let n = el.nextElementSibling; n; n = n.nextElementSibling) {
        length += (n.textContent ?? '').length;
        if (length > 1000) return true;
        bio.push(n);
      }
      return bio;
    }
    return text.length <= 300 && CONTACT.test(text);
  },
};
export default rule;
