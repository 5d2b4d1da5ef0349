// Highlights and notes on this device, in IndexedDB next to the offline copies (the `highlights` store of the
// `clear-reader` database, platform/offline-store.ts). One row per highlight, in the codec's form (the same
// records as the per-device WebDAV files, core/reading-list/highlights/codec.ts): a sync merges them with
// mergeHighlights, field by field. Only the background writes here (one writer per device); pages ask it.
import {
  changeHighlight,
  createHighlightRecord,
  decodeHighlightRecord,
  deviceTag,
  encodeHighlightRecord,
  isUnplaced,
  itemsToForget,
  mergeHighlightRecords,
  newImportedHighlights,
  placeUnplaced,
  type ImportedItem,
  type HighlightChange,
  type HighlightRecord,
  type NewHighlight,
  type SavedItem,
} from '../core/reading-list/index.ts';
import { errorMessage } from '../core/util/index.ts';
import type { IDBPObjectStore } from 'idb';
import { handled, openReaderDb, storeError, type ReaderDb } from './offline-store.ts';
import { deviceId, highlightsArrivedItem } from './storage.ts';

/** A storage failure, worded so that errorReason (core/util/error-reason.ts) tells its kind. */
export class HighlightStoreError extends Error {
  constructor(
    readonly kind: 'quota' | 'unavailable' | 'missing',
    cause: unknown,
  ) {
    super(
      kind === 'quota'
        ? 'highlights could not be stored: the storage quota is exceeded'
        : kind === 'missing'
          ? 'no such highlight'
          : `highlights are unavailable: IndexedDB failed (${errorMessage(cause)})`,
      { cause },
    );
  }
}

function fail(error: unknown, transaction?: { error: unknown } | null): HighlightStoreError {
  if (error instanceof HighlightStoreError) return error;
  const reason = storeError(error, transaction);
  return new HighlightStoreError(reason.kind === 'quota' ? 'quota' : 'unavailable', error);
}

const nowS = () => Math.floor(Date.now() / 1000);
let tag: Promise<string> | null = null;
const device = () => (tag ??= deviceId().then(deviceTag));

/** Rows read back; a row this version cannot read is left where it is (counted, never deleted or overwritten). */
function decodeRows(rows: unknown[]): { records: HighlightRecord[]; unreadable: number } {
  const records: HighlightRecord[] = [];
  let unreadable = 0;
  for (const row of rows) {
    const decoded = decodeHighlightRecord(row);
    if (decoded.ok) records.push(decoded.record);
    else unreadable++;
  }
  return { records, unreadable };
}

/** Every stored highlight record (tombstones too), or those of one item. */
export async function highlightRecords(item?: string): Promise<{ records: HighlightRecord[]; unreadable: number }> {
  try {
    const database = await openReaderDb();
    const rows =
      item === undefined
        ? await database.getAll('highlights')
        : await database.getAllFromIndex('highlights', 'item', item);
    return decodeRows(rows);
  } catch (error) {
    throw fail(error);
  }
}

/** Runs `work` on the highlights' store in one read-write transaction; failures as HighlightStoreErrors. */
async function transact<T>(work: (store: HighlightsObjectStore) => Promise<T>): Promise<T> {
  let tx: { error: unknown } | null = null;
  try {
    const database = await openReaderDb();
    const writing = database.transaction('highlights', 'readwrite');
    tx = writing;
    const done = handled(writing.done);
    const result = await work(writing.objectStore('highlights'));
    await done;
    return result;
  } catch (error) {
    throw fail(error, tx);
  }
}
type HighlightsObjectStore = IDBPObjectStore<ReaderDb, ['highlights'], 'highlights', 'readwrite'>;

function write(
  id: string,
  update: (current: HighlightRecord | undefined) => HighlightRecord | undefined,
): Promise<HighlightRecord | undefined> {
  return transact(async (store) => {
    const row = await handled(store.get(id));
    let current: HighlightRecord | undefined;
    if (row !== undefined) {
      const decoded = decodeHighlightRecord(row);
      // A row this version cannot read is never overwritten: its data may be a newer version's.
      if (!decoded.ok)
        throw new HighlightStoreError('unavailable', new Error(`unreadable highlight row: ${decoded.reason}`));
      current = decoded.record;
    }
    const next = update(current);
    if (next && next !== current) await handled(store.put(encodeHighlightRecord(next)));
    return next;
  });
}

/** A new highlight made on this device; rejects with a HighlightStoreError (quota, unavailable). */
export async function addHighlight(input: NewHighlight): Promise<HighlightRecord> {
  const record = createHighlightRecord(input, nowS(), await device());
  await write(record.id, (current) => (current ? mergeHighlightRecords(current, record) : record));
  return record;
}

/** The reader's change to a highlight (colour, note, delete, undo), stored; the record as it is now. */
export async function changeStoredHighlight(id: string, change: HighlightChange): Promise<HighlightRecord> {
  const tagged = await device();
  const record = await write(id, (current) => {
    if (!current) throw new HighlightStoreError('missing', id);
    return changeHighlight(current, change, nowS(), tagged);
  });
  return record!;
}

/** Records from elsewhere (another device's file, an import) merged into the stored ones; how many changed. */
export async function mergeIntoStore(incoming: readonly HighlightRecord[]): Promise<number> {
  let changed = 0;
  for (const record of incoming) {
    await write(record.id, (current) => {
      const merged = current ? mergeHighlightRecords(current, record) : record;
      if (merged !== current) changed++;
      return merged;
    });
  }
  return changed;
}

/**
 * An imported item's highlights, stored unplaced (quote only) with registers written at the date each was made
 * in the other service: a highlight already here (imported before, then changed or deleted) keeps what it has.
 * Resolves to how many are new.
 */
export async function storeImportedHighlights(item: ImportedItem): Promise<number> {
  const tagged = await device();
  const records = newImportedHighlights(item).map((h) => createHighlightRecord(h, h.created, tagged));
  // Our own export's records merge as another device's would.
  return mergeIntoStore([...records, ...(item.highlightRecords ?? [])]);
}

/**
 * Places the item's unplaced highlights (an import's) in the text of its new offline copy: each whose quote is
 * found gets a complete anchor (placing.ts). Resolves to how many were placed.
 */
export async function placeImportedHighlights(item: string, text: string): Promise<number> {
  const { records } = await highlightRecords(item);
  const placed = placeUnplaced(records, text);
  if (placed.size === 0) return 0;
  const tagged = await device();
  for (const [id, anchor] of placed) {
    await write(id, (current) =>
      current && isUnplaced(current.anchor?.value)
        ? changeHighlight(current, { field: 'anchor', value: anchor }, nowS(), tagged)
        : current,
    );
  }
  return placed.size;
}

/** Deletes every highlight of `item` (its tombstones too): the item is gone for good. Rows not read are kept. */
export function deleteHighlightsOf(item: string): Promise<number> {
  return transact(async (store) => {
    let deleted = 0;
    for (const row of await handled(store.index('item').getAll(item))) {
      const decoded = decodeHighlightRecord(row);
      if (!decoded.ok) continue; // a newer version's row: not ours to judge
      await handled(store.delete(decoded.record.id));
      deleted++;
    }
    return deleted;
  });
}

/**
 * Housekeeping at the list's load: the highlights of items deleted for good (deletedForGood: past the undo's
 * day) go, as their offline copies do. Those of an item unknown to the list stay (it may not have arrived yet).
 */
export async function pruneHighlights(itemOf: (id: string) => SavedItem | null, now = Date.now()): Promise<string[]> {
  const { records } = await highlightRecords();
  const gone = itemsToForget(
    records.map((r) => r.item),
    itemOf,
    now,
  );
  for (const item of gone) await deleteHighlightsOf(item);
  return gone;
}

/**
 * Another device's records (a WebDAV sync) merged into the stored ones in one transaction; the ids that changed.
 * A row this version cannot read is left as it is (its record is skipped, not overwritten). Pages showing an
 * item whose highlights changed hear of it (watchArrivedHighlights).
 */
export async function absorbHighlights(incoming: readonly HighlightRecord[]): Promise<string[]> {
  if (!incoming.length) return [];
  const changed = await transact(async (store) => {
    const merges: HighlightRecord[] = [];
    // Several copies of one highlight (parts of two devices' files) merge here first: one read and write each.
    const byId = new Map<string, HighlightRecord>();
    for (const r of incoming) {
      const had = byId.get(r.id);
      byId.set(r.id, had ? mergeHighlightRecords(had, r) : r);
    }
    for (const record of byId.values()) {
      const row: unknown = await handled(store.get(record.id));
      let current: HighlightRecord | undefined;
      if (row !== undefined) {
        const decoded = decodeHighlightRecord(row);
        if (!decoded.ok) continue;
        current = decoded.record;
      }
      const merged = current ? mergeHighlightRecords(current, record) : record;
      if (merged === current) continue;
      await handled(store.put(encodeHighlightRecord(merged)));
      merges.push(merged);
    }
    return merges;
  });
  if (changed.length) {
    const items = [...new Set(changed.map((r) => r.item))];
    await highlightsArrivedItem.setValue({ at: Date.now(), items }).catch(() => undefined);
  }
  return changed.map((r) => r.id);
}
