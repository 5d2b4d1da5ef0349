// Reading another service's export: the file is opened once (ZIP, JSON, HTML or CSV), the formats of
// formats/index.ts are asked which one it is (by content; the file name only breaks ties), and that one reads
// it. Columns and fields go by name, any missing. A row that cannot be read is reported with its line (or entry
// number) and skipped, never more. Items with the same canonical address merge: tags joined, archived or
// favourite if any says so, the earliest date, the furthest progress.
import { unzipSync } from 'fflate';
import { truncate } from '../../util/index.ts';
import { canonicalUrl } from '../url.ts';
import { headerIndex, parseCsv } from './csv.ts';
import { IMPORT_FORMATS, type ImportFormat } from './formats/index.ts';
import { datedHighlights, importedHighlights, mergeHighlightLists } from './highlights.ts';
import {
  decodeUtf8,
  type ImportFormatDefinition,
  type ImportSource,
  type ItemSink,
  type RawItem,
} from './import-format.ts';
import { ImportFormatError, type ImportedItem, type RejectedRow } from './types.ts';

export interface ParseOptions {
  /** The file's name, when known (a tie-breaker for detection, and for messages). */
  fileName?: string;
  /** Date given to items whose source has none (ms since 1970; default: now). */
  now?: number;
}

export interface ImportResult {
  format: ImportFormat;
  items: ImportedItem[];
  rejected: RejectedRow[];
}

type AnyFormat = ImportFormatDefinition<ImportFormat>;
const FORMATS: readonly AnyFormat[] = IMPORT_FORMATS;

const MAX_SHOWN = 80;
const shorten = (s: string) => truncate(s, MAX_SHOWN);

/** Accumulates items, merging duplicates, and rejected rows. */
class Collector {
  readonly byUrl = new Map<string, ImportedItem>();
  readonly rejected: RejectedRow[] = [];
  constructor(private readonly now: number) {}

  /** What a format writes to; rows from a file inside a ZIP carry its name. */
  sink(file?: string): ItemSink {
    return {
      add: (raw, line) => this.add(raw, line, file),
      reject: (line, reason) => this.reject(line, reason, file),
      rejectHighlight: (line, reason, quote) =>
        this.rejected.push({ line, reason, highlight: quote, ...(file ? { file } : {}) }),
      inFile: (name) => this.sink(name),
    };
  }

  private reject(line: number, reason: string, file?: string) {
    this.rejected.push(file ? { line, reason, file } : { line, reason });
  }

  private add(raw: RawItem, line: number, file?: string) {
    const address = typeof raw.url === 'string' ? raw.url.trim() : '';
    if (!address) return this.reject(line, 'no URL', file);
    if (!/^https?:\/\//i.test(address)) return this.reject(line, `not a web address: ${shorten(address)}`, file);
    let url: string;
    try {
      url = canonicalUrl(address);
      new URL(url);
    } catch {
      return this.reject(line, `not a valid URL: ${shorten(address)}`, file);
    }
    if (!/^https?:\/\//.test(url)) return this.reject(line, `not a valid URL: ${shorten(address)}`, file);
    const title = typeof raw.title === 'string' ? raw.title.replace(/\s+/g, ' ').trim() : '';
    const item: ImportedItem = {
      url,
      title: title || url,
      tags: tagNames(raw.tags ?? []),
      state: raw.state ?? 'unread',
      favourite: raw.favourite ?? false,
      addedAt: parseDate(raw.addedAt) ?? this.now,
    };
    if (raw.progress !== undefined && Number.isFinite(raw.progress)) {
      item.progress = Math.min(1, Math.max(0, raw.progress));
    }
    if (raw.site !== undefined) item.site = raw.site;
    if (raw.lang !== undefined) item.lang = raw.lang;
    if (raw.excerpt !== undefined) item.excerpt = raw.excerpt;
    if (raw.highlights?.length) {
      const highlights = importedHighlights(raw.highlights, parseDate, (note) =>
        this.reject(line, `a note with no quoted text: ${shorten(note)}`, file),
      );
      if (highlights.length) item.highlights = highlights;
    }
    if (raw.highlightRecords?.length) item.highlightRecords = raw.highlightRecords;
    const existing = this.byUrl.get(url);
    if (existing) mergeInto(existing, item);
    else this.byUrl.set(url, item);
  }

  result(format: ImportFormat): ImportResult {
    const items = [...this.byUrl.values()];
    items.forEach(datedHighlights);
    return { format, items, rejected: this.rejected };
  }
}

function mergeInto(target: ImportedItem, other: ImportedItem) {
  if (target.title === target.url && other.title !== other.url) target.title = other.title;
  target.tags = tagNames([...target.tags, ...other.tags]);
  if (other.state === 'archived') target.state = 'archived';
  target.favourite ||= other.favourite;
  target.addedAt = Math.min(target.addedAt, other.addedAt);
  if (other.progress !== undefined) target.progress = Math.max(target.progress ?? 0, other.progress);
  target.site ??= other.site;
  target.lang ??= other.lang;
  target.excerpt ??= other.excerpt;
  const highlights = mergeHighlightLists(target.highlights, other.highlights);
  if (highlights) target.highlights = highlights;
  if (other.highlightRecords) target.highlightRecords = [...(target.highlightRecords ?? []), ...other.highlightRecords];
}

/**
 * Tag names from an export's tags, strings or objects ({label}, {name} or {slug}): lower-cased, whitespace
 * folded, empty ones dropped, first occurrence kept. (The list's own limits are crdt.ts normalizeTags'.)
 */
export function tagNames(tags: readonly unknown[]): string[] {
  const out = new Set<string>();
  for (const tag of tags) {
    const name =
      typeof tag === 'string'
        ? tag
        : tag && typeof tag === 'object'
          ? ['label', 'name', 'slug'].map((k) => (tag as Record<string, unknown>)[k]).find((v) => typeof v === 'string')
          : undefined;
    if (typeof name !== 'string') continue;
    const clean = name.replace(/\s+/g, ' ').trim().toLowerCase();
    if (clean) out.add(clean);
  }
  return [...out];
}

/**
 * A date as ms since 1970, or null: Unix seconds (Pocket, Instapaper, bookmarks), milliseconds or microseconds
 * (some browsers' bookmarks), as numbers or digit strings, or ISO 8601 text (Omnivore, wallabag's "+0100").
 */
export function parseDate(value: unknown): number | null {
  if (typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value)) value = Number(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value <= 0) return null;
    if (value > 1e14) return Math.round(value / 1000); // microseconds
    if (value > 1e11) return Math.round(value); // milliseconds
    return Math.round(value * 1000); // seconds
  }
  if (typeof value !== 'string' || !value.trim()) return null;
  const iso = value.trim().replace(/([+-]\d\d)(\d\d)$/, '$1:$2');
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/** Opens a file for detection and reading: a ZIP's entries, or text as JSON, HTML or CSV (by how it starts). */
export function openImportSource(input: Uint8Array | string, fileName = ''): ImportSource {
  if (typeof input !== 'string' && isZip(input)) {
    let files: Record<string, Uint8Array>;
    try {
      files = unzipSync(input, { filter: (f) => /\.(csv|json|md)$/i.test(f.name) && !f.name.startsWith('__MACOSX/') });
    } catch (error) {
      throw new ImportFormatError(`This ZIP file cannot be read (${(error as Error).message}).`);
    }
    const names = Object.keys(files).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    return { kind: 'zip', fileName, entries: names.map((name) => ({ name, bytes: files[name]! })) };
  }
  const text = typeof input === 'string' ? input.replace(/^\ufeff/, '') : decodeUtf8(input);
  const head = text.trimStart();
  if (head.startsWith('{') || head.startsWith('[')) {
    try {
      return { kind: 'json', fileName, data: JSON.parse(head) as unknown };
    } catch (error) {
      throw new ImportFormatError(`This JSON file cannot be read (${(error as Error).message}).`);
    }
  }
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (head.startsWith('<') || ext === 'html' || ext === 'htm') return { kind: 'html', fileName, text };
  const header = parseCsv(/^[^\r\n]*/.exec(text)?.[0] ?? '')[0];
  return { kind: 'csv', fileName, text, header: header ? headerIndex(header.fields) : null };
}

/** The formats that recognise a source, the one parseImport uses first (certain before likely, registry order). */
export function matchingFormats(source: ImportSource): AnyFormat[] {
  const answers = FORMATS.filter((format) => format.kind === source.kind).map((format) => ({
    format,
    detection: format.detect(source),
  }));
  return [
    ...answers.filter((a) => a.detection === 'certain').map((a) => a.format),
    ...answers.filter((a) => a.detection === 'likely').map((a) => a.format),
  ];
}

/** Why no format took the file, naming the ones we read. */
function unknownFormatMessage(source: ImportSource): string {
  if (source.kind === 'zip') {
    const holds = FORMATS.flatMap((format) => ('holds' in format ? [format.holds as string] : []));
    return holds.length === 1
      ? `This ZIP file is not ${holds[0]}.`
      : `This ZIP file holds neither ${holds.join(' nor ')}.`;
  }
  return `This file is in no format we can import (${formatList()}).`;
}

/** "Pocket ZIP, CSV or HTML; Instapaper CSV; …": the formats by service (a name is its service, then a type). */
function formatList(): string {
  const types = new Map<string, string[]>();
  for (const { service, name } of FORMATS) {
    types.set(service, [...(types.get(service) ?? []), name.slice(service.length + 1)]);
  }
  const or = (words: string[]) => (words.length > 1 ? `${words.slice(0, -1).join(', ')} or ${words.at(-1)}` : words[0]);
  return [...types].map(([service, kinds]) => `${service} ${or(kinds)}`).join('; ');
}

/** Reads an export file: the format is detected, every item canonicalized and merged, bad rows reported. */
export function parseImport(input: Uint8Array | string, options: ParseOptions = {}): ImportResult {
  const source = openImportSource(input, options.fileName);
  const format = matchingFormats(source)[0];
  if (!format) throw new ImportFormatError(unknownFormatMessage(source));
  const collector = new Collector(options.now ?? Date.now());
  format.read(source, collector.sink());
  return collector.result(format.id);
}
