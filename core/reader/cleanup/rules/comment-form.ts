import type { CleanupRule } from '../rule.ts';
import { TEXT_BLOCKS, wholeText } from '../rule.ts';

const MARKUP =
  /(?:^|\s)(?:#?respond|comment-respond|#?commentform|comment-form|#?comments|comments-area|fb-comments|comment-reply\S*)(?:\s|$)|disqus/i;

const CALLS = wholeText([
  'laissez-nous vos commentaires',
  'laisser un commentaire',
  'laissez un commentaire',
  'ajouter un commentaire',
  'commentaires',
  'réagissez',
  'poster commentaire',
  'poster un commentaire',
  'envoyer le commentaire',
  'leave a comment',
  'leave a reply',
  'post a comment',
  'add a comment',
  'post comment',
  'comments',
  'join the conversation',
  'join the discussion',
  'show comments',
  'view comments',
  'kommentare',
  'kommentar schreiben',
  'kommentar hinterlassen',
  'schreiben sie einen kommentar',
  'deja un comentario',
  'deja tu comentario',
  'comentarios',
  'lascia un commento',
  'commenti',
  'deixe um comentário',
  'deixe seu comentário',
  'comentários',
]);
const COUNT = /^\d+\s+(?:commentaires?|comments?|kommentare?|comentarios?|commenti|comentários?)$/iu;
const FORM_NOTICE =
  /(?:votre adresse (?:e-?mail|de messagerie|courriel) ne sera pas publiée|your email address will not be published|ihre e-mail-adresse wird nicht veröffentlicht|tu dirección de correo electrónico no será publicada|il tuo indirizzo email non sarà pubblicato|o seu endereço de e-?mail não será publicado)/iu;

const rule: CleanupRule = {
  id: 'comment-form',
  reason:
    'Comment calls and WordPress comment forms follow the last paragraph; Readability keeps their headings and notices ("Votre adresse e-mail ne sera pas publiée").',
  languages: ['fr', 'en', 'de', 'es', 'it', 'pt'],
  fixtures: ['seed-fr-hammouchi', 'en-comments'],
  stage: 'article',
  removesWidgets: true,
  tags: TEXT_BLOCKS,
  markup: MARKUP,
  maxLength: 300,
  markupMaxLength: 2000,
  match(_el, text, hit) {
    if (text.length <= 60 && (CALLS.test(text) || COUNT.test(text))) return true;
    if (text.length <= 300 && FORM_NOTICE.test(text)) return true;
    return hit.markup;
  },
};
export default rule;
