// Highlights an export carries: checked and merged per item while reading (the quote is all that is sure: other
// services anchor in their own copy of the page), then turned into highlight records of the item on import,
// quote only, to be placed once the article's text is known (highlights/placing.ts).
import { fnv1a64 } from '../hash.ts';
import {
  DEFAULT_HIGHLIGHT_COLOR,
  toHighlight,
  isHighlightColor,
  normalizeNote,
  type HighlightColor,
  type NewHighlight,
} from '../highlights/model.ts';
import { itemId } from '../url.ts';
import type { RawHighlight } from './import-format.ts';
import type { ImportedHighlight, ImportedItem } from './types.ts';

/** Other services' colour names, by the nearest of ours; an unknown or missing one is the default. */
const COLOR_NAMES: Record<string, HighlightColor> = {
  red: 'pink',
  orange: 'yellow',
  purple: 'blue',
  violet: 'blue',
};

export function importedColor(value: unknown): HighlightColor {
  const name = typeof value === 'string' ? value.trim().toLowerCase() : '';
  if (isHighlightColor(name)) return name;
  return COLOR_NAMES[name] ?? DEFAULT_HIGHLIGHT_COLOR;
}

/** A quote as kept: line breaks unified, ends trimmed (inner line breaks stay: they are in the article). */
const cleanQuote = (value: unknown) => (typeof value === 'string' ? value.replace(/\r\n?/g, '\n').trim() : '');

/**
 * An item's highlights from the raw ones: those with a quote, by quote (one per quote, the earliest date, the
 * notes joined); `noQuote` gets each one without a quote (a note on the whole page), which is not imported.
 * A highlight without a date gets NaN, for datedHighlights to give it its item's date once rows are merged.
 */
export function importedHighlights(
  raw: readonly RawHighlight[],
  parseDate: (value: unknown) => number | null,
  noQuote: (note: string) => void,
): ImportedHighlight[] {
  const byQuote = new Map<string, ImportedHighlight>();
  for (const h of raw) {
    const quote = cleanQuote(h.quote);
    const note = typeof h.note === 'string' ? normalizeNote(h.note) : '';
    if (!quote) {
      if (note) noQuote(note);
      continue;
    }
    const highlight = {
      quote,
      note,
      color: importedColor(h.color),
      createdAt: parseDate(h.createdAt) ?? NaN,
    };
    const known = byQuote.get(quote);
    if (known) mergeHighlight(known, highlight);
    else byQuote.set(quote, highlight);
  }
  return [...byQuote.values()];
}

/** `other` (the same quote) merged into `target`: the earliest date and its colour, both notes. */
export function mergeHighlight(target: ImportedHighlight, other: ImportedHighlight) {
  if (other.note && !target.note.includes(other.note)) {
    target.note = target.note ? `${target.note}\n\n${other.note}` : other.note;
  }
  if (other.createdAt < target.createdAt || (Number.isNaN(target.createdAt) && !Number.isNaN(other.createdAt))) {
    target.createdAt = other.createdAt;
    target.color = other.color;
  }
}

/** The same item's highlights from two rows or entries, merged by quote. */
export function mergeHighlightLists(a: ImportedHighlight[] | undefined, b: ImportedHighlight[] | undefined) {
  if (!a?.length) return b;
  for (const h of b ?? []) {
    const known = a.find((x) => x.quote === h.quote);
    if (known) mergeHighlight(known, h);
    else a.push(h);
  }
  return a;
}

/** The item's highlights, those without a date given the item's (the earliest of its rows). */
export function datedHighlights(item: ImportedItem): void {
  for (const h of item.highlights ?? []) if (Number.isNaN(h.createdAt)) h.createdAt = item.addedAt;
}

/** What an item brings, as the import preview shows it: its highlights, and the live ones of its records. */
export function importedHighlightsOf(item: ImportedItem): ImportedHighlight[] {
  const live = (item.highlightRecords ?? []).flatMap((record) => {
    const h = toHighlight(record);
    return h && !h.deleted ? [{ quote: h.quote.exact, note: h.note, color: h.color, createdAt: h.createdAt }] : [];
  });
  return [...(item.highlights ?? []), ...live];
}

/** The id of an imported highlight: the same item and quote give the same id, so importing twice adds nothing. */
export function importedHighlightId(item: string, quote: string): string {
  const [hi, lo] = fnv1a64(`${item}\n${quote}`);
  return `i${hi.toString(36).padStart(7, '0')}${lo.toString(36).padStart(7, '0')}`;
}

/**
 * What to store for an item's imported highlights: each anchored by its quote alone, dated when it was made
 * there. Written at that date (platform/highlight-store.ts), so an import never undoes what the reader changed
 * or deleted here since.
 */
export function newImportedHighlights(item: ImportedItem): (NewHighlight & { created: number })[] {
  const id = itemId(item.url);
  return (item.highlights ?? []).map((h) => ({
    id: importedHighlightId(id, h.quote),
    item: id,
    anchor: { quote: { exact: h.quote, prefix: '', suffix: '' }, position: null },
    color: h.color,
    note: h.note,
    created: Math.max(0, Math.floor(h.createdAt / 1000)),
  }));
}
