// Highlights in IndexedDB (fake-indexeddb, WXT's fake browser): made, changed, deleted and brought back, kept
// apart per item, merged with another device's records, an older database upgraded without losing its copies,
// a row this version cannot read left alone, and a full storage said as such.
import { IDBFactory } from 'fake-indexeddb';
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  changeHighlight,
  createHighlightRecord,
  toHighlight,
  type HighlightAnchor,
  type SavedItem,
} from '../../../core/reading-list/index.ts';
import { errorReason as reasonOf } from '../../../core/util/index.ts';

const anchor = (exact: string, start = 0): HighlightAnchor => ({
  quote: { exact, prefix: 'Before ', suffix: ' after.' },
  position: { start, end: start + exact.length },
});

async function fresh() {
  vi.resetModules();
  const { fakeBrowser } = await import('wxt/testing/fake-browser');
  fakeBrowser.reset();
  return {
    store: await import('../../../platform/highlight-store.ts'),
    offline: await import('../../../platform/offline-store.ts'),
  };
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  vi.restoreAllMocks();
});

describe('highlights in IndexedDB', () => {
  it('stores a highlight, changes it, deletes it and brings it back; lists by item', async () => {
    const { store } = await fresh();
    const made = await store.addHighlight({ item: 'item1', anchor: anchor('the budget'), color: 'green' });
    await store.addHighlight({ item: 'item2', anchor: anchor('another one') });
    expect((await store.highlightRecords()).records).toHaveLength(2);
    const [only] = (await store.highlightRecords('item1')).records;
    expect(toHighlight(only!)).toMatchObject({ id: made.id, color: 'green', note: '', quote: { exact: 'the budget' } });

    await store.changeStoredHighlight(made.id, { field: 'note', value: '  Check the figures  ' });
    await store.changeStoredHighlight(made.id, { field: 'color', value: 'pink' });
    let now = (await store.highlightRecords('item1')).records[0]!;
    expect(toHighlight(now)).toMatchObject({ note: 'Check the figures', color: 'pink', deleted: false });

    await store.changeStoredHighlight(made.id, { field: 'deleted', value: true });
    now = (await store.highlightRecords('item1')).records[0]!;
    expect(toHighlight(now)?.deleted).toBe(true); // a tombstone, with its quote and note, for undo
    expect(toHighlight(now)?.note).toBe('Check the figures');
    await store.changeStoredHighlight(made.id, { field: 'deleted', value: false });
    now = (await store.highlightRecords('item1')).records[0]!;
    expect(toHighlight(now)).toMatchObject({ deleted: false, note: 'Check the figures', color: 'pink' });
    await expect(store.changeStoredHighlight('nosuchid0', { field: 'note', value: 'x' })).rejects.toMatchObject({
      kind: 'missing',
    });
  });

  it('merges records from another device field by field (the shape a WebDAV device file brings)', async () => {
    const { store } = await fresh();
    const mine = await store.addHighlight({ item: 'item1', anchor: anchor('shared words') });
    // The other device wrote a note later than our colour.
    const theirs = changeHighlight(mine, { field: 'note', value: 'from the laptop' }, mine.created + 50, 'zzzzzz');
    expect(await store.mergeIntoStore([theirs, theirs])).toBe(1);
    const other = createHighlightRecord({ item: 'item3', anchor: anchor('only there') }, 1_700_000_000, 'zzzzzz');
    expect(await store.mergeIntoStore([other])).toBe(1);
    const { records } = await store.highlightRecords();
    expect(records.map((r) => toHighlight(r)?.note).sort()).toEqual(['', 'from the laptop']);
  });

  it('absorbs a sync in one transaction: changed ids returned, unreadable rows left alone, open pages told', async () => {
    const { store, offline } = await fresh();
    const storage = await import('../../../platform/storage.ts');
    const heard: string[][] = [];
    const unwatch = storage.watchArrivedHighlights((items) => heard.push(items));
    const mine = await store.addHighlight({ item: 'item1', anchor: anchor('shared words') });
    const db = await offline.openReaderDb();
    await db.put('highlights', { id: 'strange1', item: 'item1', created: 'yesterday' } as never);
    const later = changeHighlight(mine, { field: 'note', value: 'from the laptop' }, mine.created + 50, 'zzzzzz');
    const earlier = changeHighlight(mine, { field: 'note', value: 'older' }, mine.created + 10, 'yyyyyy');
    const other = createHighlightRecord({ item: 'item3', anchor: anchor('only there') }, 1_700_000_000, 'zzzzzz');
    const strange = createHighlightRecord({ id: 'strange1', item: 'item1', anchor: anchor('x') }, 1_700_000_000, 'z');
    // Two copies of one highlight (two devices' files) merge before they are stored.
    expect((await store.absorbHighlights([earlier, later, other, strange])).sort()).toEqual([mine.id, other.id].sort());
    expect(await db.get('highlights', 'strange1')).toMatchObject({ created: 'yesterday' });
    expect(toHighlight((await store.highlightRecords('item1')).records[0]!)?.note).toBe('from the laptop');
    await vi.waitFor(() => expect(heard).toEqual([['item1', 'item3']]));
    // Nothing new: nothing written, nobody told.
    expect(await store.absorbHighlights([later, other])).toEqual([]);
    expect(await store.absorbHighlights([])).toEqual([]);
    expect(heard).toHaveLength(1);
    unwatch();
  });

  it('upgrades a database of the first version: its offline copies stay', async () => {
    const { openDB } = await import('idb');
    const old = await openDB('clear-reader', 1, {
      upgrade(db) {
        db.createObjectStore('articles', { keyPath: 'id' });
        db.createObjectStore('searchText', { keyPath: 'id' });
      },
    });
    await old.put('articles', { id: 'a1', savedAt: 1, article: { title: 'T', contentHtml: '<p>x</p>', url: 'u' } });
    old.close();
    const { store, offline } = await fresh();
    await store.addHighlight({ item: 'a1', anchor: anchor('x') });
    expect((await offline.getOfflineArticle('a1'))?.article.title).toBe('T');
    expect((await store.highlightRecords('a1')).records).toHaveLength(1);
  });

  it('leaves a row it cannot read where it is, and never writes over it', async () => {
    const { store, offline } = await fresh();
    const made = await store.addHighlight({ item: 'item1', anchor: anchor('kept') });
    const db = await offline.openReaderDb();
    await db.put('highlights', { id: 'strange1', item: 'item1', created: 'yesterday' } as never);
    const read = await store.highlightRecords('item1');
    expect(read.records.map((r) => r.id)).toEqual([made.id]);
    expect(read.unreadable).toBe(1);
    await expect(store.changeStoredHighlight('strange1', { field: 'note', value: 'x' })).rejects.toThrow();
    expect(await db.get('highlights', 'strange1')).toMatchObject({ created: 'yesterday' });
  });

  it('says plainly when the storage is full', async () => {
    const { store } = await fresh();
    await store.addHighlight({ item: 'item1', anchor: anchor('first') }); // the database exists
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const failure = await store.addHighlight({ item: 'item1', anchor: anchor('second') }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ kind: 'quota' });
    expect(reasonOf(failure)).toBe('quota');
  });
  it('deletes the highlights of an item deleted for good, keeps those an undo may bring back', async () => {
    const { store, offline } = await fresh();
    const now = Date.now();
    const kept = await store.addHighlight({ item: 'recent1', anchor: anchor('undo may come') });
    await store.addHighlight({ item: 'gone1', anchor: anchor('first') });
    const tomb = await store.addHighlight({ item: 'gone1', anchor: anchor('second') });
    await store.changeStoredHighlight(tomb.id, { field: 'deleted', value: true });
    await store.addHighlight({ item: 'unknown1', anchor: anchor('not arrived') });
    const db = await offline.openReaderDb();
    await db.put('highlights', { id: 'strange1', item: 'gone1', created: 'yesterday' } as never);
    const items: Record<string, SavedItem> = {
      recent1: { id: 'recent1', deleted: true, updatedAt: now - 3_600_000 } as SavedItem,
      gone1: { id: 'gone1', deleted: true, updatedAt: now - 2 * 86_400_000 } as SavedItem,
    };
    expect(await store.pruneHighlights((id) => items[id] ?? null, now)).toEqual(['gone1']);
    expect((await store.highlightRecords('gone1')).records).toEqual([]); // tombstones too
    expect((await store.highlightRecords('gone1')).unreadable).toBe(1); // a row it cannot read stays
    expect((await store.highlightRecords('recent1')).records.map((r) => r.id)).toEqual([kept.id]);
    expect((await store.highlightRecords('unknown1')).records).toHaveLength(1);
    // Forgotten by the list (its tombstone collected): deleted at once.
    expect(await store.deleteHighlightsOf('recent1')).toBe(1);
    expect((await store.highlightRecords()).records.map((r) => r.item)).toEqual(['unknown1']);
  });
});
