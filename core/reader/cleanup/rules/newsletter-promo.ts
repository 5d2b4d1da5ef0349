import type { CleanupRule } from '../rule.ts';
import { TEXT_BLOCKS, classHint } from '../rule.ts';

const MARKUP = classHint([
  'newsletter',
  'subscribe',
  'signup',
  'sign-up',
  'optin',
  'opt-in',
  'paywall',
  'regwall',
  'inline-promo',
]);

const PROMO = [
  // fr
  /^(?:la |notre )?newsletter\b.{0,80}$/iu,
  /^(?:inscrivez-vous|abonnez-vous|recevez|je m['’]abonne|je m['’]inscris)\b.{0,140}(?:newsletter|lettre d['’]information|alertes?|actualité|boîte mail|e-?mail)\b.{0,60}$/iu,
  /^chaque (?:jour|semaine|matin|soir),? recevez\b.{0,160}$/iu,
  /^(?:cet article est réservé aux abonnés|déjà abonné\s*\??.{0,40}|abonnez-vous(?: pour lire la suite)?|s['’]abonner)\.?$/iu,
  // en
  /^(?:sign up|subscribe|get|join)\b.{0,100}\b(?:newsletters?|inbox|email updates|daily briefing|breaking news alerts)\b.{0,80}$/iu,
  /^subscribe to (?:the|our)\b.{0,120}$/iu,
  /^(?:subscribe(?: now| today)?|already a subscriber\?.{0,40}|this article is for subscribers only\.?|enter your email(?: address)?|get our newsletter|sign up for free)$/iu,
  // de
  /^(?:newsletter abonnieren|jetzt abonnieren|melden sie sich\b.{0,60}newsletter.{0,40}|(?:abonnieren sie|bestellen sie)\b.{0,80}newsletter.{0,40})$/iu,
  // es
  /^(?:suscríbete|suscribete|suscríbase|recibe|apúntate)\b.{0,120}(?:boletín|newsletter|correo|e-?mail)\b.{0,60}$/iu,
  // it
  /^(?:iscriviti|abbonati|ricevi)\b.{0,120}(?:newsletter|e-?mail|posta)\b.{0,60}$/iu,
  // pt
  /^(?:assine|inscreva-se|receba|cadastre-se)\b.{0,120}(?:newsletter|boletim|e-?mail|caixa de entrada)\b.{0,60}$/iu,
];

const rule: CleanupRule = {
  id: 'newsletter-promo',
  reason:
    'Newsletter, subscription and paywall boxes sit inside the article container on most news sites; Readability keeps their headline and pitch.',
  languages: ['fr', 'en', 'de', 'es', 'it', 'pt'],
  fixtures: ['en-newsletter-social', 'fr-lemonde-style', 'pt-leia-tambem'],
  stage: 'article',
  removesWidgets: true,
  tags: TEXT_BLOCKS,
  markup: MARKUP,
  maxLength: 240,
  markupMaxLength: 1200,
  match(_el, text, hit) {
    if (hit.markup) return true;
    return text.length <= 240 && PROMO.some((p) => p.test(text));
  },
};
export default rule;
