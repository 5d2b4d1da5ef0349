// What Listen speaks, one utterance a sentence: short enough for every engine's length limit (and for Chrome,
// which stops an utterance after about 15 s with some voices), and the unit the view highlights.
import { splitSentences } from '../sentences.ts';

/** One stretch of speech: a sentence, or a part of a very long one. */
export interface Utterance {
  /** Index of the paragraph among those given to `planUtterances`. */
  paragraph: number;
  text: string;
  /** Where `text` starts in its paragraph (UTF-16 offset), for the highlight. */
  start: number;
}

/** Longer sentences are cut at a clause (",", ";", ":", a dash), else at a space, near this many characters. */
export const MAX_UTTERANCE_CHARS = 240;

/** `sentence` in pieces no longer than `max`, each cut after the last clause mark or space that keeps it so. */
function cut(sentence: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = sentence;
  while (rest.length > max) {
    const head = rest.slice(0, max);
    const clause = Math.max(...[', ', '; ', ': ', ' – ', ' — '].map((mark) => head.lastIndexOf(mark)));
    const at = clause > max / 3 ? clause + 1 : head.lastIndexOf(' ') > max / 3 ? head.lastIndexOf(' ') : max;
    pieces.push(rest.slice(0, at).trim());
    rest = rest.slice(at).trimStart();
  }
  if (rest.trim()) pieces.push(rest.trim());
  return pieces;
}

/** The utterances of `paragraphs` (plain text, in reading order) in language `lang`. */
export function planUtterances(paragraphs: readonly string[], lang: string, max = MAX_UTTERANCE_CHARS): Utterance[] {
  const plan: Utterance[] = [];
  paragraphs.forEach((text, paragraph) => {
    let from = 0;
    for (const sentence of splitSentences(text, lang)) {
      for (const piece of cut(sentence, max)) {
        const start = text.indexOf(piece, from);
        plan.push({ paragraph, text: piece, start: Math.max(0, start) });
        if (start >= 0) from = start + piece.length;
      }
    }
  });
  return plan;
}
