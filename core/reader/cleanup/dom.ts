import { normalizedText } from '../text.ts';
import type { CleanupScope } from './rule.ts';

// Tag tests by walking, not selectors: selector engines are slow in some DOMs (jsdom's),
// and these run for many candidates.
const tagSet = (...names: string[]) => new Set(names.map((n) => n.toUpperCase()));
const PICTURE_TAGS = tagSet('img', 'picture', 'video', 'audio', 'iframe', 'object', 'embed');
// An svg is media too, though often only an icon (a camera, a share button).
const MEDIA_TAGS = new Set([...PICTURE_TAGS, 'SVG']);
const BLOCK_TAGS = tagSet(
  'p',
  'div',
  'figure',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'table',
  'blockquote',
  'section',
  'article',
);

/** Whether el has a descendant with one of these (upper-case) tag names. */
export function containsTag(el: Element, names: ReadonlySet<string>): boolean {
  for (let c = el.firstElementChild; c; c = c.nextElementSibling) {
    if (names.has(c.tagName.toUpperCase()) || (c.firstElementChild && containsTag(c, names))) return true;
  }
  return false;
}

/** Whether el or one of its ancestors (below root, if given) has one of these tag names. */
export function withinTag(el: Element, names: ReadonlySet<string>, root?: Element): boolean {
  for (let n: Element | null = el; n && n !== root; n = n.parentElement)
    if (names.has(n.tagName.toUpperCase())) return true;
  return false;
}

export const holdsMedia = (el: Element) => containsTag(el, MEDIA_TAGS);
/** Media other than svg, which in a caption is its icon, never the picture. */
export const holdsPicture = (el: Element) => containsTag(el, PICTURE_TAGS);
export { tagSet };
const INLINE_TAGS = new Set(['A', 'SPAN', 'STRONG', 'B', 'EM', 'I', 'SMALL', 'TIME', 'LABEL', 'U', 'MARK', 'FONT']);

export function isInline(el: Element): boolean {
  return INLINE_TAGS.has(el.tagName);
}

/** Whether an element contains other blocks (so its text is several units, not one). */
export function hasBlockChildren(el: Element): boolean {
  return containsTag(el, BLOCK_TAGS);
}

/** Share of an element's text that sits inside links (0..1). */
export function linkDensity(el: Element, text = normalizedText(el)): number {
  if (!text.length) return 0;
  let linked = 0;
  forEachDescendant(el, 'A', (a) => {
    linked += normalizedText(a).length;
    return false;
  });
  return Math.min(1, linked / text.length);
}

/** Whether an element holds a paragraph of real prose, which cleanup must never remove. */
export function holdsProse(el: Element, scope: CleanupScope): boolean {
  if (el.tagName === 'P') return isProse(el, scope);
  return forEachDescendant(el, 'P', (p) => isProse(p, scope));
}

/**
 * Calls visit on each descendant with that tag name until it returns true; returns
 * whether one did. A plain walk: live HTMLCollections are slow to index in some DOMs.
 */
function forEachDescendant(el: Element, tag: string, visit: (match: Element) => boolean): boolean {
  for (let c = el.firstElementChild; c; c = c.nextElementSibling) {
    if (c.tagName === tag ? visit(c) : false) return true;
    if (c.firstElementChild && forEachDescendant(c, tag, visit)) return true;
  }
  return false;
}

function isProse(p: Element, scope: CleanupScope): boolean {
  {
    if (scope.rawLength(p) < 180) return false;
    const text = normalizedText(p);
    return text.length >= 180 && linkDensity(p, text) < 0.3;
  }
}

/**
 * The block a matched element stands for: climbs through wrappers that hold nothing
 * else. (Inline pieces of a sentence never get here: the engine skips them.)
 */
export function standaloneBlock(el: Element, text: string, scope: CleanupScope): Element {
  let current = el;
  for (;;) {
    const parent = current.parentElement;
    if (!parent || parent === scope.root) break;
    if (scope.rawLength(parent) > text.length * 2 + 40) break;
    // Never take a picture along with its caption or label.
    if (holdsMedia(parent)) break;
    if (normalizedText(parent) !== text) break;
    current = parent;
  }
  return current;
}

/** Whether no text or picture follows el inside the scope (it closes the article). */
export function nothingFollows(el: Element, scope: CleanupScope): boolean {
  for (let n: Element | null = el; n && n !== scope.root; n = n.parentElement) {
    for (let sib = n.nextElementSibling; sib; sib = sib.nextElementSibling) {
      // Text or a picture follows; an svg without text is an icon (a chart has its labels).
      if (
        scope.rawLength(sib) > 0
          ? sib.textContent?.trim()
          : PICTURE_TAGS.has(sib.tagName.toUpperCase()) || holdsPicture(sib)
      )
        return false;
    }
  }
  return true;
}

const FOLLOWING = 4; // Node.DOCUMENT_POSITION_FOLLOWING, without the Node global (absent in Node)

/** Whether `later` comes after `node` in the document (after its end, or inside it). */
export const follows = (node: Node, later: Node): boolean => (node.compareDocumentPosition(later) & FOLLOWING) !== 0;
