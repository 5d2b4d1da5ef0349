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
  ],
  FORBID_ATTR: ['style', 'class', 'srcdoc', 'formaction', 'ping', 'background'],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: true,
  SANITIZE_NAMED_PROPS: true,
};

type Mode = 'in-place' | 'string';
const purifiers = new WeakMap<object, Record<Mode, DOMPurify>>();

/** One configured DOMPurify per window and mode: setConfig spares re-reading the config on every call. */
function purifierFor(win: Window & typeof globalThis, mode: Mode): DOMPurify {
  let pair = purifiers.get(win);
  if (!pair) {
    const inPlace = createDOMPurify(win);
    inPlace.setConfig({ ...CONFIG, IN_PLACE: true });
    const string = createDOMPurify(win);
    string.setConfig(CONFIG);
    pair = { 'in-place': inPlace, string };
    purifiers.set(win, pair);
  }
  return pair[mode];
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
