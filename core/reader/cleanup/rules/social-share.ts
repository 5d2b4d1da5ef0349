import type { CleanupRule } from '../rule.ts';
import { TEXT_BLOCKS, classHint } from '../rule.ts';

const MARKUP = classHint(['share', 'social', 'addthis', 'a2a_', 'follow-us']);

const NETWORK = String.raw`facebook|twitter|x|linkedin|whatsapp|telegram|e-?mail|mail|print|imprimer|drucken|imprimir|stampa|copy link|copier le lien|link kopieren|copiar link|copiar o link|copiar enlace|copia link|pinterest|reddit|messenger|flipboard|bluesky|threads|instagram|youtube|tiktok|mastodon|tumblr|xing|sms|share|partager|teilen|compartir|condividi|compartilhar`;

const PATTERNS = [
  /^(?:et )?(?:sur |suivez-nous sur |retrouvez-nous sur )?(?:nos|les) réseaux sociaux\s*[:：]?$/iu,
  /^(?:suivez-nous|retrouvez-nous|follow us|follow .{1,30} on (?:twitter|x|facebook|instagram)|share this(?: article| story| post| page)?|share on \w+|share|partager(?: cet article| sur \w+)?|partagez(?: cet article)?|teilen|diesen artikel teilen|folgen sie uns|compartir|compártelo|compartir en \w+|síguenos|condividi|seguici|compartilhe|compartilhar|siga-nos)(?:\s*[:：!.]?\s*|\s*[:：].{0,40}|\s+(?:on|sur|auf|en|su|no|na|via|us|nous)\b.{0,30})$/iu,
  new RegExp(String.raw`^(?:(?:${NETWORK})[\s,|·•/]*){2,}$`, 'iu'),
];

const rule: CleanupRule = {
  id: 'social-share',
  reason:
    'Share bars and "follow us" calls are embedded next to the text; once their icons are stripped Readability keeps their labels and network names.',
  languages: ['fr', 'en', 'de', 'es', 'it', 'pt'],
  fixtures: ['en-newsletter-social', 'pt-leia-tambem'],
  stage: 'article',
  removesWidgets: true,
  tags: TEXT_BLOCKS,
  markup: MARKUP,
  maxLength: 80,
  markupMaxLength: 400,
  match(el, text, hit) {
    if (text.length <= 80 && PATTERNS.some((p) => p.test(text))) return true;
    // Markup alone is weak ("social" is also a news section): require short text or mostly links.
    return hit.markup && text.length <= 200 && el.tagName !== 'P' && el.tagName !== 'ARTICLE';
  },
};
export default rule;
