import type { CleanupRule } from '../rule.ts';
import { TEXT_BLOCKS, classHint } from '../rule.ts';

// Rating and voting widgets (WP-PostRatings, kk Star Ratings, Rate My Post, recipe cards, news sites' own) print a
// counter of votes, an average "out of 5", and a prompt to vote, often above and below the article.

const NUM = String.raw`\d[\d\s.,\u00a0\u202f]*`;
/** Nouns for votes and ratings (any case and number). */
const VOTES = String.raw`(?:votes?|ratings?|reviews?|votos?|valoraci[oó]n(?:es)?|calificaci[oó]n(?:es)?|puntuaci[oó]n(?:es)?|notes?|avis|évaluations?|stimmen|bewertung(?:en)?|голос(?:ов|а)?|оцен(?:ок|ки|ка)|отзыв(?:ов|а)?)`;
/** An average: "4.5/5", "4,73 von 5", "3 out of 5", "4.7 из 5". */
const AVERAGE = String.raw`\d+(?:[.,]\d+)?\s*(?:/|out\s+of|of|sur|von|de|из)\s*(?:5|10|100)`;
/** What names a count of votes before the figure: "Votes: 12", "Количество оценок: 3". */
const COUNT_LABEL = String.raw`(?:vote\s+count|nombre\s+de\s+votes|anzahl\s+(?:der\s+)?\S+|recuento\s+de\s+votos|количество\s+\S+|всего\s+голосов|${VOTES})`;
/** What names an average before the figure: "Average rating 4.7 / 5", "в среднем: 5,00 из 5". */
const AVERAGE_LABEL = String.raw`(?:(?:average\s+)?rating|note\s+moyenne|moyenne|(?:durchschnittliche\s+)?bewertung|durchschnitt|(?:promedio\s+de\s+)?puntuación|valoración(?:\s+media)?|promedio|(?:средняя\s+)?оценка|рейтинг|в\s+среднем|среднее)`;
const SEP = String.raw`\s*[-–—,.;:]?\s*`;
/** A count of votes: "Votes: 12", "(12 votes)", "from 12 votes". */
const COUNT = String.raw`\(?\s*(?:${COUNT_LABEL}\s*[:：]?\s*${NUM}|(?:from|by|de|aus|von|из)?\s*${NUM}\s*${VOTES})\s*\)?`;

// A counter always counts votes: an average alone ("Rating: 4/5") may be a review's own verdict.
const COUNTER = new RegExp(
  String.raw`^[\[(]?\s*(?:` +
    [
      // "Votes: 12", "(Голосов: 1, в среднем: 5,00 из 5)", "(95 Stimmen: 4,73 von 5)"
      String.raw`${COUNT}(?:${SEP}(?:${AVERAGE_LABEL}\s*[:：]?\s*)?${AVERAGE})?`,
      // "Средняя оценка 4.7 / 5. Количество оценок: 3", "Durchschnitt: 4.6 (7 Bewertungen)", "4.5/5 (12 votes)"
      String.raw`(?:${AVERAGE_LABEL}\s*[:：]?\s*(?:${AVERAGE}|\d+(?:[.,]\d+)?)|${AVERAGE})${SEP}${COUNT}`,
      // "5 from 7 votes"
      String.raw`\d+(?:[.,]\d+)?\s*(?:from|de|aus|из)\s*${NUM}\s*${VOTES}`,
      // kk Star Ratings: "[Total: 2 Average: 4.5]", "[Всего: 2 Средний: 4.5]"
      String.raw`(?:total|всего|gesamt)\s*:\s*${NUM}\s*(?:average|средний|durchschnitt|moyenne|promedio)\s*:\s*\d+(?:[.,]\d+)?`,
    ].join('|') +
    String.raw`)\s*[\])]?\.?$`,
  'iu',
);

/** No votes yet, with or without the invitation to be the first: "Оценок пока нет. Поставьте оценку первым." */
const NO_VOTES =
  /^[([]?(?:no (?:votes|ratings) (?:yet|so far)|aucun vote|(?:noch|bisher) keine bewertungen|(?:aún|todavía) no hay votos|sin votos|пока (?:оценок|голосов) нет|(?:оценок|голосов) пока нет)(?!\p{L})[^.!]{0,20}[.!]*(?:\s*[^.!]{0,60}[.!]*)?[)\]]?$/iu;

const rule: CleanupRule = {
  id: 'vote-counter',
  reason:
    'Rating widgets print vote counters and averages ("Голосов: 12, в среднем: 4,5 из 5", "4.7/5 (12 votes)"), or "no votes yet", often at both ends of the article; Readability keeps them as lines of text. The stars themselves go with their counter.',
  languages: ['en', 'fr', 'de', 'es', 'ru'],
  fixtures: ['ru-vote-counter'],
  stage: 'article',
  // The counter's own element often holds its star pictures.
  removesWidgets: true,
  tags: TEXT_BLOCKS,
  markup: classHint(['rating', 'vote', 'kksr', 'rmp-']),
  maxLength: 100,
  match: (el, text) => {
    if (!text) return false;
    if (NO_VOTES.test(text)) return true;
    // A list item or heading made of a figure alone ("12 votes") may be a table of results: only a
    // widget's own counter goes, outside lists, or marked as a rating.
    return COUNTER.test(text) && (el.tagName !== 'LI' || /rating|vote/i.test(el.getAttribute('class') ?? ''));
  },
};
export default rule;
