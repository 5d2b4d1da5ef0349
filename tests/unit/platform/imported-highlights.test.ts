// An import's highlights in IndexedDB (fake-indexeddb, WXT's fake browser): stored quote only, not added twice,
// never undoing what the reader changed or deleted here since; placed in the text of the offline copy once it
// is saved, those whose quote is not there left unplaced.
import { IDBFactory } from 'fake-indexeddb';
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createHighlightRecord,
  isUnplaced,
  itemId,
  toHighlight,
  type ImportedItem,
} from '../../../core/reading-list/index.ts';

async function fresh() {
  vi.resetModules();
  const { fakeBrowser } = await import('wxt/testing/fake-browser');
  fakeBrowser.reset();
  return import('../../../platform/highlight-store.ts');
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

const URL = 'https://example.org/slow-web';
const ITEM = itemId(URL);
const item: ImportedItem = {
  url: URL,
  title: 'The slow web',
  tags: [],
  state: 'unread',
  favourite: false,
  addedAt: Date.UTC(2024, 5, 1),
  highlights: [
    { quote: 'read, not skimmed', note: 'Yes.', color: 'green', createdAt: Date.UTC(2024, 5, 2) },
    { quote: 'a sentence the new text lost', note: '', color: 'yellow', createdAt: Date.UTC(2024, 5, 3) },
  ],
};
const TEXT = 'The slow web.\n\nPages that load in a blink are read, not skimmed. Then more text follows here.';

describe('imported highlights', () => {
  it('are stored quote only, dated from the other service, and counted once however often imported', async () => {
    const store = await fresh();
    expect(await store.storeImportedHighlights(item)).toBe(2);
    const { records } = await store.highlightRecords(ITEM);
    expect(records.map(toHighlight)).toEqual([
      expect.objectContaining({
        color: 'green',
        note: 'Yes.',
        quote: { exact: 'read, not skimmed', prefix: '', suffix: '' },
        position: null,
        createdAt: Date.UTC(2024, 5, 2),
      }),
      expect.objectContaining({ quote: expect.objectContaining({ exact: 'a sentence the new text lost' }) as unknown }),
    ]);
    expect(records.every((r) => isUnplaced(r.anchor?.value))).toBe(true);
    expect(await store.storeImportedHighlights(item)).toBe(0);
    expect((await store.highlightRecords()).records).toHaveLength(2);
  });

  it('never undo a colour, note or deletion made here since', async () => {
    const store = await fresh();
    await store.storeImportedHighlights(item);
    const [first, second] = (await store.highlightRecords(ITEM)).records;
    await store.changeStoredHighlight(first!.id, { field: 'color', value: 'pink' });
    await store.changeStoredHighlight(first!.id, { field: 'note', value: 'Changed here' });
    await store.changeStoredHighlight(second!.id, { field: 'deleted', value: true });
    expect(await store.storeImportedHighlights(item)).toBe(0);
    const after = new Map((await store.highlightRecords(ITEM)).records.map((r) => [r.id, toHighlight(r)!]));
    expect(after.get(first!.id)).toMatchObject({ color: 'pink', note: 'Changed here', deleted: false });
    expect(after.get(second!.id)?.deleted).toBe(true);
  });

  it('are placed in the offline copy’s text: context and position added, a quote not there left unplaced', async () => {
    const store = await fresh();
    await store.storeImportedHighlights(item);
    expect(await store.placeImportedHighlights(ITEM, TEXT)).toBe(1);
    const byQuote = new Map(
      (await store.highlightRecords(ITEM)).records.map((r) => [r.anchor!.value.quote.exact, r.anchor!.value]),
    );
    const start = TEXT.indexOf('read, not skimmed');
    expect(byQuote.get('read, not skimmed')).toEqual({
      quote: {
        exact: 'read, not skimmed',
        prefix: TEXT.slice(start - 32, start),
        suffix: TEXT.slice(start + 17, start + 49),
      },
      position: { start, end: start + 17 },
    });
    expect(isUnplaced(byQuote.get('a sentence the new text lost'))).toBe(true);
    // Placed once: saving the article again writes nothing.
    expect(await store.placeImportedHighlights(ITEM, TEXT)).toBe(0);
  });

  it('from our own export are merged as another device’s records, anchor and all', async () => {
    const store = await fresh();
    const anchor = { quote: { exact: 'read', prefix: 'are ', suffix: ', not' }, position: { start: 48, end: 52 } };
    const record = createHighlightRecord({ id: 'bbbbbbbb1', item: ITEM, anchor, note: 'n' }, 1_700_000_000, 'other');
    const mine = { ...item, highlights: undefined, highlightRecords: [record] };
    expect(await store.storeImportedHighlights(mine)).toBe(1);
    expect((await store.highlightRecords(ITEM)).records).toEqual([record]);
    expect(await store.storeImportedHighlights(mine)).toBe(0);
  });
});
