// Our own JSON export (export.ts exportJson): every field of every item, read back in full, with the highlight
// records of its `highlights` member (codec.ts's document) attached to their items.
import { readHighlights } from '../../highlights/codec.ts';
import type { HighlightRecord } from '../../highlights/model.ts';
import { canonicalUrl, itemId } from '../../url.ts';
import { EXPORT_FORMAT, EXPORT_VERSION } from '../export.ts';
import { defineImportFormat, entryTags, readJsonEntries } from '../import-format.ts';
import { ImportFormatError } from '../types.ts';

interface Envelope {
  format: typeof EXPORT_FORMAT;
  version?: unknown;
  items: unknown[];
  highlights?: unknown;
}

/** The export's highlight records by item id; what cannot be read is reported with its entry number there. */
function recordsByItem(document: unknown, reject: (n: number, reason: string) => void): Map<string, HighlightRecord[]> {
  const byItem = new Map<string, HighlightRecord[]>();
  if (document === undefined) return byItem;
  const read = readHighlights(document);
  if (!read.ok) {
    reject(1, `highlights not imported: ${read.message}`);
    return byItem;
  }
  for (const bad of read.rejected) reject(bad.index + 1, `a highlight that cannot be read: ${bad.reason}`);
  for (const record of read.records) byItem.set(record.item, [...(byItem.get(record.item) ?? []), record]);
  return byItem;
}

function idOf(url: unknown): string | null {
  if (typeof url !== 'string') return null;
  try {
    return itemId(canonicalUrl(url));
  } catch {
    return null;
  }
}

const isEnvelope = (data: unknown): data is Envelope =>
  !!data &&
  typeof data === 'object' &&
  !Array.isArray(data) &&
  (data as Record<string, unknown>).format === EXPORT_FORMAT &&
  Array.isArray((data as Record<string, unknown>).items);

export const clearReaderJson = defineImportFormat({
  id: 'clear-reader-json',
  service: 'Clear Reader',
  name: 'Clear Reader JSON',
  kind: 'json',
  fixtures: ['clear-reader.json'],
  detect: ({ data }) => (isEnvelope(data) ? 'certain' : null),
  read({ data }, sink) {
    if (!isEnvelope(data)) return sink.reject(1, 'not a Clear Reader export');
    if (typeof data.version === 'number' && data.version > EXPORT_VERSION) {
      throw new ImportFormatError(
        `This export is version ${data.version}, newer than this version of Clear Reader reads (${EXPORT_VERSION}).`,
      );
    }
    const highlightsSink = sink.inFile('highlights');
    const records = recordsByItem(data.highlights, (n, reason) => highlightsSink.reject(n, reason));
    readJsonEntries(data.items, sink, (e, n) => {
      if (e.deleted === true) {
        sink.reject(n, 'a deleted item');
        return null;
      }
      return {
        url: e.url,
        title: e.title,
        tags: entryTags(e),
        state: e.state === 'archived' ? 'archived' : 'unread',
        favourite: e.favourite === true,
        addedAt: e.addedAt,
        progress: typeof e.progress === 'number' ? e.progress : undefined,
        site: typeof e.site === 'string' ? e.site : null,
        lang: typeof e.lang === 'string' ? e.lang : undefined,
        excerpt: typeof e.excerpt === 'string' ? e.excerpt : undefined,
        highlightRecords: records.get(idOf(e.url) ?? ''),
      };
    });
  },
});
