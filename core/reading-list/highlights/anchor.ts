// Re-anchoring: where a highlight's quote is in the article's current text (after a new extraction, a changed
// cleanup rule, a newer version of the page).
//
// Both sides are compared folded (fold.ts: whitespace, Unicode normalization and invisible characters do not
// count). Candidates are every exact occurrence of the quote. Unless one of them stands in the quote's own
// context, approximate matches are added (Myers' bit-parallel algorithm, from approx-string-match, which
// Hypothesis uses; at most a quarter of the quote's length in edits): where the quote with its prefix and suffix
// matches best (and there, the text between the two contexts, with up to half the quote's length in edits),
// around the position hint, and, when there is no exact occurrence, anywhere (a search keeps only the matches
// with the fewest edits, hence the narrower ones). Each candidate is scored, as Hypothesis
// does, on how well the quote, the prefix before it and the suffix after it match, and how near the position
// hint it is; one with the quote's own prefix and suffix comes first, then the best score (on a tie: the
// nearer the hint, the closer to the quote's length, the earlier).
// An exact occurrence is always acceptable, and beats an approximate one unless that one alone has the quote's
// own prefix and suffix and differs by a tenth of it at most; an approximate one must score MIN_FUZZY_SCORE.
// A quote found nowhere is an orphan: the caller keeps it (and its note) and lists it.
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
/** Characters of prefix and suffix together under which a match in "the quote's own context" means nothing. */
const MIN_CONTEXT = 8;
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

/** The best approximate matches of `pattern` in text[from, to), with a quarter of it in edits (`least` at least). */
function searchIn(text: string, pattern: string, from: number, to: number, least = 0): Candidate[] {
  from = Math.max(0, from);
  to = Math.min(text.length, to);
  const maxErrors = Math.max(least, maxErrorsFor(pattern));
  if (!pattern || maxErrors === 0 || to - from < pattern.length - maxErrors) return [];
  const part = from === 0 && to === text.length ? text : text.slice(from, to);
  return search(part, pattern, maxErrors).map((m) => ({ start: m.start + from, end: m.end + from, errors: m.errors }));
}

/** Where `context` ends (or starts, `side` 'start') nearest `expected`, within `slack`; null if not there. */
function contextEdge(text: string, context: string, expected: number, slack: number, side: 'start' | 'end') {
  if (!context) return expected;
  const from = side === 'end' ? expected - context.length - slack : expected - slack;
  const to = side === 'end' ? expected + slack : expected + context.length + slack;
  let best: number | null = null;
  for (const m of searchIn(text, context, from, to, 1)) {
    const edge = side === 'end' ? m.end : m.start;
    if (best === null || Math.abs(edge - expected) < Math.abs(best - expected)) best = edge;
  }
  return best;
}

/** Edit distances computed for a span between contexts at most (characters of the quote times the span's). */
const MAX_DISTANCE_CELLS = 4_000_000;

/**
 * The text between the quote's prefix and suffix where the three match together (`m`): the quote's place even
 * when its own words changed more than a search for them alone allows (a word inserted in a short quote), up to
 * half of them.
 */
function betweenContexts(text: string, m: Candidate, prefix: string, suffix: string, quote: string) {
  const slack = m.errors + 2;
  const start = contextEdge(text, prefix, m.start + prefix.length, slack, 'end');
  const end = contextEdge(text, suffix, m.end - suffix.length, slack, 'start');
  if (start === null || end === null || end <= start || (end - start) * quote.length > MAX_DISTANCE_CELLS) return null;
  const errors = editDistance(quote, text.slice(start, end).trim());
  return errors <= quote.length / 2 ? { start, end, errors } : null;
}

/** The span [start, end) of the original text with whitespace at its ends left out. */
function trimmed(original: string, start: number, end: number): [number, number] {
  while (start < end && isWhitespaceCode(original.charCodeAt(start))) start++;
  while (end > start && isWhitespaceCode(original.charCodeAt(end - 1))) end--;
  return [start, end];
}

/** What is looked for, folded like the text. */
interface Query {
  haystack: string;
  quote: string;
  /** The context nearest the quote, and the same without the whitespace next to it (the quote is trimmed). */
  prefixNear: string;
  suffixNear: string;
  prefix: string;
  suffix: string;
  hint: number | null;
}

function scoreCandidate(q: Query, c: Candidate): Scored {
  let total = WEIGHTS.quote * (1 - c.errors / q.quote.length);
  let weights = WEIGHTS.quote;
  // Context this short (a quote at the very start and end of the text) proves nothing.
  let inContext = q.prefix.length + q.suffix.length >= MIN_CONTEXT;
  if (q.prefix) {
    // Folded whitespace is one space: the context's length and one more character is enough to look at.
    const before = q.haystack.slice(Math.max(0, c.start - q.prefix.length - 1), c.start).trimEnd();
    const similar = similarity(q.prefix, before.slice(-q.prefix.length));
    total += WEIGHTS.prefix * similar;
    weights += WEIGHTS.prefix;
    inContext &&= similar === 1;
  }
  if (q.suffix) {
    const after = q.haystack.slice(c.end, c.end + q.suffix.length + 1).trimStart();
    const similar = similarity(q.suffix, after.slice(0, q.suffix.length));
    total += WEIGHTS.suffix * similar;
    weights += WEIGHTS.suffix;
    inContext &&= similar === 1;
  }
  const distance = q.hint === null ? 0 : Math.abs(c.start - q.hint);
  if (q.hint !== null) {
    total += WEIGHTS.position * (1 - distance / Math.max(q.haystack.length, 1));
    weights += WEIGHTS.position;
  }
  return { ...c, score: total / weights, inContext, distance };
}

/**
 * One in the quote's own context first (a match cut short scores well on fewer edits, but not its context),
 * then the higher score; on a tie, nearer the hint, then as long as the quote (approximate matches with as many
 * edits can end a character sooner or later), then earlier.
 */
function better(q: Query, a: Scored, b: Scored | null): boolean {
  if (!b) return true;
  if (a.inContext !== b.inContext) return a.inContext;
  if (a.score !== b.score) return a.score > b.score;
  const length = (c: Scored) => Math.abs(c.end - c.start - q.quote.length);
  return (a.distance - b.distance || length(a) - length(b) || a.start - b.start) < 0;
}

function bestOf(q: Query, candidates: Iterable<Candidate>): Scored | null {
  let best: Scored | null = null;
  for (const c of candidates) {
    const scored = scoreCandidate(q, c);
    if (better(q, scored, best)) best = scored;
  }
  return best;
}

/** Where the quote stands in its context (an edited copy among exact ones elsewhere), near the hint, anywhere. */
function approximateCandidates(q: Query, anywhere: boolean): Candidate[] {
  const { haystack, quote, prefixNear, suffixNear, hint } = q;
  const found: Candidate[] = [];
  if (q.prefix || q.suffix) {
    for (const m of searchIn(haystack, prefixNear + quote + suffixNear, 0, haystack.length)) {
      // Only where the quote is in that match: the context may hold other copies of it.
      const from = m.start + prefixNear.length - m.errors - 1;
      found.push(...searchIn(haystack, quote, from, m.end - suffixNear.length + m.errors + 1));
      const between = betweenContexts(haystack, m, prefixNear, suffixNear, quote);
      if (between) found.push(between);
    }
  }
  if (hint !== null) {
    found.push(...searchIn(haystack, quote, hint - 2 * quote.length - 64, hint + 3 * quote.length + 64));
  }
  if (anywhere) found.push(...searchIn(haystack, quote, 0, haystack.length));
  return found;
}

/** Where the anchor's quote is in `text` (the article's text, or anchoringText of it), and how it was found. */
export function locateAnchor(anchor: HighlightAnchor, text: string | FoldedText): AnchorResult {
  const folded = typeof text === 'string' ? foldForAnchoring(text) : text;
  const quote = foldForAnchoring(anchor.quote.exact).text.trim();
  if (!quote) return { kind: 'orphan' };
  const prefixNear = foldForAnchoring(anchor.quote.prefix).text.slice(-CONTEXT_LENGTH);
  const suffixNear = foldForAnchoring(anchor.quote.suffix).text.slice(0, CONTEXT_LENGTH);
  const q: Query = {
    haystack: folded.text,
    quote,
    prefixNear,
    suffixNear,
    prefix: prefixNear.trimEnd(),
    suffix: suffixNear.trimStart(),
    hint: anchor.position ? foldedOffset(folded, anchor.position.start) : null,
  };

  let best = bestOf(q, exactCandidates(q.haystack, quote, q.hint));
  if (!best?.inContext) {
    const approximate = bestOf(q, approximateCandidates(q, !best));
    if (approximate && approximate.score >= MIN_FUZZY_SCORE) {
      // An exact copy wins over an edited one, unless the edited one alone stands in the quote's own context,
      // with few edits, and apart from it (mostly over it, it is the same place, less precisely).
      const slightly = approximate.errors <= Math.max(1, Math.floor(quote.length * SLIGHT_EDIT_RATE));
      const overlap = best ? Math.min(best.end, approximate.end) - Math.max(best.start, approximate.start) : 0;
      if (!best || (approximate.inContext && slightly && overlap < quote.length / 2 && better(q, approximate, best))) {
        best = approximate;
      }
    }
  }
  if (!best) return { kind: 'orphan' };

  const map = folded.toOriginal;
  const [start, end] = trimmed(folded.original, map[best.start]!, map[best.end]!);
  if (start === end) return { kind: 'orphan' };
  const score = Math.round(best.score * 1000) / 1000;
  if (folded.original.slice(start, end) === anchor.quote.exact) return { kind: 'exact', start, end, score };
  return { kind: 'fuzzy', start, end, score, errors: best.errors };
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
