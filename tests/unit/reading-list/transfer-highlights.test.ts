// Highlights and notes that exports carry: read per format from fixtures built on each export's documented
// layout, merged per item, and turned into quote-only highlight records with stable ids.
import { describe, expect, it } from 'vitest';
import {
  changeHighlight,
  createHighlightRecord,
  exportJson,
  importedHighlightsOf,
  itemId,
  parseImport,
  type ImportedItem,
  type SavedItem,
} from '../../../core/reading-list/index.ts';
import {
  importedColor,
  importedHighlightId,
  newImportedHighlights,
} from '../../../core/reading-list/transfer/highlights.ts';
import { omnivoreHighlightsMarkdown } from '../../../core/reading-list/transfer/formats/omnivore.ts';
import { fixture, zipFixture } from '../../support/transfer-fixtures.ts';

const NOW = Date.UTC(2026, 0, 1);
const parse = (input: Uint8Array | string, fileName?: string) => parseImport(input, { fileName, now: NOW });
const item = (items: ImportedItem[], url: string) => items.find((i) => i.url === url)!;

describe('Readwise CSV', () => {
  const result = parse(fixture('readwise.csv'), 'readwise-data.csv');

  it('is recognised from its columns (Pocket’s CSV, which takes a CSV with a URL column, leaves it)', () => {
    expect(result.format).toBe('readwise-csv');
  });

  it('makes one item per address with its highlights: quotes with commas, quotes and line breaks, notes, dates', () => {
    expect(result.items.map((i) => i.url)).toEqual([
      'https://example.com/articles/reading',
      'https://example.com/other',
    ]);
    const reading = item(result.items, 'https://example.com/articles/reading');
    expect(reading).toMatchObject({
      title: 'A fixture article',
      tags: ['reading', 'web'],
      addedAt: Date.UTC(2024, 2, 2, 10, 15),
    });
    expect(reading.highlights).toEqual([
      {
        quote: 'Reading is slower than skimming, and better.',
        note: 'Agree, with a comma',
        color: 'yellow',
        createdAt: Date.UTC(2024, 2, 2, 10, 15),
      },
      // No colour: the default; a line break inside the quoted field stays.
      {
        quote: 'A quote that runs\nover two lines.',
        note: '',
        color: 'yellow',
        createdAt: Date.UTC(2024, 2, 2, 10, 20),
      },
    ]);
    expect(item(result.items, 'https://example.com/other').highlights).toEqual([
      { quote: 'He said "slow" twice.', note: '', color: 'blue', createdAt: Date.UTC(2024, 3, 10, 8) },
      // No date: its item's; purple, which we do not have, is blue.
      { quote: 'Purple is blue here.', note: '', color: 'blue', createdAt: Date.UTC(2024, 3, 10, 8) },
    ]);
  });

  it('reports a row that names no article address with its quote, and attaches it to nothing', () => {
    expect(result.rejected).toEqual([
      {
        line: 6,
        reason: 'a highlight that names no article address (A Paper Book)',
        highlight: 'A line from a paper book',
      },
    ]);
    expect(JSON.stringify(result.items)).not.toContain('paper book');
  });

  it('reports a non-web address too, and reads a file without a URL column as all unattached', () => {
    const csv = 'Highlight,Book Title,Highlighted at\n"One, two",A book,2024-01-01 00:00:00+00:00\nThree,,\n';
    const r = parse(csv);
    expect(r.format).toBe('readwise-csv');
    expect(r.items).toEqual([]);
    expect(r.rejected.map((row) => row.highlight)).toEqual(['One, two', 'Three']);
    const kindle = parse('Highlight,Book Title,URL\nQ,Book,kindle://book?id=1\n');
    expect(kindle.rejected).toEqual([
      { line: 2, reason: 'a highlight that names no article address (Book)', highlight: 'Q' },
    ]);
  });
});

describe('Omnivore', () => {
  it('reads highlights/<slug>.md beside the metadata: quotes, labels left out, notes; page notes reported', () => {
    const result = parse(zipFixture('omnivore-highlights-zip', 'Omnivore/'), 'omnivore.zip');
    expect(result.format).toBe('omnivore-zip');
    const savedAt = Date.UTC(2024, 5, 1, 9);
    expect(item(result.items, 'https://example.org/slow-web').highlights).toEqual([
      {
        quote: 'Pages that load in a blink are read, not skimmed.',
        note: 'A note on the first highlight, with a comma.',
        color: 'yellow',
        createdAt: savedAt,
      },
      {
        quote: 'A quote over two paragraphs starts here,\nand goes on in the second one.',
        note: '',
        color: 'yellow',
        createdAt: savedAt,
      },
      { quote: 'Short quote, no note.', note: '', color: 'yellow', createdAt: savedAt },
    ]);
    expect(item(result.items, 'https://example.org/plain').highlights).toBeUndefined();
    expect(result.rejected).toEqual([
      {
        line: 1,
        reason: 'a note with no quoted text: A note on the whole page, not on any quote.',
        file: 'Omnivore/metadata_0_to_1.json',
      },
    ]);
  });

  it('reads an entry’s own highlights list (quote, annotation, color, createdAt), red as pink', () => {
    const json = JSON.stringify([
      {
        slug: 's',
        url: 'https://example.org/api',
        savedAt: '2024-01-01T00:00:00Z',
        highlights: [
          { quote: 'Q1', annotation: 'N1', color: 'red', createdAt: '2024-01-02T00:00:00Z' },
          { quote: 'Q2', annotation: null },
          null,
        ],
      },
    ]);
    expect(parse(json).items[0]!.highlights).toEqual([
      { quote: 'Q1', note: 'N1', color: 'pink', createdAt: Date.UTC(2024, 0, 2) },
      { quote: 'Q2', note: '', color: 'yellow', createdAt: Date.UTC(2024, 0, 1) },
    ]);
  });

  it('parses the exporter’s Markdown with CRLF and a page note at the end', () => {
    expect(omnivoreHighlightsMarkdown('> A \r\n\r\n#tag\r\n\r\nnote\r\n\r\nPage note\r\n\r\n')).toEqual([
      { quote: 'A', note: 'note' },
      { quote: '', note: 'Page note' },
    ]);
  });
});

describe('wallabag', () => {
  it('reads annotations: quote, text as the note, created_at; a note without a quote is reported', () => {
    const result = parse(fixture('wallabag-highlights.json'), 'wallabag.json');
    expect(result.format).toBe('wallabag-json');
    expect(result.items[0]!.highlights).toEqual([
      {
        quote: 'A sentence worth keeping, with a comma.',
        note: 'Why this matters: it says it plainly.',
        color: 'yellow',
        createdAt: Date.UTC(2024, 8, 11, 18, 15),
      },
      { quote: 'Some text to read.', note: '', color: 'yellow', createdAt: Date.UTC(2024, 8, 12, 5) },
    ]);
    expect(result.rejected).toEqual([{ line: 1, reason: 'a note with no quoted text: no quote here' }]);
  });
});

describe('Instapaper', () => {
  it('reads the Selection column, with commas, quotes and line breaks, as a highlight dated like its row', () => {
    const csv =
      'URL,Title,Selection,Folder,Timestamp\nhttps://example.org/s,T,"One, ""two""\nthree",Unread,1700000000\n';
    expect(parse(csv).items[0]!.highlights).toEqual([
      { quote: 'One, "two"\nthree', note: '', color: 'yellow', createdAt: 1_700_000_000_000 },
    ]);
    expect(parse('URL,Selection\nhttps://example.org/e,\n').items[0]!.highlights).toBeUndefined();
  });
});

describe('Pocket', () => {
  it('carries no highlights (its CSV and HTML exports have none)', () => {
    const result = parse(zipFixture('pocket-zip'));
    expect(result.items.every((i) => i.highlights === undefined)).toBe(true);
  });
});

describe('Clear Reader JSON', () => {
  it('reads its own export’s highlight records back as they were, tombstones included, attached to their items', () => {
    const url = 'https://example.org/mine';
    const saved = {
      id: itemId(url),
      url,
      title: 'Mine',
      site: null,
      lang: 'en',
      excerpt: '',
      addedAt: Date.UTC(2025, 0, 1),
      updatedAt: Date.UTC(2025, 0, 1),
      state: 'unread',
      favourite: false,
      tags: [],
      progress: 0,
      deleted: false,
      localOnly: false,
    } satisfies SavedItem;
    const anchor = {
      quote: { exact: 'kept words', prefix: 'Some ', suffix: ' here.' },
      position: { start: 5, end: 15 },
    };
    const live = createHighlightRecord(
      { id: 'aaaaaaaa1', item: saved.id, anchor, color: 'blue', note: 'mine' },
      1_735_700_000,
      'dev1',
    );
    const gone = changeHighlight(
      createHighlightRecord({ id: 'aaaaaaaa2', item: saved.id, anchor }, 1_735_700_000, 'dev1'),
      { field: 'deleted', value: true },
      1_735_800_000,
      'dev1',
    );
    const text = exportJson([saved], NOW, [live, gone]);
    const result = parse(text, 'clear-reader.json');
    expect(result.format).toBe('clear-reader-json');
    expect(result.items[0]!.highlightRecords).toEqual([live, gone]);
    expect(importedHighlightsOf(result.items[0]!)).toEqual([
      { quote: 'kept words', note: 'mine', color: 'blue', createdAt: 1_735_700_000_000 },
    ]);
    // A record that cannot be read is reported, the rest imported.
    const damaged = JSON.parse(text) as { highlights: { highlights: unknown[] } };
    damaged.highlights.highlights.push({ id: 'x' });
    const again = parse(JSON.stringify(damaged));
    expect(again.items[0]!.highlightRecords).toHaveLength(2);
    expect(again.rejected).toEqual([
      { line: 3, reason: expect.stringMatching(/^a highlight that cannot be read: /) as unknown, file: 'highlights' },
    ]);
  });
});

describe('merging and records', () => {
  it('merges the same quote of the same article from two rows: one highlight, both notes, the earliest date', () => {
    const csv = [
      'Highlight,Book Title,Note,Color,Highlighted at,URL',
      'Same,A,first note,green,2024-02-01 00:00:00+00:00,https://example.org/m',
      'Same,A,second note,pink,2024-01-01 00:00:00+00:00,https://example.org/m?utm_source=x',
    ].join('\n');
    expect(parse(csv).items[0]!.highlights).toEqual([
      { quote: 'Same', note: 'first note\n\nsecond note', color: 'pink', createdAt: Date.UTC(2024, 0, 1) },
    ]);
  });

  it('maps colours by name, the default for unknown or missing ones', () => {
    expect(
      ['Yellow', 'GREEN', 'blue', 'pink', 'red', 'orange', 'purple', '', 'teal', undefined, 3].map(importedColor),
    ).toEqual(['yellow', 'green', 'blue', 'pink', 'pink', 'yellow', 'blue', 'yellow', 'yellow', 'yellow', 'yellow']);
  });

  it('makes quote-only records with ids that stay the same from one import to the next', () => {
    const [reading] = parse(fixture('readwise.csv')).items;
    const news = newImportedHighlights(reading!);
    expect(news).toHaveLength(2);
    expect(news[0]).toEqual({
      id: importedHighlightId(news[0]!.item, 'Reading is slower than skimming, and better.'),
      item: news[0]!.item,
      anchor: {
        quote: { exact: 'Reading is slower than skimming, and better.', prefix: '', suffix: '' },
        position: null,
      },
      color: 'yellow',
      note: 'Agree, with a comma',
      created: Date.UTC(2024, 2, 2, 10, 15) / 1000,
    });
    expect(news[0]!.id).toMatch(/^[0-9a-z]{6,32}$/);
    expect(newImportedHighlights(parse(fixture('readwise.csv')).items[0]!)[0]!.id).toBe(news[0]!.id);
    expect(new Set(news.map((h) => h.id)).size).toBe(2);
  });
});
