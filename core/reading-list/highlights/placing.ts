// Highlights that came without a place (an import brings the quote alone: other services anchor in their own
// copy of the page) get one once the article's text is known: where the quote is found, the anchor is completed
// with its context and position, as for a highlight made here. One whose quote is not found keeps its quote.
import { anchoringText, locateAnchor } from './anchor.ts';
import { isHighlightDeleted, type HighlightAnchor, type HighlightRecord } from './model.ts';
import { anchorOfSpan } from './selectors.ts';

/** A quote alone: no context, no position (an import not placed yet). */
export function isUnplaced(anchor: HighlightAnchor | undefined): boolean {
  return !!anchor && !anchor.position && !anchor.quote.prefix && !anchor.quote.suffix;
}

/**
 * The completed anchors of the live, unplaced records whose quote is in `text` (the article's text), by id. An
 * exact match takes the text's own selectors; an approximate one keeps the quote as the reader had it, with the
 * context and position of where it was found.
 */
export function placeUnplaced(records: Iterable<HighlightRecord>, text: string): Map<string, HighlightAnchor> {
  const out = new Map<string, HighlightAnchor>();
  let folded: ReturnType<typeof anchoringText> | null = null;
  for (const record of records) {
    const anchor = record.anchor?.value;
    if (!anchor || !isUnplaced(anchor) || isHighlightDeleted(record)) continue;
    folded ??= anchoringText(text);
    const found = locateAnchor(anchor, folded);
    if (found.kind === 'orphan') continue;
    const span = anchorOfSpan(text, found.start, found.end);
    if (!span) continue;
    out.set(
      record.id,
      found.kind === 'exact' ? span : { quote: { ...span.quote, exact: anchor.quote.exact }, position: span.position },
    );
  }
  return out;
}
