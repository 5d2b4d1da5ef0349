// What the UI and the exports show of highlights: an article's highlights in reading order, counts per item,
// and Markdown (the shape of transfer/export.ts's Markdown documents: a title, the link, then the body).
import type { AnchorResult } from './anchor.ts';
import { toHighlight, type Highlight, type HighlightRecord } from './model.ts';

/** The live highlights of one item, in the order sortByPosition gives. */
export function highlightsOfItem(
  records: Iterable<HighlightRecord>,
  itemId: string,
  located?: ReadonlyMap<string, AnchorResult>,
): Highlight[] {
  const out: Highlight[] = [];
  for (const record of records) {
    if (record.item !== itemId) continue;
    const highlight = toHighlight(record);
    if (highlight && !highlight.deleted) out.push(highlight);
  }
  return sortByPosition(out, located);
}

/**
 * Reading order: by where each highlight is in the current text (`located`, from locateAnchors) or, without
 * it, by its position hint; then those not found (orphans) or never placed (imported before the article was
 * extracted), oldest first.
 */
export function sortByPosition(
  highlights: readonly Highlight[],
  located?: ReadonlyMap<string, AnchorResult>,
): Highlight[] {
  const place = (h: Highlight): [number, number] => {
    if (located) {
      const r = located.get(h.id);
      return r && r.kind !== 'orphan' ? [r.start, r.end] : [Infinity, Infinity];
    }
    return h.position ? [h.position.start, h.position.end] : [Infinity, Infinity];
  };
  return highlights
    .map((h) => ({ h, at: place(h) }))
    .sort(
      (a, b) =>
        // Two unplaced ones give Infinity - Infinity, NaN, which falls through to their age.
        a.at[0] - b.at[0] ||
        a.at[1] - b.at[1] ||
        a.h.createdAt - b.h.createdAt ||
        (a.h.id < b.h.id ? -1 : a.h.id > b.h.id ? 1 : 0),
    )
    .map(({ h }) => h);
}

/** Live highlights and notes per item id (what the list shows on each item). */
export function countHighlights(
  records: Iterable<HighlightRecord>,
): Map<string, { highlights: number; notes: number }> {
  const counts = new Map<string, { highlights: number; notes: number }>();
  for (const record of records) {
    const h = toHighlight(record);
    if (!h || h.deleted) continue;
    const c = counts.get(h.itemId) ?? { highlights: 0, notes: 0 };
    c.highlights++;
    if (h.note) c.notes++;
    counts.set(h.itemId, c);
  }
  return counts;
}

/** Plain text made literal in Markdown: the characters that would start markup are escaped. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|~]/g, '\\$&')
    .replace(/^(\s*)([#+-]|\d+[.)])(?=\s|$)/gm, (_, space: string, mark: string) =>
      mark.length === 1 ? `${space}\\${mark}` : `${space}${mark.slice(0, -1)}\\${mark.slice(-1)}`,
    );
}

function blockquote(text: string): string {
  return text
    .split('\n')
    .map((line) => (line.trim() ? `> ${escapeMarkdown(line.trim())}` : '>'))
    .join('\n');
}

/**
 * An article's highlights as Markdown: `# title`, `<url>`, then each highlight as a block quote (the article's
 * text, escaped) followed by its note (the reader's own words, as written: they may be Markdown already).
 * `highlights` in the order to print (sortByPosition).
 */
export function highlightsMarkdown(article: { title: string; url: string }, highlights: readonly Highlight[]): string {
  const title = (article.title || article.url).replace(/\s+/g, ' ').trim();
  const parts = [`# ${escapeMarkdown(title)}`, `<${article.url}>`];
  for (const h of highlights) {
    parts.push(blockquote(h.quote.exact));
    if (h.note) parts.push(h.note);
  }
  return `${parts.join('\n\n')}\n`;
}
