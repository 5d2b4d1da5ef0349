import createDOMPurify, { type Config, type DOMPurify } from 'dompurify';

// Article HTML is untrusted: it leaves here with no script, handler, form, frame or style.
const CONFIG: Config = {
  FORBID_TAGS: [
    'script',
    'style',
    'link',
    'meta',
    'base',
    'form',
    'input',
    'button',
    'select',
    'option',
    'textarea',
    'iframe',
    'frame',
    'frameset',
    'object',
    'embed',
    'noscript',
    'template',
    'dialog',
    'portal',
    // Media load from wherever the page says as soon as they render (metadata, poster, captions; audio may
    // autoplay): a reader shows the article's text and pictures, and the pictures are its <img> elements.
    'audio',
    'video',
    'source',
    'track',
  ],
  FORBID_ATTR: ['style', 'class', 'srcdoc', 'formaction', 'ping', 'background'],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: true,
  SANITIZE_NAMED_PROPS: true,
};

// Inline SVG may point at its own parts (`#id`) and embed images as data: URLs, never fetch another document:
// <image href>, <feImage href> and url() in presentation attributes (fill, mask, filter, clip-path, marker-*)
// all make requests from the reader's views. Links (<a href>) only navigate when clicked.
const FETCHING_HREF = /^(?:href|xlink:href)$/i;
// Tested on the value as CSS reads it (see cssValue): `u\72l(` and `\55 \52 \4c (` are `url(`.
const EXTERNAL_URL_REF = /url\(\s*['"]?(?!#)/i;
const MAY_REFER = /[(\\]/;

/**
 * An attribute value as a CSS parser reads it: comments gone, escapes (`\72`, `\000072 `, `\r`) decoded, so
 * that filters test what the browser will see and not how it was spelled.
 */
export function cssValue(value: string): string {
  return value
    .replace(/\/\*[\s\S]*?(?:\*\/|$)/g, '')
    .replace(/\\(?:([0-9a-f]{1,6})(?:\r\n|[ \t\r\n\f])?|\r\n|([\s\S]))/gi, (_, hex?: string, char?: string) => {
      if (hex === undefined) return char === undefined || char === '\n' || char === '\r' || char === '\f' ? '' : char;
      const code = parseInt(hex, 16);
      return code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)
        ? '\ufffd'
        : String.fromCodePoint(code);
    });
}

const SAFE_IMAGE_URL = /^(?:https?:|data:image\/|[^a-z]|[a-z+.-]*(?:[^a-z+.\-:]|$))/i;

/** The candidates of a `srcset`, parsed as the HTML standard does (a URL may hold commas, a data: URL always does). */
export function srcsetCandidates(value: string): { url: string; descriptor: string }[] {
  const candidates: { url: string; descriptor: string }[] = [];
  let at = 0;
  while (at < value.length) {
    at += /^[\s,]*/.exec(value.slice(at))![0].length;
    if (at >= value.length) break;
    let url = /^\S+/.exec(value.slice(at))![0];
    at += url.length;
    let descriptor = '';
    if (/,+$/.test(url)) url = url.replace(/,+$/, '');
    else {
      // Descriptors run to the next comma outside parentheses.
      let depth = 0;
      while (at < value.length && (value[at] !== ',' || depth > 0)) {
        if (value[at] === '(') depth++;
        else if (value[at] === ')') depth = Math.max(0, depth - 1);
        descriptor += value[at++];
      }
    }
    candidates.push({ url, descriptor: descriptor.trim() });
  }
  return candidates;
}

/** What a srcset candidate may say after its URL (a browser ignores a candidate with anything else). */
const DESCRIPTORS = /^(?:[0-9.eE+-]+[wxh](?:\s+|$))*$/;

/**
 * Keeps the candidates of a srcset whose URL is an image address (http, https, relative, data:image) and whose
 * descriptors are descriptors, one by one.
 */
export function safeSrcset(value: string): string {
  return (
    srcsetCandidates(value)
      .filter(({ descriptor }) => DESCRIPTORS.test(descriptor))
      // eslint-disable-next-line no-control-regex -- browsers skip control characters in URLs, so must the test
      .filter(({ url }) => SAFE_IMAGE_URL.test(url.replace(/[\u0000-\u0020]/g, '')))
      .map((c) => `${c.url} ${c.descriptor}`.trim())
      .join(', ')
  );
}

// Runs once per element DOMPurify keeps, before it reads the attributes: a hook per attribute would make it copy
// its whole attribute allowlist on every call. What is left is checked by DOMPurify as before.
function dropExternalReferences(node: Node) {
  const el = node as Element;
  const attributes = el.attributes as NamedNodeMap | undefined; // text and comments have none
  for (let i = attributes?.length ?? 0; i--;) {
    const attr = attributes![i]!;
    const value = attr.value.trim();
    const fetches =
      FETCHING_HREF.test(attr.name) &&
      el.namespaceURI === 'http://www.w3.org/2000/svg' &&
      el.localName !== 'a' &&
      !/^(?:#|data:image\/)/i.test(value);
    // Decoding is the costly part and only a value with a parenthesis or an escape can read as `url(` once decoded.
    const external = fetches || (MAY_REFER.test(value) && EXTERNAL_URL_REF.test(cssValue(value)));
    if (external || (/^srcset$/i.test(attr.name) && !(attr.value = safeSrcset(value)))) el.removeAttributeNode(attr);
  }
}

// Images load when they are about to be seen: with images turned off (display: none) the reader's views make no
// image request at all, in Chromium and Firefox alike, instead of fetching every picture to hide it.
function loadImagesWhenShown(node: Element) {
  if (node.localName === 'img') node.setAttribute('loading', 'lazy');
}

type Mode = 'in-place' | 'string';
const purifiers = new WeakMap<object, Partial<Record<Mode, DOMPurify>>>();

/**
 * One configured DOMPurify per window and mode, made on first use (the content script only sanitizes in place,
 * the popup only strings): setConfig spares re-reading the config on every call.
 */
function purifierFor(win: Window & typeof globalThis, mode: Mode): DOMPurify {
  let byMode = purifiers.get(win);
  if (!byMode) purifiers.set(win, (byMode = {}));
  let purifier = byMode[mode];
  if (!purifier) {
    purifier = createDOMPurify(win);
    purifier.setConfig(mode === 'in-place' ? { ...CONFIG, IN_PLACE: true } : CONFIG);
    purifier.addHook('afterSanitizeElements', dropExternalReferences);
    purifier.addHook('afterSanitizeAttributes', loadImagesWhenShown);
    byMode[mode] = purifier;
  }
  return purifier;
}

// A cloned document has no window of its own: the caller names the page it came from.
function windowOf(doc: Document): Window & typeof globalThis {
  const win = doc.defaultView ?? (typeof window === 'undefined' ? null : window);
  if (!win) throw new Error('no window to sanitize with');
  return win;
}

/**
 * Sanitizes a detached element in place (no copy: it is ours, from a cloned page), with
 * the DOMPurify of `page`'s window.
 */
export function sanitizeInPlace(el: Element, page: Document): Element {
  purifierFor(windowOf(page), 'in-place').sanitize(el);
  return el;
}

/** Sanitizes an HTML string with the same policy, using the given document's window. */
export function sanitizeHtml(html: string, doc: Document): string {
  return purifierFor(windowOf(doc), 'string').sanitize(html);
}
