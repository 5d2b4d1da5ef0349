// Import parsers: Pocket (ZIP of part_*.csv, a lone CSV, the older HTML export), Instapaper CSV, Omnivore (ZIP of
// metadata_*.json, or one of those files), wallabag JSON, Netscape bookmarks HTML, and our own JSON export.
// The format is found from the content (the file name only breaks ties); columns and fields by name, any
// missing. A row that cannot be read is reported with its line (or entry number) and skipped, never more.
// Items with the same canonical address merge: tags joined, archived or favourite if any says so, the earliest
// date, the furthest progress.
import { unzipSync } from 'fflate';
import { canonicalUrl } from '../url.ts';
import { headerIndex, parseCsv } from './csv.ts';
import { tokenizeHtml } from './html.ts';
import { EXPORT_FORMAT, EXPORT_VERSION } from './export.ts';
import {
  ImportFormatError,
  type ImportFormat,
  type ImportResult,
  type ImportedItem,
  type RejectedRow,
} from './types.ts';

export interface ParseOptions {
  /** The file's name, when known (a tie-breaker for detection, and for messages). */
  fileName?: string;
  /** Date given to items whose source has none (ms since 1970; default: now). */
  now?: number;
}

/** One item as a parser reads it, before canonicalizing and merging. */
interface RawItem {
  url: unknown;
  title?: unknown;
  tags?: readonly unknown[];
  state?: 'unread' | 'archived';
  favourite?: boolean;
  addedAt?: unknown;
  progress?: number;
  site?: string | null;
  lang?: string;
  excerpt?: string;
}

const MAX_SHOWN = 80;
const shorten = (s: string) => (s.length > MAX_SHOWN ? `${s.slice(0, MAX_SHOWN - 1)}…` : s);

/** Accumulates items, merging duplicates, and rejected rows. */
class Collector {
  readonly byUrl = new Map<string, ImportedItem>();
  readonly rejected: RejectedRow[] = [];
  constructor(private readonly now: number) {}

  reject(line: number, reason: string, file?: string) {
    this.rejected.push(file ? { line, reason, file } : { line, reason });
  }

  add(raw: RawItem, line: number, file?: string) {
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
      tags: normalizeTags(raw.tags ?? []),
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
    const existing = this.byUrl.get(url);
    if (existing) mergeInto(existing, item);
    else this.byUrl.set(url, item);
  }

  result(format: ImportFormat): ImportResult {
    return { format, items: [...this.byUrl.values()], rejected: this.rejected };
  }
}

function mergeInto(target: ImportedItem, other: ImportedItem) {
  if (target.title === target.url && other.title !== other.url) target.title = other.title;
  target.tags = normalizeTags([...target.tags, ...other.tags]);
  if (other.state === 'archived') target.state = 'archived';
  target.favourite ||= other.favourite;
  target.addedAt = Math.min(target.addedAt, other.addedAt);
  if (other.progress !== undefined) target.progress = Math.max(target.progress ?? 0, other.progress);
  target.site ??= other.site;
  target.lang ??= other.lang;
  target.excerpt ??= other.excerpt;
}

/** Lower-cased, whitespace folded, empty ones dropped, first occurrence kept. */
export function normalizeTags(tags: readonly unknown[]): string[] {
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

/** UTF-8 text without its byte order mark. */
export function decodeText(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes).replace(/^\ufeff/, '');
}

const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/** Reads an export file: the format is detected, every item canonicalized and merged, bad rows reported. */
export function parseImport(input: Uint8Array | string, options: ParseOptions = {}): ImportResult {
  const collector = new Collector(options.now ?? Date.now());
  if (typeof input !== 'string' && isZip(input)) return parseZip(input, collector);
  const text = typeof input === 'string' ? input.replace(/^\ufeff/, '') : decodeText(input);
  const format = detectTextFormat(text, options.fileName);
  if (!format) {
    throw new ImportFormatError(
      `This file is in no format we can import (Pocket ZIP, CSV or HTML; Instapaper CSV; Omnivore ZIP or JSON; ` +
        'wallabag JSON; bookmarks HTML; a Clear Reader export).',
    );
  }
  switch (format) {
    case 'pocket-csv':
    case 'instapaper-csv':
      readCsv(text, collector);
      break;
    case 'pocket-html':
      readPocketHtml(text, collector);
      break;
    case 'netscape-html':
      readBookmarks(text, collector);
      break;
    default:
      readJson(format, JSON.parse(text) as unknown, collector);
  }
  return collector.result(format);
}

function parseZip(bytes: Uint8Array, collector: Collector): ImportResult {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (f) => /\.(csv|json)$/i.test(f.name) && !f.name.startsWith('__MACOSX/') });
  } catch (error) {
    throw new ImportFormatError(`This ZIP file cannot be read (${(error as Error).message}).`);
  }
  const names = Object.keys(files).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const pocket = names.filter((n) => /^part_.*\.csv$/i.test(baseName(n)));
  const omnivore = names.filter((n) => /^metadata_.*\.json$/i.test(baseName(n)));
  if (pocket.length) {
    for (const name of pocket) readCsv(decodeText(files[name]!), collector, name);
    return collector.result('pocket-zip');
  }
  if (omnivore.length) {
    for (const name of omnivore) {
      let data: unknown;
      try {
        data = JSON.parse(decodeText(files[name]!));
      } catch (error) {
        collector.reject(1, `not valid JSON (${(error as Error).message})`, name);
        continue;
      }
      readJson('omnivore-json', data, collector, name);
    }
    return collector.result('omnivore-zip');
  }
  throw new ImportFormatError(
    'This ZIP file holds neither a Pocket export (part_*.csv files) nor an Omnivore export (metadata_*.json files).',
  );
}

function csvHeader(text: string): Map<string, number> | null {
  const firstLine = /^[^\r\n]*/.exec(text)?.[0] ?? '';
  const header = parseCsv(firstLine)[0];
  return header ? headerIndex(header.fields) : null;
}

function detectTextFormat(text: string, fileName = ''): ImportFormat | null {
  const head = text.trimStart();
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (head.startsWith('{') || head.startsWith('[')) {
    let data: unknown;
    try {
      data = JSON.parse(head);
    } catch (error) {
      throw new ImportFormatError(`This JSON file cannot be read (${(error as Error).message}).`);
    }
    return detectJson(data);
  }
  if (head.startsWith('<') || ext === 'html' || ext === 'htm') {
    if (/time_added\s*=/i.test(text) && /<h1[^>]*>\s*(unread|read archive)/i.test(text)) return 'pocket-html';
    if (/<!DOCTYPE\s+NETSCAPE-Bookmark-file/i.test(text) || /<dt[^>]*>\s*<a\s/i.test(text)) return 'netscape-html';
    if (/ril_export/i.test(fileName) || /<title>\s*Pocket Export/i.test(text)) return 'pocket-html';
    return null;
  }
  const header = csvHeader(text);
  if (header?.has('url')) {
    return header.has('folder') || header.has('selection') ? 'instapaper-csv' : 'pocket-csv';
  }
  return null;
}

function detectJson(data: unknown): ImportFormat | null {
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    const o = data as Record<string, unknown>;
    return o.format === EXPORT_FORMAT && Array.isArray(o.items) ? 'clear-reader-json' : null;
  }
  if (!Array.isArray(data)) return null;
  const sample = data.find((e): e is Record<string, unknown> => !!e && typeof e === 'object') ?? null;
  if (!sample) return data.length === 0 ? 'wallabag-json' : null;
  if ('is_archived' in sample || 'is_starred' in sample || ('created_at' in sample && 'content' in sample)) {
    return 'wallabag-json';
  }
  if ('savedAt' in sample || 'readingProgress' in sample || 'labels' in sample || 'slug' in sample) {
    return 'omnivore-json';
  }
  return null;
}

const truthy = (v: unknown) => v === true || v === 1 || v === '1' || v === 'true';

function readCsv(text: string, collector: Collector, file?: string) {
  const records = parseCsv(text);
  const header = records.shift();
  const columns = header ? headerIndex(header.fields) : new Map<string, number>();
  if (!columns.has('url')) {
    collector.reject(header?.line ?? 1, 'no "url" column in the header', file);
    return;
  }
  const instapaper = columns.has('folder') || columns.has('selection');
  for (const record of records) {
    if (record.error) {
      collector.reject(record.line, record.error, file);
      continue;
    }
    const get = (name: string) => {
      const i = columns.get(name);
      return i === undefined ? '' : (record.fields[i] ?? '');
    };
    if (instapaper) {
      const folder = get('folder').trim();
      const tags = parseTagList(get('tags'));
      const folderKey = folder.toLowerCase();
      if (folder && !['unread', 'archive', 'starred'].includes(folderKey)) tags.push(folder);
      collector.add(
        {
          url: get('url'),
          title: get('title'),
          tags,
          state: folderKey === 'archive' ? 'archived' : 'unread',
          favourite: folderKey === 'starred',
          addedAt: get('timestamp'),
        },
        record.line,
        file,
      );
    } else {
      const status = get('status').trim().toLowerCase();
      collector.add(
        {
          url: get('url'),
          title: get('title'),
          tags: get('tags').split('|'),
          state: status === 'archive' || status === 'archived' ? 'archived' : 'unread',
          favourite: truthy(get('favorite').trim()) || truthy(get('favourite').trim()),
          addedAt: get('time_added'),
        },
        record.line,
        file,
      );
    }
  }
}

/** Instapaper's Tags column: a JSON array ("[\"a\",\"b\"]"), or plain comma-separated names. */
function parseTagList(value: string): unknown[] {
  const text = value.trim();
  if (!text) return [];
  if (text.startsWith('[')) {
    try {
      const parsed = JSON.parse(text) as unknown;
      if (Array.isArray(parsed)) return parsed;
    } catch {
      // not JSON after all: split it
    }
  }
  return text.split(',');
}

function readJson(format: ImportFormat, data: unknown, collector: Collector, file?: string) {
  let entries: unknown[];
  if (format === 'clear-reader-json') {
    const o = data as { version?: unknown; items: unknown[] };
    if (typeof o.version === 'number' && o.version > EXPORT_VERSION) {
      throw new ImportFormatError(
        `This export is version ${o.version}, newer than this version of Clear Reader reads (${EXPORT_VERSION}).`,
      );
    }
    entries = o.items;
  } else if (Array.isArray(data)) {
    entries = data;
  } else {
    collector.reject(1, 'not a list of entries', file);
    return;
  }
  entries.forEach((entry, i) => {
    const n = i + 1;
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
      return collector.reject(n, 'not an object', file);
    }
    const e = entry as Record<string, unknown>;
    const tags = Array.isArray(e.tags) ? (e.tags as unknown[]) : Array.isArray(e.labels) ? (e.labels as unknown[]) : [];
    switch (format) {
      case 'wallabag-json':
        return collector.add(
          {
            url: e.url,
            title: e.title,
            tags,
            state: truthy(e.is_archived) ? 'archived' : 'unread',
            favourite: truthy(e.is_starred),
            addedAt: e.created_at,
          },
          n,
          file,
        );
      case 'clear-reader-json':
        if (e.deleted === true) return collector.reject(n, 'a deleted item', file);
        return collector.add(
          {
            url: e.url,
            title: e.title,
            tags,
            state: e.state === 'archived' ? 'archived' : 'unread',
            favourite: e.favourite === true,
            addedAt: e.addedAt,
            progress: typeof e.progress === 'number' ? e.progress : undefined,
            site: typeof e.site === 'string' ? e.site : null,
            lang: typeof e.lang === 'string' ? e.lang : undefined,
            excerpt: typeof e.excerpt === 'string' ? e.excerpt : undefined,
          },
          n,
          file,
        );
      default: {
        // Omnivore
        const state = typeof e.state === 'string' ? e.state.toLowerCase() : '';
        if (state === 'deleted') return collector.reject(n, 'deleted in Omnivore', file);
        const progress = Number(e.readingProgress ?? e.readingProgressPercent);
        return collector.add(
          {
            url: e.url ?? e.originalUrl,
            title: e.title,
            tags,
            state: state === 'archived' ? 'archived' : 'unread',
            favourite: false,
            addedAt: e.savedAt ?? e.createdAt,
            progress:
              e.readingProgress === undefined && e.readingProgressPercent === undefined
                ? undefined
                : Number.isFinite(progress)
                  ? progress / 100
                  : undefined,
          },
          n,
          file,
        );
      }
    }
  });
}

/** Pocket's older HTML export: <h1>Unread</h1><ul><li><a href time_added tags>…</a></li>… <h1>Read Archive</h1>… */
function readPocketHtml(text: string, collector: Collector) {
  let archived = false;
  let heading: string | null = null;
  let link: { attrs: Record<string, string>; line: number; text: string } | null = null;
  for (const token of tokenizeHtml(text)) {
    if (token.kind === 'text') {
      if (heading !== null) heading += token.text;
      if (link) link.text += token.text;
      continue;
    }
    if (token.name === 'h1') {
      if (!token.closing) heading = '';
      else if (heading !== null) {
        archived = /archive/i.test(heading);
        heading = null;
      }
    } else if (token.name === 'a') {
      if (!token.closing) link = { attrs: token.attrs, line: token.line, text: '' };
      else if (link) {
        const { attrs } = link;
        collector.add(
          {
            url: attrs.href,
            title: link.text,
            tags: (attrs.tags ?? '').split(','),
            state: archived ? 'archived' : 'unread',
            addedAt: attrs.time_added,
          },
          link.line,
        );
        link = null;
      }
    }
  }
}

const ARCHIVE_FOLDER = /^(read )?archived?$/i;

/**
 * Netscape bookmarks (every browser's export): <DT><A HREF ADD_DATE TAGS>title</A>, folders as <DT><H3>name</H3>
 * <DL>…</DL>. A folder named "Archive" (or "Read Archive", as our export writes) holds archived items.
 */
function readBookmarks(text: string, collector: Collector) {
  const folders: string[] = [];
  let lastHeading = '';
  let heading: string | null = null;
  let link: { attrs: Record<string, string>; line: number; text: string } | null = null;
  const finishLink = () => {
    if (!link) return;
    const { attrs } = link;
    collector.add(
      {
        url: attrs.href,
        title: link.text,
        tags: (attrs.tags ?? '').split(','),
        state: folders.some((f) => ARCHIVE_FOLDER.test(f)) ? 'archived' : 'unread',
        favourite: truthy(attrs.favourite ?? attrs.favorite),
        addedAt: attrs.add_date,
      },
      link.line,
    );
    link = null;
  };
  for (const token of tokenizeHtml(text)) {
    if (token.kind === 'text') {
      if (heading !== null) heading += token.text;
      if (link) link.text += token.text;
      continue;
    }
    if (token.name === 'h3') {
      if (!token.closing) heading = '';
      else if (heading !== null) {
        lastHeading = heading.trim();
        heading = null;
      }
    } else if (token.name === 'dl') {
      if (!token.closing) {
        folders.push(lastHeading);
        lastHeading = '';
      } else folders.pop();
    } else if (token.name === 'a') {
      finishLink(); // an unclosed <A> ends at the next one
      if (!token.closing) link = { attrs: token.attrs, line: token.line, text: '' };
    } else if (link && (token.name === 'dt' || token.name === 'dd')) {
      finishLink();
    }
  }
  finishLink();
}
