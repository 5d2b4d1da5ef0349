import type { CleanupRule } from '../rule.ts';
import { TEXT_BLOCKS, tags, wholeText } from '../rule.ts';
import { nothingFollows, standaloneBlock } from '../dom.ts';

const BOX_LABELS = wholeText([
  'en bref',
  "l'essentiel",
  'à retenir',
  "ce qu'il faut retenir",
  'résumé',
  'sommaire',
  'points clés',
  'key points',
  'in short',
  'summary',
  'at a glance',
  'tl;dr',
  'tldr',
  'the big picture',
  'auf einen blick',
  'das wichtigste in kürze',
  'in kürze',
  'en resumen',
  'claves',
  'lo esencial',
  'in breve',
  'in sintesi',
  'punti chiave',
  'em resumo',
  'resumo',
  'pontos-chave',
  'o essencial',
]);

const HEADINGS = tags('h2', 'h3', 'h4', 'h5', 'h6');

const rule: CleanupRule = {
  id: 'orphan-label',
  reason:
    'Once a widget\'s content is gone (an "En bref" box that held only a reading-time banner, a "More from …" list loaded by script), its label stays behind as a lone line; a heading with nothing after it closes no section of the article.',
  languages: ['fr', 'en', 'de', 'es', 'it', 'pt'],
  fixtures: ['seed-fr-hammouchi', 'en-empty-summary-box'],
  stage: 'orphans',
  tags: TEXT_BLOCKS,
  maxLength: 80,
  match(el, text, _hit, _ctx, scope) {
    if (BOX_LABELS.test(text)) {
      const block = standaloneBlock(el, text, scope);
      // The label's box holds nothing else, or nothing follows it.
      return block !== el || nothingFollows(block, scope);
    }
    // A heading introduces what follows it: one that closes the article is the label of a widget that is gone
    // ("More from the Herald", "Siehe auch", "Auch auf …"), whatever its words.
    return HEADINGS.has(el.tagName) && nothingFollows(el, scope);
  },
};
export default rule;
