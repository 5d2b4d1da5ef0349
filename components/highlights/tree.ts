// The article may be shown in the document (the offline reader) or in a closed shadow root (the in-page view).
// There, the document's Selection is retargeted to the shadow host (Chromium: collapsed, outside the article),
// and key events stay inside: the selection is read with getComposedRanges, keys are heard on the shadow root.
import type { HighlightColor } from '../../core/reading-list/index.ts';

type Tree = Document | ShadowRoot;

/** The document or the shadow root that holds `root`. */
export function treeOf(root: Node): Tree {
  const tree = root.getRootNode();
  return tree.nodeType === Node.DOCUMENT_FRAGMENT_NODE && 'host' in tree ? (tree as ShadowRoot) : root.ownerDocument!;
}

const isShadow = (tree: Tree): tree is ShadowRoot => 'host' in tree;

interface ComposedSelection {
  getComposedRanges?: (options: { shadowRoots: ShadowRoot[] }) => StaticRange[];
}

/** The selection as a live Range, seen from inside the tree of `root` (null when there is none). */
function currentRange(root: Node): Range | null {
  const s = document.getSelection();
  if (!s || !s.rangeCount) return null;
  const tree = treeOf(root);
  if (!isShadow(tree)) return s.getRangeAt(0);
  const [composed] = (s as Selection & ComposedSelection).getComposedRanges?.({ shadowRoots: [tree] }) ?? [];
  if (!composed) return null;
  const range = document.createRange();
  range.setStart(composed.startContainer, composed.startOffset);
  range.setEnd(composed.endContainer, composed.endOffset);
  return range;
}

/** The selection in the article as it is now, or null. */
export function selectionIn(root: Element | null): Range | null {
  const range = root ? currentRange(root) : null;
  return range && !range.collapsed && root!.contains(range.commonAncestorContainer) ? range.cloneRange() : null;
}

/** Whether the selection's focus (a caret too) is in the article. */
export function caretIn(root: Element | null): boolean {
  const range = root ? currentRange(root) : null;
  return !!range && root!.contains(range.startContainer) && root!.contains(range.endContainer);
}

type CaretDocument = Document & {
  caretPositionFromPoint?: (
    x: number,
    y: number,
    options?: { shadowRoots: ShadowRoot[] },
  ) => { offsetNode: Node; offset: number } | null;
};

/** The text position under a point, when it is in the article. */
export function caretAt(root: Element, x: number, y: number): { node: Node; offset: number } | null {
  const tree = treeOf(root);
  const doc = document as CaretDocument;
  const caret = doc.caretPositionFromPoint?.(x, y, isShadow(tree) ? { shadowRoots: [tree] } : undefined);
  const point = caret
    ? { node: caret.offsetNode, offset: caret.offset }
    : (() => {
        const r = document.caretRangeFromPoint?.(x, y);
        return r ? { node: r.startContainer, offset: r.startOffset } : null;
      })();
  return point && root.contains(point.node) ? point : null;
}

/** Each text node's part of `range`: rectangles of the text alone (a whole paragraph's box is left out). */
export function textRects(range: Range): DOMRect[] {
  const rects: DOMRect[] = [];
  const common = range.commonAncestorContainer;
  const walker = document.createTreeWalker(common, NodeFilter.SHOW_TEXT);
  for (let node = common.nodeType === Node.TEXT_NODE ? common : walker.nextNode(); node; node = walker.nextNode()) {
    if (!range.intersectsNode(node)) continue;
    const part = document.createRange();
    part.selectNodeContents(node);
    if (node === range.startContainer) part.setStart(node, range.startOffset);
    if (node === range.endContainer) part.setEnd(node, range.endOffset);
    if (!part.collapsed) rects.push(...Array.from(part.getClientRects()));
    if (node === common) break;
  }
  return rects;
}

/** Brings `range` into view, a third of the way down its scrolling box (the window, or the in-page view's). */
export function scrollToRange(range: Range): void {
  const rect = range.getBoundingClientRect();
  let box = range.startContainer.parentElement;
  while (box && !(box.scrollHeight > box.clientHeight && /auto|scroll/.test(getComputedStyle(box).overflowY)))
    box = box.parentElement;
  if (box) box.scrollBy({ top: rect.top - box.getBoundingClientRect().top - box.clientHeight / 3 });
  else window.scrollBy({ top: rect.top - window.innerHeight / 3 });
}

/** A painted highlight's rectangles, where the CSS Custom Highlight API is not used (the in-page view). */
export interface PaintBox {
  id: string;
  color: HighlightColor;
  left: number;
  top: number;
  width: number;
  height: number;
}
