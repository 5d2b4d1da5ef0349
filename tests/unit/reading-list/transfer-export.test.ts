// Exports: the JSON export read back by our importer (round trip), bookmarks escaped and read back, and the
// ZIP of offline copies with safe, unique file names, and the file each export kind makes.
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { htmlToMarkdown } from '../../../core/reader/index.ts';
import type { ImportedItem, OfflineCopySource, SavedItem, SiteRuleRecord } from '../../../core/reading-list/index.ts';
import {
  EXPORT_CSP,
  collectOfflineCopies,
  exportBookmarks,
  exportFile,
  exportJson,
  exportOfflineZip,
  changeHighlight,
  createHighlightRecord,
  parseImport,
  readHighlights,
  safeFileName,
  siteRulesOfExport,
} from '../../../core/reading-list/index.ts';

function saved(n: number, extra: Partial<SavedItem> = {}): SavedItem {
  return {
    id: `id${n}`,
    url: `https://example.org/articles/${n}?a=1&b=2`,
    title: `Article ${n}`,
    site: 'Example',
    lang: 'en',
    excerpt: `Excerpt ${n}.`,
    addedAt: Date.UTC(2025, 2, n),
    updatedAt: Date.UTC(2025, 3, n),
    state: 'unread',
    favourite: false,
    tags: [],
    progress: 0,
    deleted: false,
    localOnly: false,
    ...extra,
  };
}

const awkward: SavedItem[] = [
  saved(1, { title: 'Quotes "double" & \'single\' <tags>, commas', tags: ['a&b', 'politique'], favourite: true }),
  saved(2, { title: 'Ünïcödé 日本語 — l’été\nnew line?', state: 'archived', progress: 0.75, site: null }),
  saved(3, { deleted: true }),
  saved(4, { title: '', lang: 'fr', excerpt: '' }),
];

const asImported = (item: SavedItem): ImportedItem => ({
  url: item.url,
  title: item.title.replace(/\s+/g, ' ').trim() || item.url,
  tags: item.tags,
  state: item.state,
  favourite: item.favourite,
  addedAt: item.addedAt,
  progress: item.progress,
  site: item.site,
  lang: item.lang,
  excerpt: item.excerpt,
});

describe('JSON export', () => {
  it('is versioned, leaves deleted items out, and reads back as it was (round trip)', () => {
    const text = exportJson(awkward, Date.UTC(2026, 0, 1));
    const data = JSON.parse(text) as { format: string; version: number; exportedAt: string; items: SavedItem[] };
    expect(data).toMatchObject({ format: 'clear-reader', version: 1, exportedAt: '2026-01-01T00:00:00.000Z' });
    expect(data.items).toEqual([awkward[0], awkward[1], awkward[3]]);
    const back = parseImport(text, { fileName: 'clear-reader.json' });
    expect(back.format).toBe('clear-reader-json');
    expect(back.rejected).toEqual([]);
    expect(back.items).toEqual([awkward[0]!, awkward[1]!, awkward[3]!].map(asImported));
  });

  it('carries the highlights of the items it exports, in the stored form (tombstones too), readable back', () => {
    const anchor = {
      quote: { exact: 'a quote', prefix: 'before ', suffix: ' after' },
      position: { start: 7, end: 14 },
    };
    const kept = createHighlightRecord({ item: 'id1', anchor, note: 'my *note*' }, 1_700_000_000, 'dev001');
    const removed = changeHighlight(
      createHighlightRecord({ item: 'id2', anchor }, 1_700_000_000, 'dev001'),
      { field: 'deleted', value: true },
      1_700_000_100,
      'dev001',
    );
    const ofDeletedItem = createHighlightRecord({ item: 'id3', anchor }, 1_700_000_000, 'dev001');
    const data = JSON.parse(exportJson(awkward, Date.UTC(2026, 0, 1), [kept, removed, ofDeletedItem])) as {
      highlights: unknown;
    };
    const back = readHighlights(data.highlights);
    expect(back.ok && back.records).toEqual([kept, removed]);
    // Without highlights the file is as before.
    expect(JSON.parse(exportJson(awkward, 0))).not.toHaveProperty('highlights');
    expect(parseImport(exportJson(awkward, 0, [kept])).items).toHaveLength(3);
  });

  it('carries the live site rules with their registers; readers before them still read the items', () => {
    const live: SiteRuleRecord = {
      rule: { id: 'site:x1', site: 'echo-des-dunes.example', created: '2026-12-02T22:53:48.453Z', selector: 'aside' },
      live: { value: true, t: 5, d: 'abc123' },
    };
    const gone: SiteRuleRecord = { rule: { ...live.rule, id: 'site:x2' }, live: { value: false, t: 6, d: 'abc123' } };
    const text = exportJson(awkward, 0, [], [live, gone]);
    expect(siteRulesOfExport(new TextEncoder().encode(text))).toEqual([live]);
    // The items read as before (the importer of every version reads `items` only).
    expect(parseImport(text).items).toHaveLength(3);
    // No rules: no field, the file as before; another format or a broken file has none.
    expect(JSON.parse(exportJson(awkward, 0, [], [gone]))).not.toHaveProperty('siteRules');
    expect(siteRulesOfExport(new TextEncoder().encode('{"format":"other","siteRules":[]}'))).toEqual([]);
    expect(siteRulesOfExport(new TextEncoder().encode('not json'))).toEqual([]);
  });

  it('refuses an export from a newer version rather than guessing', () => {
    const text = JSON.stringify({ format: 'clear-reader', version: 99, items: [] });
    expect(() => parseImport(text)).toThrow(/version 99/);
  });
});

describe('bookmarks export', () => {
  it('escapes titles, addresses and tags, and reads back with state, favourite, tags and dates', () => {
    const html = exportBookmarks(awkward);
    expect(html).toContain('&quot;double&quot; &amp; &#39;single&#39; &lt;tags&gt;');
    expect(html).toContain('HREF="https://example.org/articles/1?a=1&amp;b=2"');
    expect(html).toContain('TAGS="a&amp;b,politique"');
    expect(html).not.toContain('articles/3');
    const back = parseImport(html, { fileName: 'bookmarks.html' });
    expect(back.format).toBe('netscape-html');
    expect(back.rejected).toEqual([]);
    const expected = [awkward[0]!, awkward[3]!, awkward[1]!].map((item) => {
      const { progress: _p, site: _s, lang: _l, excerpt: _e, ...rest } = asImported(item);
      return rest;
    });
    expect(back.items).toEqual(expected);
  });
});

describe('offline copies ZIP', () => {
  const copies = [
    { id: 'a', title: 'Budget: vote/rejet? "oui" <non>', url: 'https://example.org/1', contentHtml: '<p>Un</p>' },
    { id: 'b', title: 'budget: VOTE/rejet? "oui" <non>', url: 'https://example.org/2', contentHtml: '<p>Deux</p>' },
    { id: 'c', title: '  ..CON.. ', url: 'https://example.org/3', contentHtml: '<p>Trois</p>' },
    { id: 'd', title: '', url: 'https://example.org/4?x=<y>', contentHtml: '<p>Quatre</p>' },
    { id: 'e', title: 'É'.repeat(200), url: 'https://example.org/5', contentHtml: '<p>Cinq</p>' },
  ];

  it('names files safely and uniquely, and writes a complete HTML page for each copy', () => {
    const files = unzipSync(exportOfflineZip(copies, { format: 'html', now: Date.UTC(2025, 0, 1) }));
    const names = Object.keys(files);
    expect(names).toEqual([
      'Budget vote rejet oui non.html',
      'budget VOTE rejet oui non (2).html',
      'CON_.html',
      'd.html',
      `${'É'.repeat(80)}.html`,
    ]);
    const page = strFromU8(files['d.html']!);
    expect(page).toContain('<title>https://example.org/4?x=&lt;y&gt;</title>');
    expect(page).toContain('<p>Quatre</p>');
    // Opened from disk, outside the extension's CSP: the file carries its own, with no way for a script to run.
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="${EXPORT_CSP}">`);
    expect(EXPORT_CSP).toMatch(/^default-src 'none';/);
    expect(EXPORT_CSP).not.toMatch(/script-src|unsafe-eval|object-src/);
    expect(strFromU8(files['Budget vote rejet oui non.html']!)).toContain(
      '<h1>Budget: vote/rejet? &quot;oui&quot; &lt;non&gt;</h1>',
    );
  });

  it('adds each article’s highlights as Markdown beside its file', () => {
    const anchor = { quote: { exact: 'the quoted *words*', prefix: '', suffix: '' }, position: { start: 3, end: 20 } };
    const marked = createHighlightRecord({ item: 'c1', anchor, note: 'why it matters' }, 1_700_000_000, 'dev001');
    const copies = [
      { id: 'c1', title: 'Marked', url: 'https://example.org/1', contentHtml: '<p>x</p>' },
      { id: 'c2', title: 'Plain', url: 'https://example.org/2', contentHtml: '<p>y</p>' },
    ];
    const files = unzipSync(
      exportOfflineZip(copies, { format: 'html', now: Date.UTC(2026, 0, 1), highlights: [marked] }),
    );
    expect(Object.keys(files).sort()).toEqual(['Marked - highlights.md', 'Marked.html', 'Plain.html']);
    expect(strFromU8(files['Marked - highlights.md']!)).toBe(
      '# Marked\n\n<https://example.org/1>\n\n> the quoted \\*words\\*\n\nwhy it matters\n',
    );
  });

  it('writes Markdown with the converter it is given', () => {
    const toMarkdown = (html: string) => html.replace(/<\/?p>/g, '');
    const files = unzipSync(exportOfflineZip(copies.slice(0, 1), { format: 'markdown', toMarkdown }));
    expect(Object.keys(files)).toEqual(['Budget vote rejet oui non.md']);
    expect(strFromU8(files['Budget vote rejet oui non.md']!)).toBe(
      '# Budget: vote/rejet? "oui" <non>\n\n<https://example.org/1>\n\nUn\n',
    );
    expect(() => exportOfflineZip(copies, { format: 'markdown' })).toThrow(/toMarkdown/);
  });

  it('writes Markdown with the converter the CLI uses (headings, links, lists kept)', () => {
    const article = {
      id: 'm',
      title: 'Le budget',
      url: 'https://example.org/budget',
      contentHtml:
        '<div><h2>Le vote</h2><p>Le texte <a href="https://example.org/loi">de la loi</a> passe.</p><ul><li>Un</li><li>Deux</li></ul></div>',
    };
    const files = unzipSync(exportOfflineZip([article], { format: 'markdown', toMarkdown: htmlToMarkdown }));
    expect(strFromU8(files['Le budget.md']!)).toBe(
      '# Le budget\n\n<https://example.org/budget>\n\n## Le vote\n\nLe texte [de la loi](https://example.org/loi) passe.\n\n-   Un\n-   Deux\n',
    );
  });

  it('makes safe names of anything', () => {
    expect(safeFileName('a\u0000b\tc/d\\e')).toBe('a b c d e');
    expect(safeFileName('...')).toBe('article');
    expect(safeFileName('nul')).toBe('nul_');
  });
});

describe('exportFile', () => {
  const NOW = Date.UTC(2026, 0, 2, 12);
  const items = [saved(1), saved(2, { title: 'No copy' }), saved(4, { title: 'Unreadable copy' })];
  /** Item 1 has a copy (with a script the sanitizer removes), item 2 none, item 4 one that cannot be read. */
  const source = (overrides: Partial<OfflineCopySource> = {}): OfflineCopySource => ({
    readCopy: (id) =>
      id === 'id1'
        ? Promise.resolve('<p>Un</p><script>alert(1)</script>')
        : id === 'id4'
          ? Promise.reject(new Error('this offline copy is damaged'))
          : Promise.resolve(undefined),
    sanitize: (html) => html.replace(/<script>.*?<\/script>/g, ''),
    loadMarkdown: () => Promise.reject(new Error('the converter is loaded for Markdown only')),
    ...overrides,
  });

  it('makes the JSON and bookmarks files of the list, named by the day', async () => {
    const json = await exportFile('json', items, source(), NOW);
    expect(json).toEqual({
      file: { name: 'clear-reader-2026-01-02.json', type: 'application/json', data: exportJson(items, NOW) },
      leftOut: 0,
    });
    const bookmarks = await exportFile('bookmarks', items, source(), NOW);
    expect(bookmarks.file).toEqual({
      name: 'clear-reader-2026-01-02.html',
      type: 'text/html',
      data: exportBookmarks(items),
    });
  });

  it('zips the sanitized copies there are, and counts the ones it could not read', async () => {
    const { file, leftOut } = await exportFile('zip', items, source(), NOW);
    expect(leftOut).toBe(1);
    expect(file).toMatchObject({ name: 'clear-reader-2026-01-02.zip', type: 'application/zip' });
    const files = unzipSync(file.data as Uint8Array);
    expect(Object.keys(files)).toEqual(['Article 1.html']);
    expect(strFromU8(files['Article 1.html']!)).toContain('<p>Un</p>\n</body>');
    expect(strFromU8(files['Article 1.html']!)).not.toContain('alert');
  });

  it('loads the Markdown converter for a Markdown export', async () => {
    const toMarkdown = (html: string) => html.replace(/<\/?p>/g, '');
    const { file } = await exportFile(
      'zip-markdown',
      items,
      source({ loadMarkdown: () => Promise.resolve(toMarkdown) }),
    );
    const files = unzipSync(file.data as Uint8Array);
    expect(strFromU8(files['Article 1.md']!)).toBe('# Article 1\n\n<https://example.org/articles/1?a=1&b=2>\n\nUn\n');
  });

  it('fails with the reason when no copy there is can be read', async () => {
    await expect(collectOfflineCopies([items[2]!], source())).rejects.toThrow('this offline copy is damaged');
    await expect(collectOfflineCopies([items[1]!], source())).resolves.toEqual({ copies: [], leftOut: 0 });
  });
});
