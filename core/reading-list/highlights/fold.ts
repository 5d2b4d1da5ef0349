// Text as re-anchoring compares it: what a new extraction may change without changing what the reader reads
// counts for nothing. Whitespace runs become one space (a paragraph re-split, a non-breaking space), each
// letter with its combining marks is in NFC (é precomposed or as e + ◌́), invisible format characters (soft
// hyphen, zero-width space, word joiner, BOM) are dropped. Each character beyond the BMP (an emoji, a
// mathematical letter) becomes one code unit of the private use area, so that an edit counts it once and an
// approximate match never starts or ends inside it; two of them may share a unit, which costs a little
// precision, never a split character. A map leads back to the original offsets.

import { isWhitespaceCode } from './text-model.ts';

export interface FoldedText {
  readonly original: string;
  readonly text: string;
  /** Folded offset -> original offset, for every offset 0..text.length (text.length -> original.length). */
  readonly toOriginal: Int32Array;
}

const MARK = /^\p{M}/u;
const isInvisible = (c: number) => c === 0xad || c === 0x200b || c === 0x2060 || c === 0xfeff;
const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;
/**
 * Joins the character before: a combining mark (none below U+0300), a Hangul vowel or final consonant jamo (a
 * syllable written as jamo composes in NFC like a letter and its accent), or Kirat Rai's vowel sign E (U+16D67,
 * a letter, not a mark, that composes with another: the only such character of Unicode 17 besides the jamo).
 */
function joinsAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0x300) return false;
  if ((c >= 0x1160 && c <= 0x11ff) || (c >= 0xd7b0 && c <= 0xd7ff)) return true;
  return MARK.test(text.slice(i, i + 2)) || text.codePointAt(i) === KIRAT_RAI_VOWEL_E;
}
const KIRAT_RAI_VOWEL_E = 0x16d67;
const ASTRAL = /[\u{10000}-\u{10FFFF}]/gu;

/** One private-use code unit for a character beyond the BMP. */
const astralUnit = (c: string) => String.fromCharCode(0xe000 + ((c.codePointAt(0)! - 0x10000) % 6400));

// One pass over the code units; stretches that fold to themselves (most of any text) are copied whole.
export function foldForAnchoring(original: string): FoldedText {
  const n = original.length;
  const parts: string[] = [];
  // NFC may lengthen a character (a few composition exclusions): room for twice the text.
  let map = new Int32Array(2 * n + 1);
  let out = 0;
  let copyFrom = -1;
  const flush = (upTo: number) => {
    if (copyFrom < 0) return;
    parts.push(original.slice(copyFrom, upTo));
    for (let k = copyFrom; k < upTo; k++) map[out++] = k;
    copyFrom = -1;
  };
  let i = 0;
  while (i < n) {
    const c = original.charCodeAt(i);
    if (isInvisible(c)) {
      // Dropped with any mark on it (a Kirat Rai letter after it is a letter, not its mark).
      flush(i);
      i++;
      while (i < n && joinsAt(original, i) && original.codePointAt(i) !== KIRAT_RAI_VOWEL_E) {
        i += isHigh(original.charCodeAt(i)) ? 2 : 1;
      }
    } else if (isWhitespaceCode(c)) {
      flush(i);
      parts.push(' ');
      map[out++] = i;
      while (i < n && isWhitespaceCode(original.charCodeAt(i)) && !isInvisible(original.charCodeAt(i))) i++;
    } else {
      // One character with its combining marks (or a Hangul syllable's jamo).
      let end = i + (isHigh(c) && isLow(original.charCodeAt(i + 1)) ? 2 : 1);
      while (end < n && joinsAt(original, end)) end += isHigh(original.charCodeAt(end)) ? 2 : 1;
      // Below U+0300 (ASCII, Latin-1, Latin Extended) a lone character is already in NFC.
      if (end === i + 1 && c < 0x300) {
        if (copyFrom < 0) copyFrom = i;
      } else {
        const cluster = original.slice(i, end);
        const folded = cluster.normalize('NFC').replace(ASTRAL, astralUnit);
        if (folded === cluster && end === i + 1) {
          if (copyFrom < 0) copyFrom = i;
        } else {
          // Every unit of a changed or composite character leads back to its start: a match never splits it.
          flush(i);
          parts.push(folded);
          if (out + folded.length >= map.length) map = growTo(map, out + folded.length + n);
          for (let k = 0; k < folded.length; k++) map[out++] = i;
        }
      }
      i = end;
    }
  }
  flush(n);
  map[out] = n;
  return { original, text: parts.join(''), toOriginal: map.slice(0, out + 1) };
}

function growTo(map: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(size);
  bigger.set(map);
  return bigger;
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
