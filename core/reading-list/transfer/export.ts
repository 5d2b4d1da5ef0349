// Exports: our complete JSON (versioned; parseImport reads it back), Netscape bookmarks HTML (every browser and
// most read-later services import it), and a ZIP of the offline copies as HTML or Markdown files; exportFile
// makes the file for each kind the options page offers (platform/transfer.ts downloads it).
import { strToU8, zipSync } from 'fflate';
import type { SavedItem } from '../types.ts';
import { encodeHighlights, type HighlightsDocument } from '../highlights/codec.ts';
import type { HighlightRecord } from '../highlights/model.ts';
import { highlightsMarkdown, highlightsOfItem } from '../highlights/present.ts';
import { escapeHtml } from './html.ts';
import { validateRuleRecords, type SiteRuleRecord } from '../site-rules/records.ts';

export const EXPORT_FORMAT = 'clear-reader';
export const EXPORT_VERSION = 1;

export interface JsonExport {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  exportedAt: string;
  items: SavedItem[];
  /**
   * The highlights and notes of those items, in the stored form (highlights/codec.ts: records of last-writer-wins
   * registers, deletions as tombstones), so that reading them back merges rather than duplicates.
   */
  highlights?: HighlightsDocument;
  /**
   * The reader's site rules, live ones only, with their registers (site-rules/records.ts): importing merges them
   * (a rule deleted since stays deleted). Absent when there are none; readers before it ignore the field.
   */
  siteRules?: SiteRuleRecord[];
}

/** Every field of every item that is not deleted, and their highlights, as indented JSON. */
export function exportJson(
  items: readonly SavedItem[],
  now: number = Date.now(),
  highlights: readonly HighlightRecord[] = [],
  siteRules: readonly SiteRuleRecord[] = [],
): string {
  const kept = items.filter((item) => !item.deleted);
  const ids = new Set(kept.map((item) => item.id));
  const data: JsonExport = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: new Date(now).toISOString(),
    items: kept,
  };
  const theirs = highlights.filter((record) => ids.has(record.item));
  if (theirs.length) data.highlights = encodeHighlights(theirs);
  const rules = siteRules.filter((r) => r.live.value);
  if (rules.length) data.siteRules = rules;
  return `${JSON.stringify(data, null, 2)}\n`;
}

/** The site rules of one of our JSON exports (none for any other file, or a damaged field). */
export function siteRulesOfExport(bytes: Uint8Array): SiteRuleRecord[] {
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return [];
  }
  if (!data || typeof data !== 'object' || (data as { format?: unknown }).format !== EXPORT_FORMAT) return [];
  return validateRuleRecords((data as { siteRules?: unknown }).siteRules);
}

const seconds = (ms: number) => String(Math.floor(ms / 1000));

function bookmark(item: SavedItem): string {
  const attrs = [`HREF="${escapeHtml(item.url)}"`, `ADD_DATE="${seconds(item.addedAt)}"`];
  if (item.updatedAt) attrs.push(`LAST_MODIFIED="${seconds(item.updatedAt)}"`);
  if (item.tags.length) attrs.push(`TAGS="${escapeHtml(item.tags.join(','))}"`);
  if (item.favourite) attrs.push('FAVOURITE="1"');
  return `        <DT><A ${attrs.join(' ')}>${escapeHtml(item.title || item.url)}</A>`;
}

/**
 * Netscape bookmarks: unread items in a "Reading list" folder, archived ones in "Read Archive" inside it (which
 * our importer reads back as archived). Tags go in TAGS (Firefox, Pocket, Pinboard read them).
 */
export function exportBookmarks(items: readonly SavedItem[]): string {
  const live = items.filter((item) => !item.deleted);
  const unread = live.filter((item) => item.state !== 'archived');
  const archived = live.filter((item) => item.state === 'archived');
  return [
    '<!DOCTYPE NETSCAPE-Bookmark-file-1>',
    '<!-- This is an automatically generated file. It will be read and overwritten. DO NOT EDIT! -->',
    '<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">',
    '<TITLE>Bookmarks</TITLE>',
    '<H1>Bookmarks</H1>',
    '<DL><p>',
    '    <DT><H3>Reading list</H3>',
    '    <DL><p>',
    ...unread.map(bookmark),
    '        <DT><H3>Read Archive</H3>',
    '        <DL><p>',
    ...archived.map((item) => `    ${bookmark(item)}`),
    '        </DL><p>',
    '    </DL><p>',
    '</DL><p>',
    '',
  ].join('\n');
}

export interface OfflineCopy {
  id: string;
  title: string;
  url: string;
  /** The sanitized article HTML the offline store keeps. */
  contentHtml: string;
}

export interface OfflineZipOptions {
  format: 'html' | 'markdown';
  /** HTML to Markdown (the caller passes turndown's, so core/ stays free of it); required for 'markdown'. */
  toMarkdown?: (html: string) => string;
  /** Modification time written in the ZIP (default: now). */
  now?: number;
  /** Highlight records: an article with live ones gets "<name> - highlights.md" beside its file. */
  highlights?: readonly HighlightRecord[];
}

const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;
const NAME_MAX = 80;

/**
 * A file name that works on Windows, macOS and Linux: no path separators, reserved or control characters, no
 * leading or trailing dots or spaces, at most 80 characters (letters of any script are kept).
 */
export function safeFileName(title: string, fallback = 'article'): string {
  let name = title
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters are what this removes
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+|[.\s]+$/g, '');
  if ([...name].length > NAME_MAX) {
    name = [...name]
      .slice(0, NAME_MAX)
      .join('')
      .replace(/[.\s]+$/g, '');
  }
  if (!name || RESERVED.test(name)) name = name ? `${name}_` : fallback;
  return name;
}

/** Images may load (the reader chose to keep them); nothing else, and never a script. */
export const EXPORT_CSP = "default-src 'none'; img-src * data:; style-src 'unsafe-inline'";

function htmlDocument(copy: OfflineCopy): string {
  const title = escapeHtml(copy.title || copy.url);
  return [
    '<!DOCTYPE html>',
    '<html>',
    '<head>',
    '<meta charset="utf-8">',
    // A file opened from disk has no extension CSP around it: forbid script and plugins in the file itself.
    `<meta http-equiv="Content-Security-Policy" content="${EXPORT_CSP}">`,
    `<title>${title}</title>`,
    `<link rel="canonical" href="${escapeHtml(copy.url)}">`,
    '</head>',
    '<body>',
    `<h1>${title}</h1>`,
    `<p><a href="${escapeHtml(copy.url)}">${escapeHtml(copy.url)}</a></p>`,
    copy.contentHtml,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function markdownDocument(copy: OfflineCopy, toMarkdown: (html: string) => string): string {
  const title = (copy.title || copy.url).replace(/\s+/g, ' ').trim();
  return `# ${title}\n\n<${copy.url}>\n\n${toMarkdown(copy.contentHtml).trim()}\n`;
}

/** A ZIP of one file per offline copy, named after its title (unique, case-insensitively). */
export function exportOfflineZip(copies: readonly OfflineCopy[], options: OfflineZipOptions): Uint8Array {
  const { format, toMarkdown } = options;
  if (format === 'markdown' && !toMarkdown) throw new Error('A Markdown export needs a toMarkdown function.');
  const ext = format === 'markdown' ? 'md' : 'html';
  const used = new Set<string>();
  const mtime = new Date(options.now ?? Date.now());
  const files: Record<string, [Uint8Array, { mtime: Date }]> = {};
  for (const copy of copies) {
    const base = safeFileName(copy.title, copy.id || 'article');
    let name = `${base}.${ext}`;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base} (${n}).${ext}`;
    used.add(name.toLowerCase());
    const text = format === 'markdown' ? markdownDocument(copy, toMarkdown!) : htmlDocument(copy);
    files[name] = [strToU8(text), { mtime }];
    const marks = options.highlights ? highlightsOfItem(options.highlights, copy.id) : [];
    if (marks.length) {
      let notes = `${base} - highlights.md`;
      for (let n = 2; used.has(notes.toLowerCase()); n++) notes = `${base} - highlights (${n}).md`;
      used.add(notes.toLowerCase());
      files[notes] = [strToU8(highlightsMarkdown(copy, marks)), { mtime }];
    }
  }
  return zipSync(files, { level: 6 });
}

/** What the options page exports: the list as JSON or bookmarks, or the offline copies as HTML or Markdown. */
export type ExportKind = 'json' | 'bookmarks' | 'zip' | 'zip-markdown';

/** A file for the browser to download. */
export interface ExportFile {
  name: string;
  /** MIME type. */
  type: string;
  data: string | Uint8Array;
}

/** Where an export of offline copies gets them, injected so that this runs in Node and in the page alike. */
export interface OfflineCopySource {
  /** An item's offline copy (its article HTML), undefined when it has none; rejects when it cannot be read. */
  readCopy: (id: string) => Promise<string | undefined>;
  /** Sanitizes a copy's HTML: it may have come from the sync server, and the files open outside the extension. */
  sanitize: (html: string) => string;
  /** The HTML to Markdown converter, loaded only when a Markdown export asks for it. */
  loadMarkdown: () => Promise<(html: string) => string>;
  /** This device's highlight records, for the JSON export. */
  highlights?: readonly HighlightRecord[];
  /** The site rules' records, for the JSON export. */
  siteRules?: readonly SiteRuleRecord[];
}

/**
 * The offline copies of the items that have one, sanitized. One unreadable copy does not stop the others: it is
 * counted in `leftOut`; when every copy there is fails, the export fails with the last reason.
 */
export async function collectOfflineCopies(
  items: readonly SavedItem[],
  source: Pick<OfflineCopySource, 'readCopy' | 'sanitize'>,
): Promise<{ copies: OfflineCopy[]; leftOut: number }> {
  const copies: OfflineCopy[] = [];
  let leftOut = 0;
  let lastFailure: unknown = null;
  for (const item of items) {
    let html: string | undefined;
    try {
      html = await source.readCopy(item.id);
    } catch (failure) {
      leftOut++;
      lastFailure = failure;
      continue;
    }
    if (html === undefined) continue;
    copies.push({ id: item.id, title: item.title, url: item.url, contentHtml: source.sanitize(html) });
  }
  if (leftOut > 0 && copies.length === 0) throw lastFailure;
  return { copies, leftOut };
}

/** The file for an export, named clear-reader-YYYY-MM-DD, and how many offline copies it had to leave out. */
export async function exportFile(
  kind: ExportKind,
  items: readonly SavedItem[],
  source: OfflineCopySource,
  now: number = Date.now(),
): Promise<{ file: ExportFile; leftOut: number }> {
  const name = (ext: string) => `clear-reader-${new Date(now).toISOString().slice(0, 10)}.${ext}`;
  if (kind === 'json') {
    return {
      file: {
        name: name('json'),
        type: 'application/json',
        data: exportJson(items, now, source.highlights, source.siteRules),
      },
      leftOut: 0,
    };
  }
  if (kind === 'bookmarks') {
    return { file: { name: name('html'), type: 'text/html', data: exportBookmarks(items) }, leftOut: 0 };
  }
  const { copies, leftOut } = await collectOfflineCopies(items, source);
  const data =
    kind === 'zip'
      ? exportOfflineZip(copies, { format: 'html', now, highlights: source.highlights })
      : exportOfflineZip(copies, {
          format: 'markdown',
          toMarkdown: await source.loadMarkdown(),
          now,
          highlights: source.highlights,
        });
  return { file: { name: name('zip'), type: 'application/zip', data }, leftOut };
}
