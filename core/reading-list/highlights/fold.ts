// Text as re-anchoring compares it: what a new extraction may change without changing what the reader reads
// counts for nothing. Whitespace runs become one space (a paragraph re-split, a non-breaking space), each
// letter with its combining marks is in NFC (é precomposed or as e + ◌́), invisible format characters (soft
// hyphen, zero-width space, word joiner, BOM) are dropped. Each character beyond the BMP (an emoji, a
// mathematical letter) becomes one code unit of the private use area, so that an edit counts it once and an
// approximate match never starts or ends inside it; two of them may share a unit, which costs a little
// precision, never a split character. A map leads back to the original offsets.

export interface FoldedText {
  readonly original: string;
  readonly text: string;
  /** Folded offset -> original offset, for every offset 0..text.length (text.length -> original.length). */
  readonly toOriginal: Int32Array;
}

// A whitespace run | invisible characters | one code point (a lone surrogate too) with its combining marks.
const TOKENS = /(\s+)|([\u00ad\u200b\u2060\ufeff]+)|([^][\p{M}]*)/gsu;

const ASTRAL = /[\u{10000}-\u{10FFFF}]/gu;

export function foldForAnchoring(original: string): FoldedText {
  const parts: string[] = [];
  const map: number[] = [];
  TOKENS.lastIndex = 0;
  for (let m = TOKENS.exec(original); m; m = TOKENS.exec(original)) {
    if (m[2]) continue;
    let piece = m[1] ? ' ' : m[0];
    // ASCII letters need no normalization (and are most of most texts).
    if (!m[1] && (piece.length > 1 || piece.charCodeAt(0) > 0x7f)) {
      piece = piece
        .normalize('NFC')
        .replace(ASTRAL, (c) => String.fromCharCode(0xe000 + ((c.codePointAt(0)! - 0x10000) % 6400)));
    }
    parts.push(piece);
    for (let k = 0; k < piece.length; k++) map.push(m.index);
  }
  map.push(original.length);
  return { original, text: parts.join(''), toOriginal: Int32Array.from(map) };
}

/** The folded offset of an original offset: the first folded position at or after it. */
export function foldedOffset(folded: FoldedText, originalOffset: number): number {
  const map = folded.toOriginal;
  let lo = 0;
  let hi = map.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (map[mid]! < originalOffset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Levenshtein distance of two short strings (contexts: tens of characters). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length || !b.length) return a.length + b.length;
  let previous = Array.from({ length: b.length + 1 }, (_, k) => k);
  let current = new Array<number>(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let k = 1; k <= b.length; k++) {
      const substitution = previous[k - 1]! + (a.charCodeAt(i - 1) === b.charCodeAt(k - 1) ? 0 : 1);
      current[k] = Math.min(substitution, previous[k]! + 1, current[k - 1]! + 1);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length]!;
}
