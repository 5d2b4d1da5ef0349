// A page read from its serialization instead of its live DOM: Firefox's content scripts reach every node of the
// page through an Xray wrapper, and the engine's thousands of DOM calls cost several times more there than on a
// document of the extension's own. The content script sends the page's markup (one call); the extension page
// parses it back into the tree the browser built, and the engine runs on that.

/** What the content script sends of the page: its markup and what the markup does not say. */
export interface PageSnapshot {
  /** `document.documentElement.outerHTML`, as serialized by the page's browser (scripting on). */
  html: string;
  /** The page's address (`location.href`). */
  url: string;
  /** The base address the engine resolves against: the page's, with a `<base>` in its head applied. */
  baseUrl: string;
  /** The page is in quirks mode (a `<table>` does not close an open `<p>` there). */
  quirks: boolean;
  readyState: DocumentReadyState;
  contentType: string;
}

// Elements whose text a browser serializes as it is, unescaped: the markup of a serialized page must be skipped
// there (a script's text may hold "<noscript>"). <noscript> is one of them with scripting on, as in every page.
const RAW_TEXT = new Set(['script', 'style', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript']);

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The serialized page again, such that a parser with scripting off (DOMParser) builds the tree the page's browser
 * built with scripting on: each <noscript>'s markup becomes its escaped text (one text node, as in the live page),
 * and a <noscript> in the head is left empty (with scripting off, an <img> in it would end the head there and send
 * the metas after it into the body; nothing reads a head's <noscript>). The same as cli/load.ts `asBrowsersParse`,
 * on markup a browser serialized: attribute values double-quoted, text escaped except in raw-text elements.
 */
export function noscriptAsText(html: string): string {
  const token = /<!--|<(\/?)([a-zA-Z][^\s/>]*)/g;
  let out = '';
  let copied = 0;
  let inHead = true;
  for (let match = token.exec(html); match; match = token.exec(html)) {
    if (match[0] === '<!--') {
      const end = html.indexOf('-->', token.lastIndex);
      if (end < 0) break;
      token.lastIndex = end + 3;
      continue;
    }
    const name = match[2]!.toLowerCase();
    const tagEnd = endOfTag(html, token.lastIndex);
    if (tagEnd < 0) break;
    token.lastIndex = tagEnd;
    if (match[1]) {
      if (name === 'head') inHead = false;
      continue;
    }
    if (name === 'body') inHead = false;
    if (name === 'plaintext') break; // the rest of the page is its text
    if (!RAW_TEXT.has(name)) continue;
    const close = new RegExp(`</${name}[\\s/>]`, 'ig');
    close.lastIndex = tagEnd;
    const closing = close.exec(html);
    const textEnd = closing ? closing.index : html.length;
    if (name === 'noscript') {
      out += html.slice(copied, tagEnd) + (inHead ? '' : escapeText(html.slice(tagEnd, textEnd)));
      copied = textEnd;
    }
    token.lastIndex = textEnd;
  }
  return out + html.slice(copied);
}

/** Index just past the `>` closing a start or end tag whose name ends at `from`; -1 if none. */
function endOfTag(html: string, from: number): number {
  let i = from;
  while (i < html.length) {
    const c = html[i];
    if (c === '>') return i + 1;
    if (c === '"' || c === "'") {
      const end = html.indexOf(c, i + 1);
      if (end < 0) return -1;
      i = end + 1;
    } else i++;
  }
  return -1;
}

/**
 * The page's document rebuilt from its snapshot by `parse` (DOMParser's text/html in an extension page): inert, no
 * script runs and nothing loads. Its own address is the extension page's: the engine is told the page's
 * (`ExtractOptions.baseUrl` and the `url` argument).
 */
export function documentFromSnapshot(snapshot: PageSnapshot, parse: (markup: string) => Document): Document {
  // The doctype decides the quirks mode, which changes the tree (tables and paragraphs): the same mode as the page.
  return parse((snapshot.quirks ? '' : '<!DOCTYPE html>') + noscriptAsText(snapshot.html));
}
