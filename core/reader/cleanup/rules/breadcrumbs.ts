import type { CleanupRule } from '../rule.ts';
import { TEXT_BLOCKS, classHint } from '../rule.ts';

const MARKUP = classHint(['breadcrumb', 'crumbs', 'ariane']);
const TRAIL =
  /^(?:accueil|home|homepage|startseite|inicio|início|home page|página inicial|pagina iniziale)\s*[/>›»|→]\s*\S.*$/iu;

const rule: CleanupRule = {
  id: 'breadcrumbs',
  reason:
    'Breadcrumb trails ("Accueil / Politique / …") repeat the title and section; Readability keeps them when they sit inside the article header.',
  languages: ['fr', 'en', 'de', 'es', 'it', 'pt'],
  fixtures: ['fr-breadcrumbs-inside-header'],
  stage: 'article',
  removesWidgets: true,
  tags: TEXT_BLOCKS,
  markup: MARKUP,
  maxLength: 300,
  markupMaxLength: 300,
  match: (el, text, hit) =>
    hit.markup ||
    /breadcrumb/i.test(el.getAttribute('aria-label') ?? '') ||
    /BreadcrumbList/.test(el.getAttribute('itemtype') ?? '') ||
    TRAIL.test(text),
};
export default rule;
