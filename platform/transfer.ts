// The options page's import and export, below the UI: an export file read and parsed, its items sent to the
// background in chunks, and exports built from the background's list and this device's offline copies, then
// handed to the browser as a download.
import {
  exportFile,
  parseImport,
  siteRulesOfExport,
  type ExportFile,
  type ExportKind,
  type ImportResult,
  type ImportSummary,
  type ImportedItem,
  type SiteRuleRecord,
} from '../core/reading-list/index.ts';
import { sanitizeHtml } from '../core/reader/index.ts';
import { sendMessage } from './messaging.ts';
import { getOfflineArticle } from './offline-store.ts';
import { absorbSiteRuleRecords, siteRuleRecords } from './site-rule-store.ts';

/** Items per message to the background: progress shows, and no message is huge. */
const IMPORT_CHUNK = 500;

/** Reads a file the reader picked; rejects with ImportFormatError (in plain words) when it is no export we read. */
export async function readImportFile(file: File): Promise<ImportResult & { siteRules: SiteRuleRecord[] }> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const result = parseImport(bytes, { fileName: file.name });
  // Our own JSON export also carries the site rules (read apart: they are no reading-list items).
  return { ...result, siteRules: result.format === 'clear-reader-json' ? siteRulesOfExport(bytes) : [] };
}

/** Merges imported site rules with this device's (a rule deleted since stays deleted); how many changed. */
export function importSiteRules(records: readonly SiteRuleRecord[]): Promise<number> {
  return records.length ? absorbSiteRuleRecords(records) : Promise.resolve(0);
}

/** Adds the items to the reading list (through the background), reporting before each chunk. */
export async function importItems(
  items: readonly ImportedItem[],
  onProgress: (done: number, total: number) => void,
): Promise<ImportSummary> {
  const summary: ImportSummary = { added: 0, updated: 0, unchanged: 0, failed: [], highlights: 0 };
  for (let done = 0; done < items.length; done += IMPORT_CHUNK) {
    onProgress(done, items.length);
    const part = await sendMessage('importItems', { items: items.slice(done, done + IMPORT_CHUNK) });
    summary.added += part.added;
    summary.updated += part.updated;
    summary.unchanged += part.unchanged;
    summary.highlights += part.highlights;
    summary.failed.push(...part.failed);
  }
  return summary;
}

/** Exports the reading list and starts the download; says how many offline copies could not be read. */
export async function exportReadingList(kind: ExportKind): Promise<{ leftOut: number }> {
  const { items } = await sendMessage('listItems', undefined);
  // Highlights go into the JSON and ZIP exports; one that cannot read them fails rather than leave them out unsaid.
  const highlights = kind === 'bookmarks' ? [] : (await sendMessage('listHighlights', {})).records;
  const { file, leftOut } = await exportFile(kind, items, {
    highlights,
    siteRules: kind === 'json' ? await siteRuleRecords() : [],
    readCopy: async (id) => (await getOfflineArticle(id))?.article.contentHtml,
    sanitize: (html) => sanitizeHtml(html, document),
    // Loaded for a Markdown export only: the options page does not carry the converter otherwise.
    loadMarkdown: async () => (await import('../core/reader/markdown.ts')).htmlToMarkdown,
  });
  download(file);
  return { leftOut };
}

function download({ data, type, name }: ExportFile): void {
  const url = URL.createObjectURL(new Blob([typeof data === 'string' ? data : new Uint8Array(data)], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
