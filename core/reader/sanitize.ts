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
const EXTERNAL_URL_REF = /url\(\s*['"]?(?!#)/i;

function dropExternalReferences(node: Element, data: { attrName: string; attrValue: string; keepAttr: boolean }) {
  const value = data.attrValue.trim();
  const fetches =
    FETCHING_HREF.test(data.attrName) &&
    node.namespaceURI === 'http://www.w3.org/2000/svg' &&
    node.localName !== 'a' &&
    !value.startsWith('#') &&
    !/^data:image\//i.test(value);
  if (fetches || EXTERNAL_URL_REF.test(value)) data.keepAttr = false;
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
    purifier.addHook('uponSanitizeAttribute', dropExternalReferences);
    purifier.addHook('afterSanitizeAttributes', loadImagesWhenShown);
    byMode[mode] = purifier;
  }
  return purifier;
}

// A cloned document has no window of its own: the caller names the page it came from.
function windowOf(doc: Document): Window & typeof globalThis {
  const win = doc.defaultView ?? (typeof window === 'undefined' ? null : window);
  if (!win) throw new Error('sanitizing needs a document with a window');
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
