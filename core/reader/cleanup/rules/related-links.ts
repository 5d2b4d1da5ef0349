import type { CleanupRule } from '../rule.ts';
import { TEXT_BLOCKS, classHint, phrases, tags } from '../rule.ts';
import { normalizedText } from '../../text.ts';
import { linkDensity } from '../dom.ts';

const LABELS = phrases([
  'à lire aussi',
  'a lire aussi',
  'lire aussi',
  'à lire également',
  'à lire',
  'voir aussi',
  'à voir aussi',
  'sur le même sujet',
  'dans la même rubrique',
  'articles similaires',
  'articles liés',
  'nos articles',
  'les plus lus',
  "plus d'articles",
  'related',
  'related articles',
  'related stories',
  'related posts',
  'related content',
  'related coverage',
  'related news',
  'read more',
  'read also',
  'also read',
  'see also',
  'see more',
  'watch',
  'watch more',
  'more',
  'more stories',
  'more on this story',
  'more on this topic',
  'most read',
  'most popular',
  'you may also like',
  'you might also like',
  'recommended',
  'recommended for you',
  'recommended stories',
  "don't miss",
  'trending',
  'mehr zum thema',
  'lesen sie auch',
  'lesen sie mehr',
  'auch interessant',
  'weitere artikel',
  'das könnte sie auch interessieren',
  'meistgelesen',
  'siehe auch',
  'leer más',
  'lee también',
  'lea también',
  'te puede interesar',
  'le puede interesar',
  'lea más',
  'puedes ver',
  'vea también',
  'noticias relacionadas',
  'artículos relacionados',
  'más noticias',
  'lo más leído',
  'leggi anche',
  'leggi pure',
  'articoli correlati',
  'potrebbe interessarti',
  'ti potrebbe interessare',
  'i più letti',
  'leia também',
  'leia mais',
  'veja também',
  'saiba mais',
  'notícias relacionadas',
  'artigos relacionados',
  'mais lidas',
]);
const LABEL = new RegExp(String.raw`^(?:${LABELS})\s*(?:[:：»>›|]|\.\.\.|…)?$`, 'iu');
// Imperatives that are a label only before a link ("Lea: <a>…</a>"); alone they may be a name or a word.
const LINK_LABELS = `${LABELS}|${phrases(['lea', 'lee', 'vea', 'mira', 'siehe'])}`;
const INLINE_LABEL = new RegExp(String.raw`^(?:${LINK_LABELS})\s*(?:[:：»>›|-]|\.\.\.|…)\s*\S`, 'iu');
const MARKUP = classHint([
  'related',
  'read-more',
  'readmore',
  'more-stories',
  'recommended',
  'yarpp',
  'crp_related',
  'outbrain',
  'taboola',
]);

const HEADINGS = tags('h2', 'h3', 'h4', 'h5', 'h6');

/** Whether all of el's text is one heading's. */
function onlyHeading(el: Element, text: string): boolean {
  const heading = el.querySelector('h2, h3, h4, h5, h6');
  return heading ? normalizedText(heading) === text : HEADINGS.has(el.tagName);
}

/** The lists or teaser blocks right after a label, made of links: one, or a run of the same tag (a list per teaser). */
function introducedLists(label: Element): Element[] {
  const lists: Element[] = [];
  for (let n = label.nextElementSibling; n && linkDensity(n) >= 0.5; n = n.nextElementSibling) {
    if (lists[0] && n.tagName !== lists[0].tagName) break;
    lists.push(n);
  }
  return lists;
}

const rule: CleanupRule = {
  id: 'related-links',
  reason:
    '"À lire aussi" / "Read more" / "Mehr zum Thema" teasers point to other articles; Readability keeps them when they sit inside the article body, with their link lists.',
  languages: ['fr', 'en', 'de', 'es', 'it', 'pt'],
  fixtures: [
    'fr-related-tags',
    'fr-lemonde-style',
    'de-lesezeit',
    'es-tiempo-lectura',
    'en-repeated-labels',
    'it-leggi-anche',
    'pt-leia-tambem',
    'de-middle-furniture',
  ],
  stage: 'article',
  removesWidgets: true,
  tags: TEXT_BLOCKS,
  markup: MARKUP,
  maxLength: 300,
  markupMaxLength: 3000,
  match(el, text, hit) {
    if (text.length <= 40 && LABEL.test(text)) {
      return [el, ...introducedLists(el)];
    }
    // "À lire aussi : <a>Title</a>" inside the body: a label and a link, nothing else.
    if (
      text.length <= 300 &&
      INLINE_LABEL.test(text) &&
      el.getElementsByTagName('a').length > 0 &&
      linkDensity(el, text) >= 0.5
    )
      return true;
    if (!hit.markup || el.tagName === 'P') return false;
    // Or a box left with its title only ("Ähnliche Beiträge"): its teasers were dropped, by Readability or unloaded.
    return linkDensity(el, text) >= 0.4 || (text.length <= 60 && onlyHeading(el, text));
  },
};
export default rule;
