import type { CleanupRule } from '../rule.ts';
import { tags } from '../rule.ts';
import { linkDensity } from '../dom.ts';

const CLICK_HERE =
  /\b(?:click(?:ing)? here|tap here|cliquez ici|cliquer ici|klicken sie hier|hier klicken|haz clic aquí|pulsa aquí|clicca qui|clique aqui)\b/iu;
const GET_APP =
  /^(?:get|download|télécharge[rz]?|laden sie|descarga|scarica|baixe)\b.{0,60}\b(?:app|application|appli|aplicación|applicazione|aplicativo)\b.{0,60}$/iu;

/** Letters mostly upper-case: the headline style of teaser links. */
function shouting(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  if (letters.length < 12) return false;
  const upper = letters.replace(/[^\p{Lu}]/gu, '').length;
  return upper / letters.length > 0.85;
}

const rule: CleanupRule = {
  id: 'call-to-action',
  reason:
    'Calls to action ("Click here to get the app") and all-caps teaser links to other stories are dropped between paragraphs by many newsrooms; Readability keeps them as paragraphs.',
  languages: ['fr', 'en', 'de', 'es', 'it', 'pt'],
  fixtures: ['en-calls-to-action'],
  stage: 'article',
  removesWidgets: true,
  tags: tags('p', 'div', 'h2', 'h3', 'h4', 'li', 'strong', 'a', 'span'),
  maxLength: 200,
  match(el, text) {
    if (CLICK_HERE.test(text) && (linkDensity(el, text) >= 0.3 || text.length <= 80)) return true;
    if (GET_APP.test(text) && el.getElementsByTagName('a').length > 0) return true;
    // A paragraph that is one shouted link: "'DANCING WITH THE STARS' PRO OPENS UP ABOUT …".
    return shouting(text) && /\s\S+\s/.test(text) && linkDensity(el, text) >= 0.9;
  },
};
export default rule;
