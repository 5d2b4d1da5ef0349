// Readwise's CSV export: one highlight a row, with the columns Highlight, Book Title, Book Author, Amazon Book ID,
// Note, Color, Tags, Location Type, Location, Highlighted at, Document tags, and the article's address (URL)
// where Readwise knows it. Rows of the same address make one item with its highlights. A row that names no web
// address (a book, a tweet thread without a link) is reported with its quote, never attached to a guessed item.
import { truncate } from '../../../util/index.ts';
import { defineImportFormat, eachCsvRow } from '../import-format.ts';

/** Where Readwise puts the article's address, in the order tried. */
const URL_COLUMNS = ['url', 'source url', 'document url'];

const MAX_SHOWN = 60;
const shorten = (s: string) => truncate(s, MAX_SHOWN);

/** "2024-05-02 14:03:11+00:00" as ISO 8601 (a space between date and time is not ISO for every engine). */
const isoDate = (text: string) => text.trim().replace(/^(\d{4}-\d\d-\d\d) (\d)/, '$1T$2');

export const readwiseCsv = defineImportFormat({
  id: 'readwise-csv',
  service: 'Readwise',
  name: 'Readwise CSV',
  kind: 'csv',
  fixtures: ['readwise.csv'],
  detect: ({ header }) =>
    header?.has('highlight') && (header.has('book title') || header.has('highlighted at')) ? 'certain' : null,
  read({ text }, sink) {
    eachCsvRow(text, sink, { name: 'highlight', label: 'Highlight' }, (field, line) => {
      const quote = field('highlight').trim();
      const url = URL_COLUMNS.map((name) => field(name).trim()).find(Boolean) ?? '';
      const title = field('book title').trim();
      if (!/^https?:\/\//i.test(url)) {
        const source = title ? ` (${shorten(title)})` : '';
        sink.rejectHighlight(line, `a highlight that names no article address${source}`, quote);
        return;
      }
      const date = isoDate(field('highlighted at'));
      sink.add(
        {
          url,
          title,
          tags: field('document tags').split(','),
          addedAt: date,
          highlights: [{ quote, note: field('note'), color: field('color'), createdAt: date }],
        },
        line,
      );
    });
  },
});
