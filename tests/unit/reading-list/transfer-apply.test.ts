// Applying an import to the reading list through its public API, and how long 10,000 items take.
import { describe, expect, it } from 'vitest';
import { createMemoryLocalStore, createMemorySyncArea, createReadingList } from '../../../core/reading-list/index.ts';
import { importInto, type ImportProgress, type ImportedItem } from '../../../core/reading-list/index.ts';

const never = { set: () => 0, clear: () => undefined };

async function setup() {
  const now = Date.UTC(2025, 5, 1);
  const list = createReadingList({
    deviceId: 'laptop',
    local: createMemoryLocalStore(),
    sync: createMemorySyncArea({ now: () => now }),
    now: () => now,
    timers: never,
    compress: false,
  });
  await list.load();
  return list;
}

function imported(n: number, extra: Partial<ImportedItem> = {}): ImportedItem {
  return {
    url: `https://www.example.org/2025/03/${n}/article-${n}.html`,
    title: `Article ${n}`,
    tags: [],
    state: 'unread',
    favourite: false,
    addedAt: Date.UTC(2025, 2, 1),
    ...extra,
  };
}

describe('importInto', () => {
  it('saves new items with their state, favourite, tags and progress', async () => {
    const list = await setup();
    const summary = await importInto(list, [
      imported(1, { state: 'archived', favourite: true, tags: ['politique', 'long read'], progress: 0.5 }),
      imported(2, { site: 'Example', lang: 'fr', excerpt: 'Le début.' }),
    ]);
    expect(summary).toEqual({ added: 2, updated: 0, unchanged: 0, failed: [], highlights: 0 });
    const [a, b] = [
      list.items().find((i) => i.title === 'Article 1')!,
      list.items().find((i) => i.title === 'Article 2')!,
    ];
    expect(a).toMatchObject({ state: 'archived', favourite: true, tags: ['long read', 'politique'], progress: 0.5 });
    expect(b).toMatchObject({ state: 'unread', favourite: false, tags: [], site: 'Example', lang: 'fr' });
    expect(b.excerpt).toBe('Le début.');
  });

  it('adds to items already in the list, never takes anything away', async () => {
    const list = await setup();
    const saved = await list.save({ url: imported(1).url, title: 'Mine', site: null, lang: 'en', excerpt: '' });
    await list.change(saved.id, { field: 'tags', value: ['keep'] });
    await list.change(saved.id, { field: 'state', value: 'archived' });
    await list.change(saved.id, { field: 'progress', value: 0.8 });
    const summary = await importInto(list, [
      imported(1, { tags: ['new'], state: 'unread', progress: 0.2, favourite: true }),
      imported(1, { tags: ['keep'], state: 'unread' }),
    ]);
    expect(summary).toEqual({ added: 0, updated: 1, unchanged: 1, failed: [], highlights: 0 });
    expect(list.item(saved.id)).toMatchObject({
      title: 'Mine',
      tags: ['keep', 'new'],
      state: 'archived',
      favourite: true,
      progress: 0.8,
    });
  });

  it('dates a new item by when it was first saved elsewhere, and the list is ordered by it', async () => {
    const list = await setup(); // now is 2025-06-01
    const mine = await list.save({ url: imported(9).url, title: 'Mine', site: null, lang: 'en', excerpt: '' });
    await importInto(list, [
      imported(1, { addedAt: Date.UTC(2019, 0, 2) }),
      imported(2, { addedAt: Date.UTC(2023, 6, 14) }),
      imported(3, { addedAt: Date.UTC(2030, 0, 1) }), // a clock gone wrong: not in the future, dated now
      imported(9, { addedAt: Date.UTC(2018, 0, 1) }), // already here: keeps its own date
    ]);
    const dates = Object.fromEntries(list.items().map((i) => [i.title, new Date(i.addedAt).toISOString()]));
    expect(dates).toEqual({
      'Article 1': '2019-01-02T00:00:00.000Z',
      'Article 2': '2023-07-14T00:00:00.000Z',
      'Article 3': '2025-06-01T00:00:00.000Z',
      Mine: new Date(mine.addedAt).toISOString(),
    });
    // Newest first: the two dated now (in either order), then 2023, then 2019.
    expect(
      list
        .items()
        .map((i) => i.title)
        .slice(2),
    ).toEqual(['Article 2', 'Article 1']);
  });

  it('reports an item the list refuses and goes on', async () => {
    const list = await setup();
    const summary = await importInto(list, [imported(1, { url: '' }), imported(2)]);
    expect(summary.added).toBe(1);
    expect(summary.failed).toEqual([{ url: '', reason: expect.stringMatching(/no address/) as unknown }]);
  });

  it('hands each saved item with highlights to the highlight store, counts the new ones, reports a failure', async () => {
    const list = await setup();
    const highlight = { quote: 'q', note: '', color: 'yellow' as const, createdAt: 1 };
    const seen: string[] = [];
    const summary = await importInto(
      list,
      [
        imported(1, { highlights: [highlight, { ...highlight, quote: 'r' }] }),
        imported(2),
        imported(3, { url: '', highlights: [highlight] }),
        imported(4, { highlights: [highlight] }),
      ],
      undefined,
      (item) => {
        seen.push(item.url);
        if (item.url.includes('article-4')) return Promise.reject(new Error('the storage is full'));
        return Promise.resolve(item.highlights!.length);
      },
    );
    expect(seen).toEqual([imported(1).url, imported(4).url]); // not the item the list refused
    expect(summary).toMatchObject({ added: 3, highlights: 2 });
    expect(summary.failed).toEqual([
      { url: '', reason: expect.stringMatching(/no address/) as unknown },
      { url: imported(4).url, reason: 'highlights not stored: the storage is full' },
    ]);
  });

  it('imports 10,000 items in seconds, reporting progress', async () => {
    const list = await setup();
    const items = Array.from({ length: 10_000 }, (_, n) =>
      imported(n, {
        state: n % 2 ? 'archived' : 'unread',
        favourite: n % 13 === 0,
        tags: n % 8 === 0 ? ['imported', `t${n % 5}`] : [],
        progress: n % 3 ? 0.25 : undefined,
      }),
    );
    const reports: ImportProgress[] = [];
    const summary = await importInto(list, items, (p) => reports.push(p));
    expect(summary).toMatchObject({ added: 10_000, failed: [] });
    expect(list.items()).toHaveLength(10_000);
    expect(reports[0]).toEqual({ done: 0, total: 10_000 });
    expect(reports.at(-1)).toEqual({ done: 10_000, total: 10_000 });
    expect(reports.length).toBeGreaterThan(10);
  }, 60_000);
});
