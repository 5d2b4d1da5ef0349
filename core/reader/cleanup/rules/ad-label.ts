import type { CleanupRule } from '../rule.ts';
import { TEXT_BLOCKS, wholeText } from '../rule.ts';

const LABELS = wholeText([
  'publicité',
  'pub',
  'annonce',
  'contenu sponsorisé',
  'la suite après cette publicité',
  'la suite après la publicité',
  'advertisement',
  'advert',
  'advertising',
  'ad',
  'ads',
  'sponsored',
  'sponsored content',
  'paid content',
  'story continues below advertisement',
  'article continues below advertisement',
  'story continues below',
  'story continues below gallery',
  'continue reading below',
  'continue reading the main story',
  'anzeige',
  'werbung',
  'publicidad',
  'anuncio',
  'pubblicità',
  'publicidade',
]);

const rule: CleanupRule = {
  id: 'ad-label',
  reason:
    'Ad slots are emptied by blockers or lazy loading but keep their label ("Publicité", "Advertisement"), which Readability keeps as a lone line.',
  languages: ['fr', 'en', 'de', 'es', 'it', 'pt'],
  fixtures: ['en-reading-time-ads', 'de-lesezeit', 'es-tiempo-lectura', 'it-leggi-anche', 'pt-leia-tambem'],
  stage: 'article',
  tags: TEXT_BLOCKS,
  maxLength: 50,
  match: (_el, text) => LABELS.test(text),
};
export default rule;
