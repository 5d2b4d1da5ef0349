import type { CleanupRule } from '../rule.ts';
import { containsTag, tagSet, withinTag } from '../dom.ts';

const FIGURE = tagSet('figure', 'figcaption');
import { tags } from '../rule.ts';
import { normalizedText } from '../../text.ts';

/**
 * Texts that describe the article's images: figure captions, and unless captions are kept,
 * alt and title attributes (with captions kept, a line equal to the alt text is the
 * caption itself).
 */
function imageTexts(article: Element, withAlt: boolean): Set<string> {
  const texts = new Set<string>();
  for (const el of article.getElementsByTagName('figcaption')) {
    const t = normalizedText(el);
    if (t.length >= 12 && t.length <= 400) texts.add(t);
  }
  if (!withAlt) return texts;
  for (const img of article.getElementsByTagName('img')) {
    for (const t of [img.getAttribute('alt'), img.getAttribute('title')]) {
      const n = t?.replace(/\s+/g, ' ').trim();
      if (n && n.length >= 12) texts.add(n);
    }
  }
  return texts;
}

const rule: CleanupRule = {
  id: 'duplicate-caption',
  reason:
    'Themes print a caption twice (in the figure and again as a line, or as the image alt shown as text); the copy outside the figure is noise even when captions are kept.',
  languages: ['*'],
  fixtures: ['en-captions-credits'],
  stage: 'article',
  tags: tags('p', 'div', 'span', 'strong', 'em'),
  maxLength: 400,
  match(el, text, _hit, ctx, scope) {
    // The caption itself, inside its figure or wrapping it, is not a copy.
    if (text.length < 12 || withinTag(el, FIGURE, scope.root) || containsTag(el, FIGURE)) return false;
    return ctx.memo('image-texts', () => imageTexts(scope.root, !ctx.keepCaptions)).has(text);
  },
};
export default rule;
