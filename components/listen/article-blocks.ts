// The article's text as Listen reads it, block by block from the rendered article, and where each utterance is on
// screen (a DOM Range, highlighted with the CSS Custom Highlight API: nothing in the article is rewritten).

/** The blocks Listen reads, in document order: headings, paragraphs, list items, quotes, captions shown. */
const BLOCKS = 'h1, h2, h3, h4, h5, h6, p, li, blockquote, pre, td, th, dt, dd, figcaption';

/** The view's own chrome (ArticleView): the meta line (site, byline, date, reading time) and the summary. */
const CHROME = '.meta, .summary';

/**
 * The readable blocks under `root`: those with text, none inside another (a <p> in a <li> is read once), nothing
 * hidden and none of the view's chrome.
 */
export function readableBlocks(root: Element): Element[] {
  const all = Array.from(root.querySelectorAll(BLOCKS));
  return all.filter(
    (el) =>
      (el.textContent ?? '').trim() !== '' &&
      !all.some((other) => other !== el && other.contains(el)) &&
      !el.closest(`[hidden], [aria-hidden="true"], ${CHROME}`),
  );
}

/** The Range of `length` characters from `start` in `block`'s text (textContent offsets), or null. */
export function rangeIn(block: Element, start: number, length: number): Range | null {
  const doc = block.ownerDocument;
  const walker = doc.createTreeWalker(block, 4 /* NodeFilter.SHOW_TEXT */);
  const range = doc.createRange();
  let offset = 0;
  let started = false;
  const end = start + length;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const size = node.data.length;
    if (!started && start < offset + size) {
      range.setStart(node, start - offset);
      started = true;
    }
    if (started && end <= offset + size) {
      range.setEnd(node, end - offset);
      return range;
    }
    offset += size;
  }
  return null;
}
