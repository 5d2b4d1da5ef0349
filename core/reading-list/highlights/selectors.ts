// Selectors for a span of the article's text: the quote with CONTEXT_LENGTH characters either side, and its
// position. A span is first widened to whole user-perceived characters (an emoji, a letter with its combining
// accents, a flag), then narrowed to leave out whitespace at its ends.
import { CONTEXT_LENGTH, HIGHLIGHT_LIMITS, type HighlightAnchor } from './model.ts';
import { isWhitespaceCode, type ArticleTextModel, type RangeLike } from './text-model.ts';

let graphemes: Intl.Segmenter | null = null;
/** Grapheme clusters are short; this much text either side of a point finds the one around it. */
const GRAPHEME_WINDOW = 32;

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** `i` moved back to a code point boundary when it falls inside a surrogate pair. */
export function codePointBoundary(text: string, i: number): number {
  return i > 0 && i < text.length && isLow(text.charCodeAt(i)) && isHigh(text.charCodeAt(i - 1)) ? i - 1 : i;
}

/**
 * The boundary of the grapheme cluster around offset `i`: its start (side 'start') or its end ('end'); `i`
 * itself when it already is a boundary.
 */
export function graphemeBoundary(text: string, i: number, side: 'start' | 'end'): number {
  if (i <= 0 || i >= text.length) return Math.max(0, Math.min(i, text.length));
  graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const from = codePointBoundary(text, Math.max(0, i - GRAPHEME_WINDOW));
  const to = codePointBoundary(text, Math.min(text.length, i + GRAPHEME_WINDOW));
  for (const { index, segment } of graphemes.segment(text.slice(from, to))) {
    const start = from + index;
    const end = start + segment.length;
    if (start === i || end === i) return i;
    if (start < i && i < end) return side === 'start' ? start : end;
  }
  return codePointBoundary(text, i);
}

/**
 * The anchor of the text's span [start, end) (offsets clamped, widened to whole characters, whitespace at its
 * ends left out); null when nothing but whitespace is in it, or the quote is longer than a highlight may be.
 */
export function anchorOfSpan(text: string, start: number, end: number): HighlightAnchor | null {
  let s = graphemeBoundary(text, Math.max(0, Math.min(start, end)), 'start');
  let e = graphemeBoundary(text, Math.min(text.length, Math.max(start, end)), 'end');
  while (s < e && isWhitespaceCode(text.charCodeAt(s))) s++;
  while (e > s && isWhitespaceCode(text.charCodeAt(e - 1))) e--;
  if (s === e || e - s > HIGHLIGHT_LIMITS.quote) return null;
  const prefixStart = s - CONTEXT_LENGTH < 0 ? 0 : graphemeBoundary(text, s - CONTEXT_LENGTH, 'end');
  const suffixEnd = graphemeBoundary(text, Math.min(text.length, e + CONTEXT_LENGTH), 'start');
  return {
    quote: { exact: text.slice(s, e), prefix: text.slice(prefixStart, s), suffix: text.slice(e, suffixEnd) },
    position: { start: s, end: e },
  };
}

/** The anchor of what the reader selected in the article (a DOM Range inside the model's root). */
export function anchorOfRange(model: ArticleTextModel, range: RangeLike): HighlightAnchor | null {
  const { start, end } = model.offsetsOf(range);
  return anchorOfSpan(model.text, start, end);
}
