// What an import format is (one per file in formats/, listed in formats/index.ts), and the helpers formats share.
// parseImport opens the file once (a ZIP's entries, parsed JSON, HTML text, or CSV text with its header), asks
// every format of that kind whether it recognises it, and lets the one that does read it into an ItemSink, which
// canonicalizes and merges what the format reads.
import type { HighlightRecord } from '../highlights/model.ts';
import { headerIndex, parseCsv } from './csv.ts';

export interface ZipEntry {
  /** Path inside the ZIP, folders included. */
  name: string;
  bytes: Uint8Array;
}

/** The file as parseImport opened it, by kind; `fileName` is '' when unknown. */
export interface ImportSources {
  /** A ZIP's .csv, .json and .md entries (no __MACOSX/ ones), in natural order of their paths. */
  zip: { kind: 'zip'; fileName: string; entries: readonly ZipEntry[] };
  /** Text that starts with { or [, parsed. */
  json: { kind: 'json'; fileName: string; data: unknown };
  /** Text that starts with <, or a file named .html or .htm. */
  html: { kind: 'html'; fileName: string; text: string };
  /** Any other text; `header` is its first line's columns by lower-cased name. */
  csv: { kind: 'csv'; fileName: string; text: string; header: ReadonlyMap<string, number> | null };
}
export type SourceKind = keyof ImportSources;
export type ImportSource = ImportSources[SourceKind];

/**
 * How sure a format is that a file is its own: 'certain' from a signature in the content, 'likely' from weaker
 * hints (a file name). A certain match beats a likely one; among equals, the first in the registry wins.
 */
export type Detection = 'certain' | 'likely' | null;

/** A highlight as a format reads it: the quote, the note, the service's colour name and the date, unchecked. */
export interface RawHighlight {
  quote: unknown;
  note?: unknown;
  color?: unknown;
  /** Like RawItem's addedAt; the item's date when missing. */
  createdAt?: unknown;
}

/** One item as a format reads it, before canonicalizing and merging. */
export interface RawItem {
  url: unknown;
  title?: unknown;
  tags?: readonly unknown[];
  state?: 'unread' | 'archived';
  favourite?: boolean;
  /** Seconds, milliseconds or microseconds since 1970, as a number or digits, or ISO 8601 text. */
  addedAt?: unknown;
  progress?: number;
  site?: string | null;
  lang?: string;
  excerpt?: string;
  highlights?: readonly RawHighlight[];
  /** Complete records (our own export). */
  highlightRecords?: HighlightRecord[];
}

/** Where a format puts what it reads: items (checked, canonicalized, merged) and rows it cannot read. */
export interface ItemSink {
  /** `line` is the 1-based line (CSV, HTML) or entry number (JSON) the item comes from. */
  add(item: RawItem, line: number): void;
  reject(line: number, reason: string): void;
  /** A highlight that is not imported (no article address, no quote): counted and listed with the rejected rows. */
  rejectHighlight(line: number, reason: string, quote: string): void;
  /** The same sink for a file inside a ZIP: its rows are reported with that file's name. */
  inFile(name: string): ItemSink;
}

interface FormatFields<Id extends string, K extends SourceKind> {
  /** Stable kebab-case id (service, then file type): shown with the import preview and printed by the CLI. */
  readonly id: Id;
  /** Whose export it is, as the user docs name it (a conventions test checks that they do). */
  readonly service: string;
  /** The service and the file type, for people: "Pocket ZIP". */
  readonly name: string;
  /** The kind of file it reads. */
  readonly kind: K;
  /** Files (or folders, read as a ZIP of their files) in tests/fixtures-transfer/ that are in this format. */
  readonly fixtures: readonly string[];
  detect(source: ImportSources[K]): Detection;
  read(source: ImportSources[K], sink: ItemSink): void;
}

export type ImportFormatDefinition<Id extends string = string, K extends SourceKind = SourceKind> = FormatFields<
  Id,
  K
> &
  // A ZIP format says what it looks for, for the message when no ZIP format recognises a file.
  (K extends 'zip' ? { readonly holds: string } : unknown);

/** Types a format object, keeping its id as a literal (the ImportFormat type is the union of the ids). */
export function defineImportFormat<const Id extends string, K extends SourceKind>(
  format: ImportFormatDefinition<Id, K>,
): ImportFormatDefinition<Id, K> {
  return format;
}

/** UTF-8 text without its byte order mark. */
export function decodeUtf8(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes).replace(/^\ufeff/, '');
}

export const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/** The many ways exports say yes. */
export const truthy = (v: unknown) => v === true || v === 1 || v === '1' || v === 'true';

/**
 * Walks a CSV export by column name (any order, any missing, the first of a name wins): `onRow` gets each row's
 * field getter and line. A malformed row is rejected with its line; a file without the `required` column (its
 * lower-case name; `label` as the file writes it), as a whole.
 */
export function eachCsvRow(
  text: string,
  sink: ItemSink,
  required: { name: string; label: string },
  onRow: (field: (name: string) => string, line: number) => void,
) {
  const records = parseCsv(text);
  const header = records.shift();
  const columns = header ? headerIndex(header.fields) : new Map<string, number>();
  if (!columns.has(required.name)) return sink.reject(header?.line ?? 1, `no "${required.label}" column in the header`);
  for (const record of records) {
    if (record.error) {
      sink.reject(record.line, record.error);
      continue;
    }
    const field = (name: string) => {
      const i = columns.get(name);
      return i === undefined ? '' : (record.fields[i] ?? '');
    };
    onRow(field, record.line);
  }
}

/** Reads a CSV export of items, one per row, by column name; a file without a "url" column is rejected. */
export function readCsvRows(text: string, sink: ItemSink, toItem: (field: (name: string) => string) => RawItem) {
  eachCsvRow(text, sink, { name: 'url', label: 'url' }, (field, line) => sink.add(toItem(field), line));
}

/** Reads a JSON list of entries: each one that is an object goes to `toItem` with its 1-based entry number. */
export function readJsonEntries(
  entries: readonly unknown[],
  sink: ItemSink,
  toItem: (entry: Record<string, unknown>, n: number) => RawItem | null,
) {
  entries.forEach((entry, i) => {
    const n = i + 1;
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return sink.reject(n, 'not an object');
    const item = toItem(entry as Record<string, unknown>, n);
    if (item) sink.add(item, n);
  });
}

/** An entry's tags, wherever the service keeps them. */
export function entryTags(entry: Record<string, unknown>): unknown[] {
  if (Array.isArray(entry.tags)) return entry.tags as unknown[];
  return Array.isArray(entry.labels) ? (entry.labels as unknown[]) : [];
}

/** An entry's list of highlight objects under `key` (anything else gives none), each read by `toHighlight`. */
export function entryHighlights(
  entry: Record<string, unknown>,
  key: string,
  toHighlight: (h: Record<string, unknown>) => RawHighlight,
): RawHighlight[] {
  const list = entry[key];
  if (!Array.isArray(list)) return [];
  return list
    .filter((h): h is Record<string, unknown> => !!h && typeof h === 'object' && !Array.isArray(h))
    .map(toHighlight);
}
