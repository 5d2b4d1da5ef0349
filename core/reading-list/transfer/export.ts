// Exports: our complete JSON (versioned; parseImport reads it back), Netscape bookmarks HTML (every browser and
// most read-later services import it), and a ZIP of the offline copies as HTML or Markdown files.
import { strToU8, zipSync } from 'fflate';
import type { SavedItem } from '../types.ts';
import { escapeHtml } from './html.ts';

export const EXPORT_FORMAT = 'clear-reader';
export const EXPORT_VERSION = 1;

export interface JsonExport {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  exportedAt: string;
  items: SavedItem[];
}

/** Every field of every item that is not deleted, as indented JSON. */
export function exportJson(items: readonly SavedItem[], now: number = Date.now()): string {
  const data: JsonExport = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: new Date(now).toISOString(),
    items: items.filter((item) => !item.deleted),
  };
  return `${JSON.stringify(data, null, 2)}\n`;
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
  }
  return zipSync(files, { level: 6 });
}
