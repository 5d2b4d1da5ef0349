// Import parsers on fixtures written in each format, with awkward rows: quotes, commas and line breaks in
// titles, non-ASCII, a byte order mark, CRLF, missing columns, rows without a URL, duplicates.
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../core/reading-list/transfer/csv.ts';
import { ImportFormatError, parseDate, parseImport } from '../../../core/reading-list/index.ts';
import { fixture, zipFixture } from '../../support/transfer-fixtures.ts';

const NOW = Date.UTC(2026, 0, 1);
const parse = (input: Uint8Array | string, fileName?: string) => parseImport(input, { fileName, now: NOW });
const byUrl = (items: { url: string }[], url: string) => items.find((i) => i.url === url);

describe('parseCsv', () => {
  it('reads quoted commas, doubled quotes and line breaks, CRLF and LF, with each record’s first line', () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""","two\r\nlines"\n1,,3\n\nlast,row';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['x, y', 'say "hi"', 'two\nlines'] },
      { line: 4, fields: ['1', '', '3'] },
      { line: 6, fields: ['last', 'row'] },
    ]);
  });

  it('flags a quote never closed and text after a closing quote', () => {
    expect(parseCsv('"open,1\n2')).toEqual([
      { line: 1, fields: ['open,1\n2'], error: 'a quoted field is never closed' },
    ]);
    expect(parseCsv('"a"b,c')[0]).toMatchObject({ fields: ['ab', 'c'], error: 'text after a closing quote' });
  });
});

describe('parseDate', () => {
  it('reads seconds, milliseconds, microseconds and ISO 8601 with any offset style', () => {
    expect(parseDate(1741600000)).toBe(1741600000000);
    expect(parseDate('1741600000')).toBe(1741600000000);
    expect(parseDate(1741600000123)).toBe(1741600000123);
    expect(parseDate('1741600000123456')).toBe(1741600000123);
    expect(parseDate('2025-03-05T10:00:00+0100')).toBe(Date.UTC(2025, 2, 5, 9));
    expect(parseDate('2025-03-05T10:00:00+01:00')).toBe(Date.UTC(2025, 2, 5, 9));
    for (const bad of ['', 'not-a-date', 0, -5, null, undefined, {}]) expect(parseDate(bad)).toBeNull();
  });
});

describe('Pocket', () => {
  it('reads the ZIP of part_*.csv: BOM, quotes, commas and line breaks, non-ASCII, missing columns', () => {
    const result = parse(zipFixture('pocket-zip', 'pocket/'), 'pocket.zip');
    expect(result.format).toBe('pocket-zip');
    expect(result.items).toHaveLength(4);
    const guardian = byUrl(result.items, 'https://www.theguardian.com/world/2025/mar/11/quotes');
    expect(guardian).toEqual({
      url: 'https://www.theguardian.com/world/2025/mar/11/quotes',
      title: 'A title with "quotes", a comma and a line break',
      tags: [],
      state: 'archived',
      favourite: false,
      addedAt: 1741686400000,
    });
    expect(byUrl(result.items, 'https://example.org/unicode?a=1&b=2')).toMatchObject({
      title: 'Ünïcödé 日本語 — ok',
      tags: ['café', '日本'],
      state: 'unread',
    });
    // Only two columns: the date is the import's.
    expect(byUrl(result.items, 'https://example.org/short')).toMatchObject({ addedAt: NOW, tags: [] });
  });

  it('merges the same article across part files: tags joined, archived, the earliest date', () => {
    const { items } = parse(zipFixture('pocket-zip'));
    const url = 'https://www.lemonde.fr/politique/article/2025/03/10/budget_6200001_823448.html';
    expect(items.filter((i) => i.url === url)).toEqual([
      {
        url,
        title: 'Budget 2025 : le Sénat vote, enfin',
        tags: ['politique', 'budget', 'finance'],
        state: 'archived',
        favourite: false,
        addedAt: 1741500000000,
      },
    ]);
  });

  it('reports bad rows with their file and line, and reads the rest', () => {
    expect(parse(zipFixture('pocket-zip')).rejected).toEqual([
      { line: 6, reason: 'no URL', file: 'part_000000.csv' },
      { line: 7, reason: 'not a web address: javascript:alert(1)', file: 'part_000000.csv' },
      { line: 3, reason: 'a quoted field is never closed', file: 'part_000001.csv' },
    ]);
  });

  it('reads one part file on its own', () => {
    const result = parse(fixture('pocket-zip/part_000001.csv'), 'part_000001.csv');
    expect(result.format).toBe('pocket-csv');
    expect(result.items).toHaveLength(1);
  });

  it('reads the older HTML export: Unread and Read Archive sections, entities, tags', () => {
    const result = parse(fixture('pocket-ril_export.html.txt'), 'ril_export.html');
    expect(result.format).toBe('pocket-html');
    expect(result.items).toEqual([
      {
        url: 'https://www.bbc.co.uk/news/articles/c1&x',
        title: 'Tom & Jerry "quoted" — l’été',
        tags: ['news', 'uk'],
        state: 'unread',
        favourite: false,
        addedAt: 1741600000000,
      },
      // Listed again in the archive (with a fragment): one item, archived, the earlier date.
      {
        url: 'https://example.org/no-tags',
        title: 'No tags',
        tags: ['dup'],
        state: 'archived',
        favourite: false,
        addedAt: 1741000000000,
      },
      {
        url: 'https://example.org/archived',
        title: 'Archived <one>',
        tags: ['old'],
        state: 'archived',
        favourite: false,
        addedAt: 1741600300000,
      },
    ]);
    expect(result.rejected).toEqual([{ line: 13, reason: 'no URL' }]);
  });
});

describe('Instapaper', () => {
  it('reads folders as state and favourite, tags as a JSON array or a list, other folders as tags', () => {
    const result = parse(fixture('instapaper.csv'), 'instapaper-export.csv');
    expect(result.format).toBe('instapaper-csv');
    expect(result.items).toEqual([
      {
        url: 'https://www.nytimes.com/2025/03/12/us/politics.html',
        title: 'Politics, today',
        tags: ['politics', 'us'],
        state: 'unread',
        favourite: false,
        addedAt: 1741780000000,
      },
      {
        url: 'https://example.org/archived-insta',
        title: 'Multi line "title"',
        tags: [],
        state: 'archived',
        favourite: false,
        addedAt: 1741780100000,
        // The Selection column, dated like its row.
        highlights: [{ quote: 'A selection, with commas', note: '', color: 'yellow', createdAt: 1741780100000 }],
      },
      {
        url: 'https://example.org/starred',
        title: 'Starred one',
        tags: ['plain', 'tags'],
        state: 'unread',
        favourite: true,
        addedAt: 1741780200000,
      },
      {
        url: 'https://example.org/folder',
        title: 'Custom folder',
        tags: ['long reads'],
        state: 'unread',
        favourite: false,
        addedAt: NOW,
      },
    ]);
    expect(result.rejected).toEqual([
      { line: 7, reason: 'no URL' },
      { line: 8, reason: 'not a web address: ftp://example.org/file' },
    ]);
  });

  it('finds columns by name, in any order, any missing', () => {
    const csv = 'Title,Folder,URL\n"Only, three",Archive,https://example.org/x\n';
    expect(parse(csv).items).toEqual([
      expect.objectContaining({ url: 'https://example.org/x', title: 'Only, three', state: 'archived', addedAt: NOW }),
    ]);
  });
});

describe('Omnivore', () => {
  it('reads the ZIP of metadata_*.json: labels, state, savedAt, reading progress', () => {
    const result = parse(zipFixture('omnivore-zip', 'export/'), 'omnivore.zip');
    expect(result.format).toBe('omnivore-zip');
    expect(result.items).toEqual([
      {
        url: 'https://www.liberation.fr/politique/premier/',
        title: 'Omnivore first — « guillemets »',
        tags: ['politique', 'long read'],
        state: 'unread',
        favourite: false,
        addedAt: Date.UTC(2025, 2, 1, 10),
        progress: 0.42,
      },
      {
        url: 'https://example.org/omni-archived',
        title: 'Archived in Omnivore',
        tags: [],
        state: 'archived',
        favourite: false,
        addedAt: Date.UTC(2025, 1, 1, 8, 30),
        progress: 1,
      },
      {
        url: 'https://example.org/omni-second',
        title: 'Second file',
        tags: ['science'],
        state: 'unread',
        favourite: false,
        addedAt: Date.UTC(2025, 0, 5),
      },
    ]);
    expect(result.rejected).toEqual([
      { line: 3, reason: 'not an object', file: 'export/metadata_0_to_2.json' },
      { line: 4, reason: 'no URL', file: 'export/metadata_0_to_2.json' },
    ]);
  });

  it('reads one metadata file on its own, and reports a damaged one in a ZIP without stopping', () => {
    expect(parse(fixture('omnivore-zip/metadata_3_to_3.json')).format).toBe('omnivore-json');
    const zip = zipSync({
      'metadata_0_to_0.json': strToU8('[{"url": "https://example.org/a", "savedAt": "2025'),
      'metadata_1_to_1.json': fixture('omnivore-zip/metadata_3_to_3.json'),
    });
    const result = parse(zip);
    expect(result.items.map((i) => i.url)).toEqual(['https://example.org/omni-second']);
    expect(result.rejected).toEqual([
      { line: 1, reason: expect.stringMatching(/^not valid JSON/) as unknown, file: 'metadata_0_to_0.json' },
    ]);
  });
});

describe('wallabag', () => {
  it('reads archived, starred, tags (strings or objects), created_at with its offset', () => {
    const result = parse(fixture('wallabag.json'), 'wallabag.json');
    expect(result.format).toBe('wallabag-json');
    expect(result.items).toEqual([
      {
        url: 'https://example.org/wallabag-1',
        title: 'wallabag archived, with "quotes"',
        tags: ['tech', 'ai'],
        state: 'archived',
        favourite: false,
        addedAt: Date.UTC(2025, 2, 5, 9),
      },
      {
        url: 'https://example.org/creme',
        title: 'Crème brûlée',
        tags: ['cuisine'],
        state: 'unread',
        favourite: true,
        addedAt: Date.UTC(2025, 2, 6, 9),
      },
    ]);
    expect(result.rejected).toEqual([
      { line: 3, reason: 'no URL' },
      { line: 4, reason: 'not an object' },
    ]);
  });
});

describe('Netscape bookmarks', () => {
  it('reads links with dates and tags, entities, an "Archive" folder as archived, unclosed tags', () => {
    const result = parse(fixture('bookmarks.html.txt'), 'bookmarks.html');
    expect(result.format).toBe('netscape-html');
    expect(result.items).toEqual([
      {
        url: 'https://www.francetvinfo.fr/politique/article.html',
        title: "franceinfo : l'article — « direct »",
        tags: ['politique', 'france'],
        state: 'unread',
        favourite: false,
        addedAt: 1741600000000,
      },
      {
        url: 'https://example.org/micro',
        title: 'Chrome microseconds',
        tags: [],
        state: 'unread',
        favourite: false,
        addedAt: 1741600000123,
      },
      {
        url: 'https://example.org/bm-archived',
        title: 'Archived bookmark, with bold',
        tags: [],
        state: 'archived',
        favourite: false,
        addedAt: 1741600500000,
      },
      {
        url: 'https://example.org/bm-root',
        title: 'Root, no date',
        tags: [],
        state: 'unread',
        favourite: false,
        addedAt: NOW,
      },
    ]);
    expect(result.rejected).toEqual([{ line: 13, reason: 'not a web address: place:sort=8&maxResults=10' }]);
  });
});

describe('Clear Reader JSON', () => {
  it('reads every field back, skips deleted items and entries that are not objects, merges duplicates', () => {
    const result = parse(fixture('clear-reader.json'), 'clear-reader.json');
    expect(result.format).toBe('clear-reader-json');
    expect(result.items).toEqual([
      {
        url: 'https://www.lemonde.fr/idees/article/2025/03/12/tribune_6200002_3232.html',
        title: 'Tribune : « le temps long »',
        tags: ['idées', 'à lire'],
        state: 'archived',
        favourite: true,
        addedAt: 1741770000000,
        progress: 0.6,
        site: 'Le Monde',
        lang: 'fr',
        excerpt: 'Un chapeau, avec une espace fine insécable ; ici.',
      },
      // Listed twice (once with a tracking parameter): the title it has, the earlier date, the tags and progress.
      {
        url: 'https://example.org/minimal',
        title: 'Minimal, titled the second time',
        tags: ['extra'],
        state: 'unread',
        favourite: false,
        addedAt: Date.UTC(2025, 2, 1, 10),
        progress: 0.2,
        site: null,
      },
    ]);
    expect(result.rejected).toEqual([
      { line: 2, reason: 'a deleted item' },
      { line: 3, reason: 'not an object' },
    ]);
  });
});

describe('detection', () => {
  it('says so clearly for a file in no known format', () => {
    expect(() => parse('just some text')).toThrow(ImportFormatError);
    expect(() => parse('a,b\n1,2\n')).toThrow(/no format we can import/);
    expect(() => parse('{"some": "object"}')).toThrow(/no format we can import/);
    expect(() => parse('[{"oops"')).toThrow(/JSON file cannot be read/);
    expect(() => parse(zipSync({ 'notes.txt': strToU8('hi') }))).toThrow(/neither a Pocket export/);
    expect(() => parse(new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]))).toThrow(/ZIP file cannot be read/);
  });

  it('prefers a signature in the content to a file name, and the first format listed among equals', () => {
    const bookmarks = '<!DOCTYPE NETSCAPE-Bookmark-file-1><DL><DT><A HREF="https://example.org/b">B</A></DL>';
    expect(parse(bookmarks, 'ril_export.html').format).toBe('netscape-html');
    expect(parse('<title>Pocket Export</title><a href="https://example.org/c">C</a>').format).toBe('pocket-html');
    expect(parse('[{"is_archived": 1, "savedAt": "2025-01-01", "url": "https://example.org/m"}]').format).toBe(
      'wallabag-json',
    );
  });

  it('reads a string as well as bytes', () => {
    expect(parse('\ufeffurl,title\nhttps://example.org/s,S\n').items).toHaveLength(1);
  });
});
