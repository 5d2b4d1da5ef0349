// Just enough HTML reading for bookmark files and Pocket's HTML export, without a DOM (core/ runs in Node too):
// start and end tags with their attributes, the text between them, and the line each tag is on.

export interface HtmlTag {
  kind: 'tag';
  /** Lower-case tag name. */
  name: string;
  closing: boolean;
  /** Lower-case attribute names, decoded values. */
  attrs: Record<string, string>;
  line: number;
}
export interface HtmlText {
  kind: 'text';
  text: string;
  line: number;
}
export type HtmlToken = HtmlTag | HtmlText;

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  laquo: '«',
  raquo: '»',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  rsquo: '’',
  lsquo: '‘',
  rdquo: '”',
  ldquo: '“',
  eacute: 'é',
  egrave: 'è',
  agrave: 'à',
  ccedil: 'ç',
  euro: '€',
  copy: '©',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#\d+|#x[\da-f]+|[a-z]+\d*);?/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
    }
    return NAMED[body.toLowerCase()] ?? whole;
  });
}

const TAG =
  /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>|<!--[\s\S]*?-->|<![^>]*>/g;
const ATTR = /([^\s=>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

export function tokenizeHtml(html: string): HtmlToken[] {
  const tokens: HtmlToken[] = [];
  let line = 1;
  let last = 0;
  const advance = (to: number) => {
    for (let i = last; i < to; i++) if (html.charCodeAt(i) === 10) line++;
    last = to;
  };
  for (const match of html.matchAll(TAG)) {
    const at = match.index;
    if (at > last) {
      const text = html.slice(last, at);
      const textLine = line;
      advance(at);
      tokens.push({ kind: 'text', text: decodeEntities(text), line: textLine });
    }
    advance(at);
    const tagLine = line;
    advance(at + match[0].length);
    if (!match[2]) continue; // comment or doctype
    const attrs: Record<string, string> = {};
    for (const a of (match[3] ?? '').matchAll(ATTR)) {
      const name = a[1]!.toLowerCase();
      if (!(name in attrs)) attrs[name] = decodeEntities(a[2] ?? a[3] ?? a[4] ?? '');
    }
    tokens.push({ kind: 'tag', name: match[2].toLowerCase(), closing: match[1] === '/', attrs, line: tagLine });
  }
  if (last < html.length) tokens.push({ kind: 'text', text: decodeEntities(html.slice(last)), line });
  return tokens;
}

/** Escapes text for HTML content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]};`);
}
