import type { CleanupRule } from '../rule.ts';
import { TEXT_BLOCKS } from '../rule.ts';

const PATTERNS = [
  // Skip links and script notices.
  /^(?:skip to (?:main )?content|skip navigation|aller au contenu(?: principal)?|passer au contenu|zum inhalt springen|ir al contenido|vai al contenuto|ir para o conteúdo)$/iu,
  /^(?:this (?:slideshow|video|content|page|feature|gallery|interactive) requires javascript|(?:please )?enable javascript\b.{0,80}|javascript (?:is )?(?:disabled|required)\b.{0,80}|vous devez activer javascript.{0,80})\.?$/iu,
  // Cookie notices.
  /^.{0,120}\b(?:(?:this (?:web)?site|we) uses? cookies|ce site utilise des cookies|nous utilisons des cookies|diese website verwendet cookies|wir verwenden cookies|este sitio (?:web )?utiliza cookies|utilizziamo (?:i )?cookie|este site utiliza cookies)\b.{0,200}$/iu,
  // Site-wide copyright lines (not a photo credit: those are their own rule).
  /^.{0,160}(?:©|\(c\)|copyright)\s*(?:\d{4}|\p{Lu}).{0,160}(?:all rights reserved|tous droits réservés|alle rechte vorbehalten|todos los derechos reservados|tutti i diritti riservati|todos os direitos reservados|subsidiary|inc\.|ltd|s\.a\.|gmbh)\b.{0,80}$/iu,
  /^(?:the contents of this site are ©|this (?:document|article|material|content) is (?:subject to|protected by) copyright).{0,300}$/iu,
  // Affiliate disclosures.
  /^.{0,80}\b(?:(?:may )?contains? affiliate(?: and\/or referral)? links|we may earn (?:a )?(?:small )?commission|as an amazon associate|liens? affiliés?|affiliate-links?|enlaces de afiliados|link di affiliazione|links? de afiliados?)\b.{0,200}$/iu,
];

/** Words one of the patterns needs: a cheap screen before the costly patterns. */
const KEYWORDS =
  /skip|aller au|passer au|zum inhalt|ir al|vai al|ir para|javascript|cookie|©|\(c\)|copyright|affiliat|affili|commission|associate|enlaces de|link di|links? de/i;

const rule: CleanupRule = {
  id: 'site-chrome',
  reason:
    'Skip links, "requires JavaScript" notices, cookie banners, site copyright lines and affiliate disclosures are the site talking, not the article; Readability keeps them when they sit near the text.',
  languages: ['fr', 'en', 'de', 'es', 'it', 'pt'],
  fixtures: ['en-site-chrome'],
  stage: 'article',
  tags: TEXT_BLOCKS,
  maxLength: 400,
  match: (_el, text) => KEYWORDS.test(text) && PATTERNS.some((p) => p.test(text)),
};
export default rule;
