// Re-anchoring: where a highlight's quote is in the article's current text (after a new extraction, a changed
// cleanup rule, a newer version of the page).
//
// Both sides are compared folded (fold.ts: whitespace, Unicode normalization and invisible characters do not
// count). Candidates are every exact occurrence of the quote. Unless one of them stands in the quote's own
// context, approximate matches are added (Myers' bit-parallel algorithm, from approx-string-match, which
// Hypothesis uses; at most a quarter of the quote's length in edits): where the quote with its prefix and suffix
// matches best, around the position hint, and, when there is no exact occurrence, anywhere (a search keeps
// only the matches with the fewest edits, hence the narrower ones). Each candidate is scored, as Hypothesis
// does, on how well the quote, the prefix before it and the suffix after it match, and how near the position
// hint it is; the best wins (on a tie: the nearer the hint, the closer to the quote's length, the earlier).
// An exact occurrence is always acceptable, and beats an approximate one unless that one alone has the quote's
// own prefix and suffix and differs by a tenth of it at most; an approximate one must score MIN_FUZZY_SCORE. A quote found nowhere is an orphan:
// the caller keeps it (and its note) and lists it.
import search from 'approx-string-match';
import { editDistance, foldForAnchoring, foldedOffset, type FoldedText } from './fold.ts';
import { CONTEXT_LENGTH, type HighlightAnchor } from './model.ts';
import { isWhitespaceCode } from './text-model.ts';

export type AnchorResult =
  /** The quote as it was, character for character; `score` says how well its context and position agree. */
  | { kind: 'exact'; start: number; end: number; score: number }
  /** A text that differs from the quote: by `errors` edits (folded), or only by whitespace and normalization. */
  | { kind: 'fuzzy'; start: number; end: number; score: number; errors: number }
  | { kind: 'orphan' };

/** Edits allowed in an approximate match, relative to the quote's (folded) length. */
export const MAX_ERROR_RATE = 0.25;
/** Lowest score of an approximate match (0 to 1). */
export const MIN_FUZZY_SCORE = 0.65;
/** Edits (relative to the quote's length) under which a copy in the quote's own context beats an exact one. */
const SLIGHT_EDIT_RATE = 0.1;
const WEIGHTS = { quote: 50, prefix: 20, suffix: 20, position: 2 };
/** Exact candidates scored at most (a one-letter quote in a long text): those nearest the hint. */
const MAX_CANDIDATES = 5_000;

interface Candidate {
  start: number;
  end: number;
  errors: number;
}

interface Scored extends Candidate {
  score: number;
  /** Both contexts (those the anchor has) match exactly. */
  inContext: boolean;
  distance: number;
}

/** The folded text to anchor in, made once for many highlights of the same article. */
export function anchoringText(text: string): FoldedText {
  return foldForAnchoring(text);
}

function similarity(expected: string, actual: string): number {
  return 1 - editDistance(expected, actual) / Math.max(expected.length, actual.length, 1);
}

function exactCandidates(text: string, quote: string, hint: number | null): Candidate[] {
  const found: Candidate[] = [];
  for (let i = text.indexOf(quote); i !== -1; i = text.indexOf(quote, i + 1)) {
    found.push({ start: i, end: i + quote.length, errors: 0 });
  }
  if (found.length <= MAX_CANDIDATES) return found;
  const anchor = hint ?? 0;
  return found.sort((a, b) => Math.abs(a.start - anchor) - Math.abs(b.start - anchor)).slice(0, MAX_CANDIDATES);
}

const maxErrorsFor = (pattern: string) => Math.floor(pattern.length * MAX_ERROR_RATE);

/** The best approximate matches of `pattern` in text[from, to). */
function searchIn(text: string, pattern: string, from: number, to: number): Candidate[] {
  from = Math.max(0, from);
  to = Math.min(text.length, to);
  const maxErrors = maxErrorsFor(pattern);
  if (maxErrors === 0 || to - from < pattern.length - maxErrors) return [];
  const part = from === 0 && to === text.length ? text : text.slice(from, to);
  return search(part, pattern, maxErrors).map((m) => ({ start: m.start + from, end: m.end + from, errors: m.errors }));
}

/** The span [start, end) of the original text with whitespace at its ends left out. */
function trimmed(original: string, start: number, end: number): [number, number] {
  while (start < end && isWhitespaceCode(original.charCodeAt(start))) start++;
  while (end > start && isWhitespaceCode(original.charCodeAt(end - 1))) end--;
  return [start, end];
}

/** Where the anchor's quote is in `text` (the article's text, or anchoringText of it), and how it was found. */
export function locateAnchor(anchor: HighlightAnchor, text: string | FoldedText): AnchorResult {
  const folded = typeof text === 'string' ? foldForAnchoring(text) : text;
  const haystack = folded.text;
  const quote = foldForAnchoring(anchor.quote.exact).text.trim();
  if (!quote) return { kind: 'orphan' };
  // The context nearest the quote; scored without the whitespace next to it (the quote is kept trimmed).
  const prefixNear = foldForAnchoring(anchor.quote.prefix).text.slice(-CONTEXT_LENGTH);
  const suffixNear = foldForAnchoring(anchor.quote.suffix).text.slice(0, CONTEXT_LENGTH);
  const prefix = prefixNear.trimEnd();
  const suffix = suffixNear.trimStart();
  const hint = anchor.position ? foldedOffset(folded, anchor.position.start) : null;

  const score = (c: Candidate): Scored => {
    let total = WEIGHTS.quote * (1 - c.errors / quote.length);
    let weights = WEIGHTS.quote;
    let inContext = true;
    if (prefix) {
      // Folded whitespace is one space: the context's length and one more character is enough to look at.
      const before = haystack.slice(Math.max(0, c.start - prefix.length - 1), c.start).trimEnd();
      const similar = similarity(prefix, before.slice(-prefix.length));
      total += WEIGHTS.prefix * similar;
      weights += WEIGHTS.prefix;
      inContext &&= similar === 1;
    }
    if (suffix) {
      const after = haystack.slice(c.end, c.end + suffix.length + 1).trimStart();
      const similar = similarity(suffix, after.slice(0, suffix.length));
      total += WEIGHTS.suffix * similar;
      weights += WEIGHTS.suffix;
      inContext &&= similar === 1;
    }
    const distance = hint === null ? 0 : Math.abs(c.start - hint);
    if (hint !== null) {
      total += WEIGHTS.position * (1 - distance / Math.max(haystack.length, 1));
      weights += WEIGHTS.position;
    }
    return { ...c, score: total / weights, inContext, distance };
  };
  // On a tie: nearer the hint, then as long as the quote (approximate matches with as many edits can end a
  // character sooner or later), then earlier.
  const better = (a: Scored, b: Scored | null) =>
    !b ||
    a.score > b.score ||
    (a.score === b.score &&
      (a.distance - b.distance ||
        Math.abs(a.end - a.start - quote.length) - Math.abs(b.end - b.start - quote.length) ||
        a.start - b.start) < 0);

  let best: Scored | null = null;
  for (const c of exactCandidates(haystack, quote, hint)) {
    const s = score(c);
    if (better(s, best)) best = s;
  }
  if (!best?.inContext) {
    const approximate: Candidate[] = [];
    // Where the quote stands in its context (an edited copy among exact ones elsewhere), then near the hint.
    if (prefix || suffix) {
      const withContext = prefixNear + quote + suffixNear;
      for (const m of searchIn(haystack, withContext, 0, haystack.length)) {
        // Only where the quote is in that match: the context may hold other copies of it.
        const from = m.start + prefixNear.length - m.errors - 1;
        approximate.push(...searchIn(haystack, quote, from, m.end - suffixNear.length + m.errors + 1));
      }
    }
    if (hint !== null) {
      approximate.push(...searchIn(haystack, quote, hint - 2 * quote.length - 64, hint + 3 * quote.length + 64));
    }
    if (!best) approximate.push(...searchIn(haystack, quote, 0, haystack.length));
    let bestApproximate: Scored | null = null;
    for (const c of approximate) {
      const s = score(c);
      if (better(s, bestApproximate)) bestApproximate = s;
    }
    // An exact copy wins over an edited one, unless the edited one alone stands in the quote's own context and
    // its edits are few.
    if (bestApproximate && bestApproximate.score >= MIN_FUZZY_SCORE) {
      const slightly = bestApproximate.errors <= Math.max(1, Math.floor(quote.length * SLIGHT_EDIT_RATE));
      if (!best || (bestApproximate.inContext && slightly && better(bestApproximate, best))) best = bestApproximate;
    }
  }
  if (!best) return { kind: 'orphan' };

  const map = folded.toOriginal;
  const [start, end] = trimmed(folded.original, map[best.start]!, map[best.end]!);
  if (start === end) return { kind: 'orphan' };
  const rounded = Math.round(best.score * 1000) / 1000;
  if (folded.original.slice(start, end) === anchor.quote.exact) return { kind: 'exact', start, end, score: rounded };
  return { kind: 'fuzzy', start, end, score: rounded, errors: best.errors };
}

/** Every highlight of one article located in its text (folded once); keyed by highlight id. */
export function locateAnchors(
  highlights: Iterable<{ id: string; quote: HighlightAnchor['quote']; position: HighlightAnchor['position'] }>,
  text: string,
): Map<string, AnchorResult> {
  const folded = anchoringText(text);
  const out = new Map<string, AnchorResult>();
  for (const h of highlights) out.set(h.id, locateAnchor({ quote: h.quote, position: h.position }, folded));
  return out;
}
