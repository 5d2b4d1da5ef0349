// Sentences of an article, in any language: Intl.Segmenter, repaired where it breaks wrongly.
//
// ICU's sentence rules break after any "." followed by a capital, and after "?" or "!" whatever
// follows. In news text that splits "M. Dupont", "Mr. Smith", "J. K. Rowling" and "J.-L. Mélenchon",
// leaves French closing guillemets ("fini. » Il") at the start of the next sentence, and in
// Japanese glues an opening bracket to the end of the previous sentence. The repairs below join
// or move the pieces back; everything else (CJK, decimals, ellipses) is ICU's own answer.
import { segmenter } from './text.ts';

/** A sentence and the index of its paragraph among the non-empty blocks of the text. */
export interface SentenceSpan {
  text: string;
  paragraph: number;
}

// Titles written before a name: a "." after them never ends a sentence. Case-sensitive.
const TITLES = new Set([
  // French
  'M',
  'MM',
  'Mme',
  'Mmes',
  'Mlle',
  'Mlles',
  'Me',
  'Mes',
  'Mgr',
  'Pr',
  'Dr',
  'Drs',
  'St',
  'Ste',
  // English
  'Mr',
  'Mrs',
  'Ms',
  'Messrs',
  'Prof',
  'Gen',
  'Gov',
  'Sen',
  'Rep',
  'Lt',
  'Col',
  'Capt',
  'Sgt',
  'Rev',
  'Hon',
  'Pres',
  'Supt',
  'Adm',
  'Cmdr',
  // German, Spanish, Italian, Portuguese
  'Hr',
  'Fr',
  'Sr',
  'Sra',
  'Srta',
  'Dña',
  'Dra',
  'Sig',
  'Sigg',
  'Dott',
  'Avv',
  'Ing',
]);
// "Sr." closes English names ("Martin Luther King Sr. He…"): a title only in these languages.
const SR_LANGS = new Set(['es', 'pt', 'it', 'ca', 'gl']);

// Abbreviations that never end a sentence, whatever follows. Lower-cased.
const ALWAYS_JOIN = new Set(['vs', 'cf', 'e.g', 'i.e', 'approx', 'env', 'av', 'bd', 'ca', 'z.b', 'bzw', 'vgl']);
// Abbreviations that end a sentence unless a number follows: months, "No. 10", "p. 12", "art. 49.3".
const BEFORE_NUMBER = new Set([
  'jan',
  'janv',
  'feb',
  'févr',
  'fév',
  'mar',
  'apr',
  'avr',
  'jun',
  'jul',
  'juil',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'déc',
  'no',
  'nos',
  'n',
  'p',
  'pp',
  'art',
  'vol',
  'ch',
  'chap',
  'fig',
  'nr',
]);

const LOWER_START = /^[\s"'“‘«»([]*\p{Ll}/u;
const UPPER_START = /^[\s"'“‘«([]*\p{Lu}/u;
const DIGIT_START = /^[\s"'“‘«([]*\p{N}/u;
// Japanese hiragana after a closing bracket continues the sentence: 「本当に？」と彼は言った。
const CJK_CONTINUATION = /[」』]\s*$/u;
const HIRAGANA_START = /^[\u3041-\u309f]/u;
// "(...)" or "[…]": an elision inside a quotation, not the end of a sentence.
const ELIDED = /[([](?:\.{3}|…)[)\]]\s*$/u;
const NO_LETTERS = /^[^\p{L}\p{N}]*$/u;

// Opening marks ICU leaves at the end of the previous sentence (Japanese 「 after 。).
const TRAILING_OPENERS = /([「『（【〈《]+)(\s*)$/u;

/** Languages that quote »like this« or „like this“: there » opens and « closes. */
const REVERSED_GUILLEMETS = new Set(['de', 'da', 'cs', 'sk', 'sl', 'hr']);

/** Closing quotes and brackets at the start of a piece. Straight quotes close only before a space, punctuation or the end. */
const closers = (guillemet: string) =>
  new RegExp(`^(?:\\s*(?:[${guillemet}”’）)\\]」』】〉》]|["'](?=[\\s.,;:!?]|$)))+`, 'u');
const CLOSERS = closers('»›');
const REVERSED_CLOSERS = closers('«‹');

export function baseLang(lang: string): string {
  return lang.toLowerCase().split(/[-_]/)[0] ?? '';
}

/** The word just before a final "." of `sentence` (opening quotes and brackets stripped), else null. */
function wordBeforeDot(sentence: string): string | null {
  if (!sentence.endsWith('.') || sentence.endsWith('..')) return null;
  const space = Math.max(sentence.lastIndexOf(' '), sentence.lastIndexOf('\u00a0'), sentence.lastIndexOf('\n'));
  return sentence.slice(space + 1, -1).replace(/^[("'“‘«[]+/u, '');
}

/** Whether the sentence `prev` (trimmed) is not really finished before `next`. */
function continues(prev: string, next: string, base: string): boolean {
  if (NO_LETTERS.test(prev)) return true;
  if (LOWER_START.test(next)) return true;
  if (ELIDED.test(prev)) return true;
  if (CJK_CONTINUATION.test(prev) && HIRAGANA_START.test(next)) return true;
  const word = wordBeforeDot(prev);
  if (word === null) return false;
  if (TITLES.has(word) && (word !== 'Sr' || SR_LANGS.has(base))) return true;
  const lower = word.toLowerCase();
  if (ALWAYS_JOIN.has(lower)) return true;
  if (BEFORE_NUMBER.has(lower) && DIGIT_START.test(next)) return true;
  // Initials: "J. K. Rowling", "J.-L. Mélenchon", "George W. Bush".
  if (/^(?:\p{Lu}\.-?)*\p{Lu}$/u.test(word) && UPPER_START.test(next)) return true;
  return false;
}

/** The sentences of `text` in language `lang` (a BCP 47 tag; "" when unknown), trimmed. */
export function splitSentences(text: string, lang = ''): string[] {
  const base = baseLang(lang);
  const closing = REVERSED_GUILLEMETS.has(base) ? REVERSED_CLOSERS : CLOSERS;
  const out: string[] = [];
  for (const { segment } of segmenter(lang, 'sentence').segment(text)) {
    let piece = segment;
    if (out.length) {
      let prev = out[out.length - 1]!;
      // Closing quotes and brackets belong to the sentence they close.
      const closed = closing.exec(piece)?.[0];
      if (closed) {
        prev += closed;
        piece = piece.slice(closed.length);
      }
      // Opening marks belong to the sentence they open.
      const opening = TRAILING_OPENERS.exec(prev);
      if (opening) {
        prev = prev.slice(0, opening.index);
        piece = opening[1]! + piece;
      }
      out[out.length - 1] = prev;
      if (!piece.trim()) continue;
      if (continues(prev.trim(), piece, base)) {
        out[out.length - 1] = prev + piece;
        continue;
      }
    }
    out.push(piece);
  }
  const sentences: string[] = [];
  for (const s of out) {
    const trimmed = s.trim();
    if (!trimmed) continue;
    // A stray piece without letters or digits ("—", "*") joins the sentence before it.
    if (NO_LETTERS.test(trimmed) && sentences.length) sentences[sentences.length - 1] += ` ${trimmed}`;
    else sentences.push(trimmed);
  }
  return sentences;
}

/** The non-empty blocks of plain text with a blank line between blocks (see `toPlainText`). */
export function splitParagraphs(text: string): string[] {
  return text
    .split(/\n[ \t\u00a0]*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/** Every sentence of the text with the index of its paragraph (see `splitParagraphs`). */
export function splitSentencesByParagraph(text: string, lang = ''): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  splitParagraphs(text).forEach((block, paragraph) => {
    for (const sentence of splitSentences(block, lang)) spans.push({ text: sentence, paragraph });
  });
  return spans;
}
