// What an import produces, whatever the service it comes from.
import type { HighlightColor, HighlightRecord } from '../highlights/model.ts';
import type { ItemState } from '../types.ts';

/** A highlight the other service kept on an item: its quote only (placed once the article's text is known). */
export interface ImportedHighlight {
  quote: string;
  /** "" when there is none. */
  note: string;
  color: HighlightColor;
  /** ms since 1970: when the reader made it there (the item's date when the export does not say). */
  createdAt: number;
}

export interface ImportedItem {
  /** Canonical URL (core/reading-list/url.ts canonicalUrl). */
  url: string;
  title: string;
  /** Lower-cased, trimmed, deduplicated. */
  tags: string[];
  state: ItemState;
  favourite: boolean;
  /** ms since 1970. */
  addedAt: number;
  /** Reading progress, 0 to 1, when the source has one. */
  progress?: number;
  /** Only from our own JSON export (the other formats do not have them). */
  site?: string | null;
  lang?: string;
  excerpt?: string;
  /** Highlights and notes, when the export carries them (one per quote). */
  highlights?: ImportedHighlight[];
  /** Our own JSON export's highlight records, as they were (merged into this device's as a sync would). */
  highlightRecords?: HighlightRecord[];
}

export interface RejectedRow {
  /** 1-based line (CSV, HTML) or entry number (JSON) in its file. */
  line: number;
  reason: string;
  /** The file inside a ZIP the row comes from. */
  file?: string;
  /** The quote of a highlight that is not imported (a Readwise row naming no article, a note without a quote). */
  highlight?: string;
}

/** The file is in no format we read (or is damaged beyond reading). */
export class ImportFormatError extends Error {
  override name = 'ImportFormatError';
}
