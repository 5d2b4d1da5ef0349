// Titles in a shard's text: headlines often reappear in the article's address as a slug, so the words of a
// title that its URL's path repeats, in order, are stored as one character each.

/** The lower-case words of a URL's path: headlines often reappear there as a slug. */
function pathWords(url: string): string[] {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  if (start < 0) return [];
  const end = url.search(/[?#]/);
  return url
    .slice(start, end < 0 ? undefined : end)
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** U+0010 to U+001B stand for "the next path word" (skipping 0 to 3 words; as is, Capitalized, UPPER). */
const MARK = 0x10;

function caseOf(word: string, slug: string): number {
  if (word === slug) return 0;
  if (word === slug.charAt(0).toUpperCase() + slug.slice(1)) return 1;
  return word === slug.toUpperCase() ? 2 : -1;
}

const CASES = [(s: string) => s, (s: string) => s.charAt(0).toUpperCase() + s.slice(1), (s: string) => s.toUpperCase()];

/** The title with the words that its URL's slug repeats, in order, replaced by one-character marks. */
export function packTitle(title: string, url: string): string {
  const words = pathWords(url);
  let next = 0;
  let out = '';
  for (const [run] of title.matchAll(/[A-Za-z0-9]+|[^A-Za-z0-9]+/g)) {
    if (run.length >= 3 && /^[A-Za-z0-9]/.test(run)) {
      let mark = -1;
      for (let skip = 0; skip < 4 && next + skip < words.length && mark < 0; skip++) {
        const c = caseOf(run, words[next + skip]!);
        if (c >= 0) {
          mark = MARK + skip * 3 + c;
          next += skip + 1;
        }
      }
      if (mark >= 0) {
        out += String.fromCharCode(mark);
        continue;
      }
    }
    out += run;
  }
  return out;
}

export function unpackTitle(packed: string, url: string): string {
  if (![...packed].some((c) => c.charCodeAt(0) - MARK >= 0 && c.charCodeAt(0) - MARK < 12)) return packed;
  const words = pathWords(url);
  let next = 0;
  let out = '';
  for (const char of packed) {
    const code = char.charCodeAt(0) - MARK;
    if (code < 0 || code >= 12) {
      out += char;
      continue;
    }
    const word = words[next + Math.floor(code / 3)];
    if (word === undefined) throw new Error('bad title mark');
    out += CASES[code % 3]!(word);
    next += Math.floor(code / 3) + 1;
  }
  return out;
}
