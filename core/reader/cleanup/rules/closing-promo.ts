import type { CleanupRule } from '../rule.ts';
import { TEXT_BLOCKS } from '../rule.ts';
import { afterLastProse } from './trailing-chrome.ts';

// The site asking something of the reader: subscribe, follow, share, get the app; said once the article is over.
// Word starts (and ends) by letters, not \b: \b does not see "ú" or "ł" as letters.
const words = (list: string, whole = false) => new RegExp(`(?<!\\p{L})(?:${list})${whole ? '(?!\\p{L})' : ''}`, 'iu');
const SUBSCRIBE = words(
  "subscri|sign(?:ing)? up|newsletter|abonnier|abonnez|s['’]abonner|suscr[ií]b|suscripci|subskryp|prenumer|iscriviti|abbonati|assine|inscreva|become a member|werde mitglied|devenez membre|hazte (?:miembro|socio)|diventa socio|torne-se membro",
);
const ACTION = words(
  'follow|keep up with|download|share|join|get|folge|folgt|teilen|teile|herunterladen|suivez|suivre|partage|rejoignez|télécharge|s[ií]gue|seguir|siga|segui|descarga|compart|únete|condividi|scarica|baixe|obserwuj|udostępnij|pobierz|dołącz',
);
const CHANNEL = words(
  'facebook|twitter|instagram|youtube|tiktok|linkedin|telegram|whatsapp|pinterest|mastodon|rss|podcast|apps?|appli(?:cation)?|aplicación|canal|channel|kanal|artikel|article|artículo|artigo|articolo|artykuł|beitrag',
  true,
);
/** The site's rights notice: "© 2021 …", "Alle Rechte vorbehalten", a Creative Commons licence. */
const RIGHTS =
  /^(?:©|\(c\)|copyright(?!\p{L}))|all rights reserved|alle rechte vorbehalten|tous droits réservés|todos los derechos reservados|tutti i diritti riservati|wszelkie prawa zastrzeżone|creative commons|(?<!\p{L})cc[- ]by(?!\p{L})/iu;
/** "War der Artikel nützlich?", "Was this article helpful?". */
const HELPFUL = words('(?:hilfreich|nützlich|helpful|useful|utile|útil|przydatn\\p{L}*)\\s*\\?');

const rule: CleanupRule = {
  id: 'closing-promo',
  reason:
    'After the last paragraph of prose, sites close with what they ask of the reader ("Subscribe now to our e-edition", "Follow us on Twitter", "Get the app", "Share this article?", "Was this article helpful?") and their rights notice ("© 2021 …", "Alle Rechte vorbehalten", a CC-BY licence). Short blocks only, after all prose, and only with the words of such a request or notice.',
  languages: ['en', 'de', 'fr', 'es', 'it', 'pt', 'pl'],
  fixtures: ['en-closing-promo'],
  stage: 'article',
  removesWidgets: true, // the share buttons' icons go with their line
  tags: TEXT_BLOCKS,
  maxLength: 200,
  match(el, text, _hit, ctx, scope) {
    // A request on its own line is short and says it first; a longer text naming Twitter is a biography, an
    // edition notice ("A version of this article appears in print … Subscribe") or the article.
    const short = text.length <= 140;
    const first = text.split(/[.!]\s/u)[0]!; // a question may lead in: "Artikel gefallen? Teile ihn!"
    const asks = short && (SUBSCRIBE.test(first) || (ACTION.test(first) && CHANNEL.test(text)));
    const rates = HELPFUL.test(text) && CHANNEL.test(text); // "Is it useful?" alone closes many articles
    if (!asks && !rates && !RIGHTS.test(text)) return false;
    return afterLastProse(el, ctx, scope);
  },
};
export default rule;
