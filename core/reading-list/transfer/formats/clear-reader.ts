// Our own JSON export (export.ts exportJson): every field of every item, read back in full.
import { EXPORT_FORMAT, EXPORT_VERSION } from '../export.ts';
import { defineImportFormat, entryTags, readJsonEntries } from '../import-format.ts';
import { ImportFormatError } from '../types.ts';

interface Envelope {
  format: typeof EXPORT_FORMAT;
  version?: unknown;
  items: unknown[];
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
      };
    });
  },
});
