import type { CleanupRule } from '../rule.ts';
import { TEXT_BLOCKS } from '../rule.ts';

const N = String.raw`\d+(?:[.,]\d+)?(?:\s*[-–à]\s*\d+)?`;
const MIN = String.raw`(?:minutes?|minuten|minuti|minutos|mins?|mn|min)\.?`;
const LABEL = String.raw`(?:temps de lecture|durée de lecture|lecture|(?:estimated )?reading time|read time|time to read|lesezeit|lesedauer|tiempo (?:estimado )?de lectura|lectura|tempo di lettura|lettura|tempo de leitura|leitura)`;
const AFTER = String.raw`(?:read|reading|de lecture|lecture|lesezeit|lesedauer|de lectura|lectura|di lettura|de leitura|leitura)`;

const PATTERNS = [
  // "Temps de lecture : 3 minutes", "Lesezeit: 3 Min.", "Tiempo de lectura: 3 minutos"
  new RegExp(String.raw`^${LABEL}\s*[:：]?\s*(?:~|≈|environ|about|approx\.?|ca\.|circa|unos)?\s*${N}\s*${MIN}$`, 'iu'),
  // "5 min read", "3 min de lecture", "3 Min. Lesezeit", "3 minuti di lettura"
  new RegExp(String.raw`^(?:⏱\s*)?${N}\s*${MIN}\s*(?:[-–]\s*)?${AFTER}$`, 'iu'),
];

const rule: CleanupRule = {
  id: 'reading-time',
  reason:
    'Themes print a reading-time estimate, often several times (top bar, under the title, sidebar). Readability keeps those inside the article; we show one figure computed from the clean text.',
  languages: ['fr', 'en', 'de', 'es', 'it', 'pt'],
  fixtures: [
    'seed-fr-hammouchi',
    'en-reading-time-ads',
    'de-lesezeit',
    'es-tiempo-lectura',
    'es-entradilla-cabecera',
    'it-leggi-anche',
  ],
  stage: 'article',
  tags: TEXT_BLOCKS,
  maxLength: 60,
  match: (_el, text) => PATTERNS.some((p) => p.test(text)),
};
export default rule;
