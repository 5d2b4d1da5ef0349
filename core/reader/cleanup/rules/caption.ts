import type { CleanupRule } from '../rule.ts';
import { TEXT_BLOCKS, classHint } from '../rule.ts';
import { TRAILING_CREDIT } from '../credits.ts';
import { hasBlockChildren, holdsMedia, holdsPicture } from '../dom.ts';

const CAPTION_MARKUP = classHint(['caption', 'legende', 'légende', 'legend']);
/** "Abbildung: …", "Abb. 3:", "Figure 2." */
const FIGURE_LABEL = /^(?:abbildung|abb\.|figure|fig\.|grafik|ilustración|figura|rycina|ryc\.)\s*\d{0,3}\s*[:：.]\s/iu;

const rule: CleanupRule = {
  id: 'caption',
  reason:
    'Photo captions describe the picture, not the story, and read as stray sentences in the text. Removed by default; the keep-captions option keeps them with their images.',
  languages: ['*'],
  fixtures: ['seed-fr-hammouchi', 'en-captions-credits', 'it-leggi-anche', 'de-middle-furniture'],
  stage: 'article',
  captionRule: true,
  // Removes captions that carry an icon; pictures are checked below.
  removesWidgets: true,
  tags: TEXT_BLOCKS,
  markup: CAPTION_MARKUP,
  // Science sites' figcaptions run to paragraphs; unmarked lines are held to 300 characters below.
  maxLength: 1200,
  match(el, text, hit) {
    // A wrapper that holds the picture too is a figure, not a caption.
    if (hit.markup || el.tagName === 'FIGCAPTION' || el.getAttribute('itemprop') === 'caption')
      return !holdsPicture(el);
    // Unmarked captions: a short line that ends with a credit ("… intérieure. © DR") or opens with a figure label.
    return (
      text.length <= 300 &&
      (TRAILING_CREDIT.test(text) || FIGURE_LABEL.test(text)) &&
      !hasBlockChildren(el) &&
      !holdsMedia(el)
    );
  },
};
export default rule;
