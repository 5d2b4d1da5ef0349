// Instapaper's CSV export: URL, Title, Selection, Folder, Timestamp, Tags. The folder says the state (Unread,
// Archive) or the favourite (Starred); a folder of the reader's own becomes a tag. The Selection (the text the
// reader had selected when saving, or highlighted) becomes a highlight, dated like the row.
import { defineImportFormat, readCsvRows } from '../import-format.ts';

const BUILT_IN_FOLDERS = ['unread', 'archive', 'starred'];

/** The Tags column: a JSON array ("[\"a\",\"b\"]"), or plain comma-separated names. */
function tagList(value: string): unknown[] {
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

export const instapaperCsv = defineImportFormat({
  id: 'instapaper-csv',
  service: 'Instapaper',
  name: 'Instapaper CSV',
  kind: 'csv',
  fixtures: ['instapaper.csv'],
  detect: ({ header }) => (header?.has('url') && (header.has('folder') || header.has('selection')) ? 'certain' : null),
  read({ text }, sink) {
    readCsvRows(text, sink, (field) => {
      const folder = field('folder').trim();
      const folderKey = folder.toLowerCase();
      const tags = tagList(field('tags'));
      if (folder && !BUILT_IN_FOLDERS.includes(folderKey)) tags.push(folder);
      return {
        url: field('url'),
        title: field('title'),
        tags,
        state: folderKey === 'archive' ? 'archived' : 'unread',
        favourite: folderKey === 'starred',
        addedAt: field('timestamp'),
        highlights: [{ quote: field('selection'), createdAt: field('timestamp') }],
      };
    });
  },
});
