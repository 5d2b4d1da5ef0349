// Pocket's exports: the ZIP of part_*.csv files it sent since 2024, one of those files alone, and the older
// ril_export.html with its Unread and Read Archive sections.
import { tokenizeHtml } from '../html.ts';
import {
  baseName,
  decodeUtf8,
  defineImportFormat,
  readCsvRows,
  truthy,
  type ItemSink,
  type RawItem,
} from '../import-format.ts';

const PART = /^part_.*\.csv$/i;

/** Columns title, url, time_added, tags (separated by |), status ("unread" or "archive"). */
function readPocketCsv(text: string, sink: ItemSink) {
  readCsvRows(text, sink, (field): RawItem => {
    const status = field('status').trim().toLowerCase();
    return {
      url: field('url'),
      title: field('title'),
      tags: field('tags').split('|'),
      state: status === 'archive' || status === 'archived' ? 'archived' : 'unread',
      favourite: truthy(field('favorite').trim()) || truthy(field('favourite').trim()),
      addedAt: field('time_added'),
    };
  });
}

export const pocketZip = defineImportFormat({
  id: 'pocket-zip',
  service: 'Pocket',
  name: 'Pocket ZIP',
  kind: 'zip',
  holds: 'a Pocket export (part_*.csv files)',
  fixtures: ['pocket-zip'],
  detect: ({ entries }) => (entries.some((e) => PART.test(baseName(e.name))) ? 'certain' : null),
  read({ entries }, sink) {
    for (const entry of entries) {
      if (PART.test(baseName(entry.name))) readPocketCsv(decodeUtf8(entry.bytes), sink.inFile(entry.name));
    }
  },
});

export const pocketCsv = defineImportFormat({
  id: 'pocket-csv',
  service: 'Pocket',
  name: 'Pocket CSV',
  kind: 'csv',
  fixtures: ['pocket-zip/part_000000.csv', 'pocket-zip/part_000001.csv'],
  // Any CSV with a "url" column that is not Instapaper's (Folder and Selection columns) or Readwise's (Highlight).
  detect: ({ header }) =>
    header?.has('url') && !header.has('folder') && !header.has('selection') && !header.has('highlight')
      ? 'certain'
      : null,
  read: ({ text }, sink) => readPocketCsv(text, sink),
});

export const pocketHtml = defineImportFormat({
  id: 'pocket-html',
  service: 'Pocket',
  name: 'Pocket HTML',
  kind: 'html',
  fixtures: ['pocket-ril_export.html.txt'],
  detect({ text, fileName }) {
    if (/time_added\s*=/i.test(text) && /<h1[^>]*>\s*(unread|read archive)/i.test(text)) return 'certain';
    return /ril_export/i.test(fileName) || /<title>\s*Pocket Export/i.test(text) ? 'likely' : null;
  },
  /** <h1>Unread</h1><ul><li><a href time_added tags>…</a></li>… <h1>Read Archive</h1>… */
  read({ text }, sink) {
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
          sink.add(
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
  },
});
