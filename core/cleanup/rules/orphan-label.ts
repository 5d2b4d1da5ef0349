import type { CleanupRule } from '../rule.ts';
import { TEXT_BLOCKS, wholeText } from '../rule.ts';
import { nothingFollows, standaloneBlock } from '../dom.ts';

const BOX_LABELS = wholeText([
  'en bref', "l'essentiel", 'à retenir', "ce qu'il faut retenir", 'résumé', 'sommaire', 'points clés', 'key points', 'in short',
  'summary', 'at a glance', 'tl;dr', 'tldr', 'the big picture', 'auf einen blick', 'das wichtigste in kürze', 'in kürze', 'en resumen',
  'claves', 'lo esencial', 'in breve', 'in sintesi', 'punti chiave', 'em resumo', 'resumo', 'pontos-chave', 'o essencial',
]);

const rule: CleanupRule = {
  id: 'orphan-label',
  reason:
    'Once a summary box\'s content is gone (an "En bref" box that held only a reading-time banner), its label stays behind as a lone line.',
  languages: ['fr', 'en', 'de', 'es', 'it', 'pt'],
  fixtures: ['seed-fr-hammouchi'],
  stage: 'orphans',
  tags: TEXT_BLOCKS,
  maxLength: 80,
  match(el, text, _hit, _ctx, scope) {
    if (BOX_LABELS.test(text)) {
      const block = standaloneBlock(el, text, scope);
      // The label's box holds nothing else, or nothing follows it.
      return !!block && (block !== el || nothingFollows(block, scope));
    }
    return false;
  },
};
export default rule;
