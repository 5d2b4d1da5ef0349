// An extractive summary of the clean article text, on the device, in the article's language.
import { countWords } from '../text.ts';
import { baseLang, splitParagraphs, splitSentences } from '../sentences.ts';
import { contentWords } from './words.ts';

export interface SummaryInput {
  /** The clean article text, a blank line between blocks (`Article.text`). */
  text: string;
  /** BCP 47 tag; "" when unknown. */
  lang: string;
  title?: string | null;
  /** The page's standfirst (`Article.lede`): never repeated in the summary. */
  lede?: string | null;
  /** The page's own summary (`Article.publisherSummary`): never repeated in the summary. */
  publisherSummary?: readonly string[] | null;
  /** `Article.wordCount`, when known (saves counting again). */
  wordCount?: number;
}

export interface SummarySentence {
  text: string;
  /** Index of the sentence's paragraph among the non-empty blocks of the text split on blank lines. */
  paragraph: number;
}

export interface Summary {
  sentences: SummarySentence[];
  method: 'local';
}

export interface SummaryOptions {
  /** How many sentences; by default `summaryLength(wordCount)`. */
  sentences?: number;
  /** Weight of the position prior (news puts the essentials first), 0 to 1. */
  positionWeight?: number;
  /** Weight of the similarity to the title, 0 to 1. */
  titleWeight?: number;
  /** Redundancy: MMR trade-off between importance (1) and novelty (0). */
  lambda?: number;
}

/** Articles shorter than this get no summary: they are short enough to read whole. */
export const MIN_SUMMARY_WORDS = 120;

/**
 * Sentences in the summary for an article of `wordCount` words: none under 120 words, 2 under
 * 400, 3 under 800, 4 under 1,500, then 5.
 */
export function summaryLength(wordCount: number): number {
  if (wordCount < MIN_SUMMARY_WORDS) return 0;
  if (wordCount < 400) return 2;
  if (wordCount < 800) return 3;
  if (wordCount < 1500) return 4;
  return 5;
}

/** Candidate sentences have this many words (a word segmenter's words for CJK). */
const MIN_SENTENCE_WORDS = 6;
const MAX_SENTENCE_WORDS = 60;
/** A block without final punctuation and shorter than this is a heading, a label or a byline. */
const HEADING_WORDS = 16;
const FINAL_PUNCTUATION = /[.!?…。！？»”"'’]$/u;

const DEFAULTS = { positionWeight: 0.4, titleWeight: 0.3, lambda: 0.7 };
/** The position prior is exp(-i / POSITION_DECAY) for the i-th candidate sentence. */
const POSITION_DECAY = 5;
const QUOTATION = /^["“«„‘»]|[”"»]$/u;
/** Openings that need the previous sentence ("But…", "He…"), for the languages we know them in. */
const DANGLING: Record<string, RegExp> = {
  en: /^(?:but|however|and|so|yet|also|he|she|it|they|this|that|these|those|his|her|its|their)\b/iu,
  fr: /^(?:mais|cependant|pourtant|et|or|donc|aussi|il|elle|ils|elles|ce|cet|cette|ces|cela|ceci|celui|celle|ceux|son|sa|ses|leur|leurs)\b/iu,
};
/** Two sentences more similar than this say the same thing: the later one never joins the first. */
const REDUNDANT = 0.5;
/** A sentence this similar to the publisher's summary repeats it (cosine of TF-IDF vectors)… */
const DUPLICATE = 0.5;
/** …and so does one whose words are mostly the publisher's… */
const CONTAINED = 0.7;
/** …or which holds most of the words of one of the publisher's sentences. */
const HOLDS = 0.6;
/** A sentence this similar to the title repeats it (higher: the lead often restates the title, usefully). */
const TITLE_DUPLICATE = 0.8;

type Vector = Map<string, number>;

interface Candidate extends SummarySentence {
  /** Order among all sentences of the text. */
  index: number;
  words: string[];
  set: ReadonlySet<string>;
  vector: Vector;
  score: number;
}

function norm(v: Vector): number {
  let s = 0;
  for (const x of v.values()) s += x * x;
  return Math.sqrt(s);
}

function normalize(v: Vector): Vector {
  const n = norm(v);
  if (n > 0) for (const [k, x] of v) v.set(k, x / n);
  return v;
}

/** Cosine of two unit vectors. */
function dot(a: Vector, b: Vector): number {
  if (a.size > b.size) [a, b] = [b, a];
  let s = 0;
  for (const [k, x] of a) {
    const y = b.get(k);
    if (y !== undefined) s += x * y;
  }
  return s;
}

/** Share of `words` that occur in `other` (as a set). */
function containment(words: readonly string[], other: ReadonlySet<string>): number {
  if (!words.length) return 0;
  let n = 0;
  for (const w of words) if (other.has(w)) n++;
  return n / words.length;
}

/**
 * The article's key sentences, in their original order, each with its paragraph index.
 *
 * Each candidate sentence is scored by its similarity to the article's centroid (the sum of all
 * sentences' TF-IDF vectors over content words: lower-cased, accents folded, stop words out),
 * mixed with a position prior (earlier sentences first, as news is written) and its similarity
 * to the title; then sentences are picked greedily by maximal marginal relevance so that no two
 * say the same thing. Headings, labels, very short or very long sentences, and sentences that
 * repeat the title or the publisher's own summary are never picked. `summaryLength` sentences,
 * or fewer when the article has no more that qualify; none for an article under 120 words.
 */
export function summarize(article: SummaryInput, options: SummaryOptions = {}): Summary {
  const { positionWeight, titleWeight, lambda } = { ...DEFAULTS, ...stripUndefined(options) };
  const lang = article.lang;
  const wordCount = article.wordCount ?? countWords(article.text, lang);
  const wanted = options.sentences ?? summaryLength(wordCount);
  if (wanted <= 0) return { sentences: [], method: 'local' };
  const tokenize = contentWords(lang);
  const dangling = DANGLING[baseLang(lang)];

  // Every sentence counts for the word statistics; only the prose sentences are candidates.
  const all: { words: string[]; candidate: SummarySentence | null }[] = [];
  splitParagraphs(article.text).forEach((block, paragraph) => {
    const heading = !FINAL_PUNCTUATION.test(block) && countWords(block, lang) < HEADING_WORDS;
    for (const text of splitSentences(block, lang)) {
      const n = heading ? 0 : countWords(text, lang);
      const candidate = n >= MIN_SENTENCE_WORDS && n <= MAX_SENTENCE_WORDS && !text.endsWith(':');
      all.push({ words: tokenize(text), candidate: candidate ? { text, paragraph } : null });
    }
  });

  // Inverse sentence frequency.
  const df = new Map<string, number>();
  for (const { words } of all) for (const w of new Set(words)) df.set(w, (df.get(w) ?? 0) + 1);
  const idf = (w: string) => Math.log((all.length + 1) / (df.get(w) ?? 0.5));
  const vectorOf = (words: readonly string[]): Vector => {
    const v: Vector = new Map();
    for (const w of words) v.set(w, (v.get(w) ?? 0) + 1);
    for (const [w, tf] of v) v.set(w, (1 + Math.log(tf)) * idf(w));
    return normalize(v);
  };

  const centroid: Vector = new Map();
  const candidates: Candidate[] = [];
  all.forEach(({ words, candidate }, index) => {
    const v = vectorOf(words);
    for (const [w, x] of v) centroid.set(w, (centroid.get(w) ?? 0) + x);
    if (candidate && words.length >= 3)
      candidates.push({ ...candidate, index, words, set: new Set(words), vector: v, score: 0 });
  });
  normalize(centroid);

  // What the summary must not repeat.
  const titleWords = article.title ? tokenize(article.title) : [];
  const title = titleWords.length ? vectorOf(titleWords) : null;
  const titleSet = new Set(titleWords);
  // Sentence by sentence: a summary sentence may repeat one sentence of a two-sentence standfirst.
  const publisher = [article.lede, ...(article.publisherSummary ?? [])]
    .filter((s): s is string => !!s?.trim())
    .flatMap((s) => splitSentences(s, lang))
    .map((s) => {
      const list = tokenize(s);
      return { vector: vectorOf(list), words: new Set(list), list };
    });
  const repeats = (c: Candidate) =>
    (title && (dot(c.vector, title) >= TITLE_DUPLICATE || containment(c.words, titleSet) >= 0.8)) ||
    publisher.some(
      (p) =>
        dot(c.vector, p.vector) >= DUPLICATE ||
        containment(c.words, p.words) >= CONTAINED ||
        (p.list.length >= 4 && containment(p.list, c.set) >= HOLDS),
    );
  const pool = candidates.filter((c) => !repeats(c));
  if (!pool.length) return { sentences: [], method: 'local' };

  // Importance: centrality, position, title.
  let maxCentrality = 0;
  for (const c of pool) maxCentrality = Math.max(maxCentrality, dot(c.vector, centroid));
  const centralityWeight = Math.max(0, 1 - positionWeight - titleWeight);
  pool.forEach((c, i) => {
    c.score =
      (centralityWeight * dot(c.vector, centroid)) / (maxCentrality || 1) +
      positionWeight * Math.exp(-i / POSITION_DECAY) +
      titleWeight * (title ? dot(c.vector, title) : 0);
    // Readable on its own: a bare quotation, or a sentence leaning on the one before it, comes second.
    if (QUOTATION.test(c.text) || (dangling && dangling.test(c.text))) c.score *= 0.85;
  });

  // Maximal marginal relevance.
  const picked: Candidate[] = [];
  const left = new Set(pool);
  while (picked.length < wanted && left.size) {
    let best: Candidate | null = null;
    let bestValue = -Infinity;
    for (const c of left) {
      const overlap = picked.reduce((m, p) => Math.max(m, dot(c.vector, p.vector)), 0);
      if (overlap >= REDUNDANT) continue;
      const value = lambda * c.score - (1 - lambda) * overlap;
      if (value > bestValue) [best, bestValue] = [c, value];
    }
    if (!best) break;
    picked.push(best);
    left.delete(best);
  }
  picked.sort((a, b) => a.index - b.index);
  return { sentences: picked.map(({ text, paragraph }) => ({ text, paragraph })), method: 'local' };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
