import type { CleanupRule } from '../rule.ts';
import { TEXT_BLOCKS } from '../rule.ts';

const CONTACT =
  /^(?:have a (?:news )?tip\?|got a tip\?|(?:reach|contact) (?:the )?(?:author|reporter|writer)\b|[\p{Lu}][\p{L}.'’-]+(?:\s[\p{Lu}][\p{L}.'’-]+){0,3} (?:may|can) be reached at|(?:vous avez une info|une info à nous signaler)\s*\?|joindre (?:l['’]auteur|la rédaction)|(?:hinweis|tipp) an die redaktion|contacta (?:al|con el) (?:autor|periodista)|scrivi (?:all['’]autore|alla redazione)|fale com (?:o autor|a redação)).{0,240}$/iu;

const rule: CleanupRule = {
  id: 'author-contact',
  reason:
    'A closing "Have a tip? Jane Doe may be reached at …" line is the newsroom\'s contact card, not the story; the byline is already metadata. (Author bio boxes stay: Readability keeps them and some readers want them.)',
  languages: ['fr', 'en', 'de', 'es', 'it', 'pt'],
  fixtures: ['en-bylines-dates'],
  stage: 'article',
  tags: TEXT_BLOCKS,
  maxLength: 300,
  match: (_el, text) => CONTACT.test(text),
};
export default rule;
