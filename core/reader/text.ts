// Plain text from article DOM, word counts and reading time, for any language.

const BLOCK_TAGS = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'DD',
  'DETAILS',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TBODY',
  'THEAD',
  'TFOOT',
  'TR',
  'UL',
  'CAPTION',
]);
const CELL_TAGS = new Set(['TD', 'TH']);
const SKIP_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'MATH']);

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/**
 * Text with a blank line between blocks, so adjacent blocks never glue together
 * ("interviewMr Obama"), which `textContent` does.
 */
export function toPlainText(root: Node): string {
  const parts: string[] = [];
  // Break markers: 1 = line break, 2 = paragraph break; the strongest pending one wins.
  let pendingBreak = 0;
  const push = (text: string) => {
    if (!text) return;
    if (pendingBreak && parts.length) parts.push(pendingBreak === 2 ? '\n\n' : '\n');
    pendingBreak = 0;
    parts.push(text);
  };
  // Children through firstChild / nextSibling: a DOM builds no NodeList for that (jsdom's are costly).
  const walk = (node: Node, inPre: boolean) => {
    const type = node.nodeType;
    if (type === TEXT_NODE) {
      const raw = (node as Text).data;
      if (inPre) push(raw);
      else {
        const collapsed = raw.replace(/[\s\u00a0]+/g, ' ');
        if (collapsed.trim()) {
          const last = parts.length ? parts[parts.length - 1]! : '';
          const glueSpace = pendingBreak || !last || /\s$/.test(last);
          push(glueSpace ? collapsed.replace(/^ /, '') : collapsed);
        } else if (collapsed && parts.length && !pendingBreak && !/\s$/.test(parts[parts.length - 1]!)) {
          parts.push(' ');
        }
      }
      return;
    }
    if (type !== ELEMENT_NODE) {
      if (type === 11 || type === 9) for (let c = node.firstChild; c; c = c.nextSibling) walk(c, inPre);
      return;
    }
    const tag = (node as Element).tagName.toUpperCase();
    if (SKIP_TAGS.has(tag)) return;
    if (tag === 'BR') {
      pendingBreak = Math.max(pendingBreak, 1);
      return;
    }
    const block = BLOCK_TAGS.has(tag);
    if (block) pendingBreak = 2;
    else if (CELL_TAGS.has(tag) && parts.length && !pendingBreak) parts.push('\t');
    const pre = inPre || tag === 'PRE';
    for (let c = node.firstChild; c; c = c.nextSibling) walk(c, pre);
    if (block) pendingBreak = 2;
  };
  walk(root, false);
  return parts
    .join('')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Whitespace-collapsed text of a node, cheap enough for rule matching. */
export function normalizedText(node: Node): string {
  return (node.textContent ?? '').replace(/[\s\u00a0\u200b]+/g, ' ').trim();
}

const segmenters = new Map<string, Intl.Segmenter>();

/** One Intl.Segmenter per language and granularity (costly to make); the default locale for a tag it refuses. */
export function segmenter(lang: string, granularity: 'word' | 'sentence'): Intl.Segmenter {
  const key = `${granularity}:${lang}`;
  let s = segmenters.get(key);
  if (!s) {
    try {
      s = new Intl.Segmenter(lang || undefined, { granularity });
    } catch {
      s = new Intl.Segmenter(undefined, { granularity });
    }
    segmenters.set(key, s);
  }
  return s;
}

const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]/g;

// Elided articles and pronouns glued to the next word: l'invitation, qu'il, dell'anno.
const ELISION = /^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu|dell|all|dall|nell|sull|quell|un|d)['’]\p{L}/iu;
const ELIDING_LANGS = new Set(['fr', 'it', 'ca']);

/**
 * Word count with the language's own word boundaries. French and Italian elisions
 * ("l'invitation") count as two words, as their readers read them; ICU keeps them whole.
 */
export function countWords(text: string, lang = ''): number {
  const splitElisions = ELIDING_LANGS.has(lang.toLowerCase().split(/[-_]/)[0] ?? '');
  // Scripts written without spaces need the segmenter's dictionaries; a regex is enough (and
  // much faster) where spaces separate words.
  const words = NO_SPACES.test(text)
    ? [...segmenter(lang, 'word').segment(text)].filter((s) => s.isWordLike).map((s) => s.segment)
    : (text.match(SPACED_WORD) ?? []);
  let n = 0;
  for (const word of words) n += splitElisions && ELISION.test(word) ? 2 : 1;
  return n;
}

const NO_SPACES =
  /[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]/;
const SPACED_WORD = /[\p{L}\p{N}\p{M}]+(?:['’.-][\p{L}\p{N}\p{M}]+)*/gu;

// Silent reading speeds, words per minute, from the IReST study (Trauzettel-Klosinski
// et al., 2012), measured on the same text across 17 languages.
const WORDS_PER_MINUTE: Record<string, number> = {
  ar: 138,
  de: 179,
  en: 228,
  es: 218,
  fi: 161,
  fr: 195,
  he: 187,
  it: 188,
  nl: 202,
  pl: 166,
  pt: 181,
  ru: 184,
  sl: 180,
  sv: 218,
  tr: 166,
};
// Chinese, Japanese and Korean read by characters (IReST: 255 and 357 characters per minute).
const CHARS_PER_MINUTE: Record<string, number> = { zh: 255, ja: 357, ko: 255 };
const DEFAULT_WPM = 200;

export function readingTimeMinutes(text: string, lang = '', wordCount?: number): number {
  const base = lang.toLowerCase().split(/[-_]/)[0] ?? '';
  const cpm = CHARS_PER_MINUTE[base];
  let minutes: number;
  if (cpm) {
    const cjkChars = text.match(CJK)?.length ?? 0;
    minutes = cjkChars / cpm + countWords(text.replace(CJK, ' '), lang) / DEFAULT_WPM;
  } else {
    minutes = (wordCount ?? countWords(text, lang)) / (WORDS_PER_MINUTE[base] ?? DEFAULT_WPM);
  }
  return Math.max(1, Math.round(minutes));
}
