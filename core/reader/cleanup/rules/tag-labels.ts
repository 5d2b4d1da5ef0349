import type { CleanupRule } from '../rule.ts';
import { TEXT_BLOCKS, classHint } from '../rule.ts';
import { linkDensity } from '../dom.ts';

const TAGS_LABEL =
  /^(?:tags?|mots[- ]cl(?:é|e)s|mots clefs|thèmes|thématiques|sujets|étiquettes|schlagwörter|schlagworte|themen|stichworte|etiquetas|temas|argomenti|parole chiave|tópicos|assuntos|topics|filed under|categories|catégories|kategorien|categorías|categorie|categorias)\s*[:：]/iu;
const MARKUP = classHint([
  'tags',
  'tag-list',
  'taglist',
  'cat-links',
  'post-categories',
  'entry-categories',
  'keywords',
]);
const TAG_HREF =
  /\/(?:tags?|categor(?:y|ie|ies)|rubriques?|themes?|thema|themen|topics?|sujets?|etiquetas?|argomenti|assuntos|temas)\//i;

const rule: CleanupRule = {
  id: 'tag-labels',
  reason:
    'Tag and category labels ("Visite", "Tags: …") float between paragraphs or close the article; they are navigation, and Readability keeps the short ones.',
  languages: ['fr', 'en', 'de', 'es', 'it', 'pt'],
  fixtures: ['fr-related-tags'],
  stage: 'article',
  removesWidgets: true,
  tags: TEXT_BLOCKS,
  markup: MARKUP,
  maxLength: 400,
  markupMaxLength: 400,
  match(el, text, hit) {
    if (TAGS_LABEL.test(text) && linkDensity(el, text) >= 0.4) return true;
    if (hit.markup) return el.tagName !== 'P' && (text.length <= 60 || linkDensity(el, text) >= 0.6);
    // A lone link to a tag or category page, standing as its own block.
    if (el.tagName === 'A' && text.length <= 40) {
      return /(?:^|\s)tag(?:\s|$)/i.test(el.getAttribute('rel') ?? '') || TAG_HREF.test(el.getAttribute('href') ?? '');
    }
    return false;
  },
};
export default rule;
