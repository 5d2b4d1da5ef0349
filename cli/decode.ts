// Bytes to text the way a careful browser decodes a page. The HTML Standard's sniffing (byte order mark, then the
// <meta> prescan) comes from html-encoding-sniffer and the decoders from whatwg-encoding, the libraries jsdom
// itself uses. What this file adds is where saved pages need more care than the standard's first 1024 bytes:
// - a <meta> declaration later in the head is still honoured (browsers switch encoding when their parser meets
//   one; pages with long inline scripts before it are common);
// - bytes that are valid UTF-8 with non-ASCII characters are UTF-8, whatever a legacy label says (a page saved
//   or re-served as UTF-8 keeps its old <meta charset="gb2312">; decoding it as declared gives mojibake, while
//   text in a legacy encoding is practically never valid UTF-8 by accident);
// - with no declaration and invalid UTF-8, the legacy encoding the page's own language suggests (the Standard's
//   table of locale defaults), else windows-1252.
// Labels whatwg-encoding does not know (the rare ISO-2022-JP, ISO-8859-8-I, x-mac-cyrillic, and the unsafe ones
// browsers map to "replacement") count as no declaration.
import sniffHtmlEncoding from 'html-encoding-sniffer';
import { decode, getBOMEncoding } from 'whatwg-encoding';

export type EncodingSource = 'bom' | 'meta' | 'utf-8 bytes' | 'language' | 'default';

export interface DecodedHtml {
  text: string;
  /** The WHATWG name of the encoding used ("UTF-8", "windows-1252", "GBK", "Shift_JIS"...). */
  encoding: string;
  /** Why that encoding: what decided it. */
  source: EncodingSource;
}

/** How far to look for a late <meta> when the page has no <body> tag. */
const HEAD_LIMIT = 1 << 20;

/** Offsets of each "<meta" (any case) before the first "<body" (or in the first `limit` bytes without one). */
function metaOffsets(bytes: Uint8Array, limit: number): number[] {
  const offsets: number[] = [];
  const lower = (i: number) => (bytes[i] ?? 0) | 0x20;
  const is = (i: number, word: string) => [...word].every((c, k) => lower(i + k) === c.charCodeAt(0));
  for (let i = 0; i < limit; i++) {
    if (bytes[i] !== 0x3c) continue; // "<"
    if (is(i + 1, 'body')) break;
    if (is(i + 1, 'meta')) offsets.push(i);
  }
  return offsets;
}

/**
 * The encoding the page's <meta> elements declare: the standard prescan of the first 1024 bytes, then the same
 * prescan started at every later <meta> of the head.
 */
export function declaredEncoding(bytes: Uint8Array): string | null {
  const sniff = (from: Uint8Array) => sniffHtmlEncoding(from, { defaultEncoding: null });
  const first = sniff(bytes);
  if (first) return first;
  // The first prescan may have cut a <meta> that straddles its end: look at every one again.
  for (const at of metaOffsets(bytes, Math.min(bytes.length, HEAD_LIMIT))) {
    const found = sniff(bytes.subarray(at));
    if (found) return found;
  }
  return null;
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

const hasNonAscii = (bytes: Uint8Array) => bytes.some((b) => b > 0x7f);

// The HTML Standard's suggested default encodings by locale (where it is not windows-1252), keyed by the primary
// language subtag; Chinese depends on the script or region.
const LANGUAGE_DEFAULTS: Record<string, string> = {
  ar: 'windows-1256',
  fa: 'windows-1256',
  ba: 'windows-1251',
  be: 'windows-1251',
  bg: 'windows-1251',
  kk: 'windows-1251',
  ky: 'windows-1251',
  mk: 'windows-1251',
  ru: 'windows-1251',
  tt: 'windows-1251',
  uk: 'windows-1251',
  cs: 'windows-1250',
  hr: 'windows-1250',
  hu: 'ISO-8859-2',
  pl: 'ISO-8859-2',
  ro: 'ISO-8859-16',
  sk: 'windows-1250',
  sl: 'ISO-8859-2',
  sr: 'windows-1251',
  el: 'ISO-8859-7',
  et: 'windows-1257',
  lt: 'windows-1257',
  lv: 'ISO-8859-13',
  he: 'windows-1255',
  ja: 'Shift_JIS',
  ko: 'EUC-KR',
  ku: 'windows-1254',
  tr: 'windows-1254',
  th: 'windows-874',
  vi: 'windows-1258',
  zh: 'GB18030',
};

const HTML_LANG = /<html\b[^>]*?\slang\s*=\s*["']?([a-z]{2,3})(?:[-_]([a-z0-9]+))?/i;

/** The legacy encoding suggested for the language of the page's <html lang>, or null. */
function languageDefault(bytes: Uint8Array): string | null {
  const start = new TextDecoder('windows-1252').decode(bytes.subarray(0, 4096));
  const match = HTML_LANG.exec(start);
  if (!match) return null;
  const [, primary = '', sub = ''] = match;
  const lang = primary.toLowerCase();
  if (lang === 'zh' && /^(?:hant|tw|hk|mo)$/i.test(sub)) return 'Big5';
  return LANGUAGE_DEFAULTS[lang] ?? null;
}

export function decodeHtml(bytes: Uint8Array): DecodedHtml {
  const done = (encoding: string, source: EncodingSource): DecodedHtml => ({
    text: decode(bytes, encoding),
    encoding,
    source,
  });
  const bom = getBOMEncoding(bytes);
  if (bom) return done(bom, 'bom');
  const utf8 = isValidUtf8(bytes);
  const declared = declaredEncoding(bytes);
  if (declared) {
    // A legacy label on bytes that are valid UTF-8 (and not plain ASCII, which every label a <meta> can give
    // reads alike): the label is stale. (The prescan already reads a declared UTF-16 as UTF-8.)
    if (declared !== 'UTF-8' && utf8 && hasNonAscii(bytes)) {
      return done('UTF-8', 'utf-8 bytes');
    }
    return done(declared, 'meta');
  }
  if (utf8) return done('UTF-8', 'utf-8 bytes');
  const byLanguage = languageDefault(bytes);
  return byLanguage ? done(byLanguage, 'language') : done('windows-1252', 'default');
}
