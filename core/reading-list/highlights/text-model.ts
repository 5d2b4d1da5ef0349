// The article's text, and the map between it and the DOM, for anchoring highlights.
//
// The article's text is `toPlainText(root)` (core/reader/text.ts) of the element that shows the sanitized
// article: the same text an extraction stores as `Article.text`, so highlights can be re-anchored where no DOM
// is at hand. That text differs from the DOM's text nodes only in whitespace (runs collapsed, blank lines
// between blocks, nothing from scripts, SVG or MathML), so the map is found by walking both together: every
// other character of a text node is a character of the text, in order. Offsets count UTF-16 code units, like
// the DOM's own offsets in text nodes and JavaScript strings.
//
// Framework-free: plain DOM calls that jsdom and browsers both have. The model is a snapshot: build it again
// after the DOM changes. Highlights painted by wrapping text (<mark>) change no text; painted with the CSS
// Custom Highlight API they change no node at all.
import { toPlainText } from '../../reader/index.ts';

/** A DOM Range, StaticRange or anything with the same four fields. */
export interface RangeLike {
  startContainer: Node;
  startOffset: number;
  endContainer: Node;
  endOffset: number;
}

export interface ArticleTextModel {
  readonly root: Node;
  /** toPlainText(root). */
  readonly text: string;
  /** The text offset of a DOM boundary point; 0 before the root, text.length after it. */
  offsetOf(container: Node, offset: number): number;
  /** The text offsets [start, end) of a DOM range, clamped to the root. */
  offsetsOf(range: RangeLike): { start: number; end: number };
  /**
   * A DOM Range over the text offsets [start, end), from its first to its last visible character (whitespace at
   * either end is left out: it is a block break or a collapsed run, not something the reader selected).
   * Collapsed when the span holds no visible character.
   */
  rangeOf(start: number, end: number): Range;
}

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;
// Elements whose text toPlainText leaves out (its SKIP_TAGS): their text nodes map to no character.
const SKIPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'MATH']);

/** JavaScript's \s, by code unit (every one of them is in the BMP). */
export function isWhitespaceCode(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

function isSkipped(node: Node, root: Node): boolean {
  for (let n = node.parentNode; n && n !== root; n = n.parentNode) {
    if (n.nodeType === ELEMENT_NODE && SKIPPED.has((n as Element).tagName.toUpperCase())) return true;
  }
  return false;
}

/** The text nodes under root, in document order. */
function textNodes(root: Node): Text[] {
  const out: Text[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === TEXT_NODE) out.push(node as Text);
    for (let c = node.firstChild; c; c = c.nextSibling) walk(c);
  };
  walk(root);
  return out;
}

/** The node that follows `node`'s subtree in document order, staying inside root. */
function nextOutside(node: Node, root: Node): Node | null {
  for (let n: Node | null = node; n && n !== root; n = n.parentNode) if (n.nextSibling) return n.nextSibling;
  return null;
}

export function articleTextModel(root: Node): ArticleTextModel {
  const text = toPlainText(root);
  const nodes = textNodes(root);
  const index = new Map<Node, number>();
  /** Per text node, the text offset of each of its boundary points (length + 1 of them). */
  const bounds: Int32Array[] = [];
  /** Per character of the text, the text node and offset it comes from; -1: whitespace made by toPlainText. */
  const charNode = new Int32Array(text.length).fill(-1);
  const charOffset = new Int32Array(text.length);
  let j = 0;
  // Just after the last character placed so far: where a point in whitespace or skipped text lands.
  let placedEnd = 0;
  nodes.forEach((node, n) => {
    index.set(node, n);
    const data = node.data;
    const b = new Int32Array(data.length + 1);
    const skipped = isSkipped(node, root);
    for (let k = 0; k < data.length; k++) {
      const c = data.charCodeAt(k);
      b[k] = placedEnd;
      if (skipped || isWhitespaceCode(c)) continue;
      while (j < text.length && isWhitespaceCode(text.charCodeAt(j))) j++;
      // Always true for a text made by toPlainText; a mismatch would leave the character unplaced.
      if (j < text.length && text.charCodeAt(j) === c) {
        b[k] = j;
        charNode[j] = n;
        charOffset[j] = k;
        placedEnd = ++j;
      }
    }
    b[data.length] = placedEnd;
    bounds.push(b);
  });

  const atText = (node: Node, offset: number) => {
    const b = bounds[index.get(node)!]!;
    return b[Math.max(0, Math.min(offset, b.length - 1))]!;
  };

  function offsetOf(container: Node, offset: number): number {
    if (index.has(container)) return atText(container, offset);
    if (container !== root && !root.contains(container)) {
      if (!container.contains(root)) {
        // DOCUMENT_POSITION_PRECEDING (2): the point's container comes before the root.
        return root.compareDocumentPosition(container) & 2 ? 0 : text.length;
      }
      let child: Node = root;
      while (child.parentNode !== container) child = child.parentNode!;
      return offset <= Array.prototype.indexOf.call(container.childNodes, child) ? 0 : text.length;
    }
    const parent = container.parentNode;
    if (container.nodeType !== ELEMENT_NODE && container.nodeType !== 9 && container.nodeType !== 11 && parent) {
      // A comment or processing instruction (its offsets count its own data): the point is where it stands.
      return offsetOf(parent, Array.prototype.indexOf.call(parent.childNodes, container));
    }
    // The first text node at or after the point; the point is where that node starts.
    let n: Node | null = container.childNodes[offset] ?? nextOutside(container, root);
    while (n) {
      if (index.has(n)) return atText(n, 0);
      n = n.firstChild ?? nextOutside(n, root);
    }
    return text.length;
  }

  function offsetsOf(range: RangeLike) {
    const start = offsetOf(range.startContainer, range.startOffset);
    const end = offsetOf(range.endContainer, range.endOffset);
    return { start, end: Math.max(start, end) };
  }

  function rangeOf(start: number, end: number): Range {
    const doc = root.nodeType === 9 ? (root as Document) : root.ownerDocument!;
    const range = doc.createRange();
    let s = Math.max(0, Math.min(start, text.length));
    const e = Math.max(s, Math.min(end, text.length));
    while (s < e && charNode[s] === -1) s++;
    // Never from the middle of a surrogate pair.
    if (s > 0 && s < e && isLowSurrogate(text.charCodeAt(s)) && isHighSurrogate(text.charCodeAt(s - 1))) s--;
    let last = e - 1;
    while (last >= s && charNode[last] === -1) last--;
    // A span that ends inside a surrogate pair is taken to its end: a range never splits a character.
    if (last >= s && isHighSurrogate(text.charCodeAt(last)) && isLowSurrogate(text.charCodeAt(last + 1))) last++;
    if (last >= s) {
      range.setStart(nodes[charNode[s]!]!, charOffset[s]!);
      range.setEnd(nodes[charNode[last]!]!, charOffset[last]! + 1);
      return range;
    }
    // Nothing visible: collapsed before the next visible character, or at the end of the root.
    let next = s;
    while (next < text.length && charNode[next] === -1) next++;
    if (next < text.length) range.setStart(nodes[charNode[next]!]!, charOffset[next]!);
    else range.setStart(root, root.childNodes.length);
    range.collapse(true);
    return range;
  }

  return { root, text, offsetOf, offsetsOf, rangeOf };
}
