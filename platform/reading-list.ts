// The reading list in the browser: the engine (core/reading-list/) over storage.local and storage.sync, owned by the
// background; the popup and the offline reader ask it through messages (platform/messaging.ts).
import { browser } from 'wxt/browser';
import type { Article } from '../core/reader/index.ts';
import {
  createReadingList,
  type KeptCopy,
  type KeptCopyInfo,
  type LocalBatch,
  type LocalSnapshot,
  type LocalStore,
  type NewItem,
  type ReadingList,
  type SyncArea,
} from '../core/reading-list/index.ts';
import { RULES_SYNC_BUDGET, RULES_SYNC_KEY, deletedForGood, withKeptCopy } from '../core/reading-list/index.ts';
import { summarize } from '../core/reader/index.ts';
import { OfflineStoreError, deleteOfflineArticle, offlineIds, putOfflineArticle } from './offline-store.ts';
import type { ListStatus, SaveResult } from '../contracts/messages.ts';
import { deviceId } from './storage.ts';
import { deleteHighlightsOf, pruneHighlights } from './highlight-store.ts';
import { errorMessage } from '../core/util/index.ts';

// storage.local keys of the engine's local store: one per item (so a change writes one small key), plus the
// format version and the engine's bookkeeping, and the copies of data it could not read (one key each).
const RECORD_PREFIX = 'rl-item:';
const VERSION_KEY = 'rl-version';
const STATE_KEY = 'rl-state';
export const KEPT_PREFIX = 'rl-kept:';

/** A kept copy as stored (anything else under KEPT_PREFIX is left alone and not counted). */
function keptInfo(value: unknown): KeptCopyInfo | null {
  const v = value as Partial<KeptCopy> | null;
  if (typeof v !== 'object' || v === null || typeof v.source !== 'string' || !Number.isFinite(v.at)) return null;
  const reason = v.reason === 'newer' ? 'newer' : 'corrupt';
  return { source: v.source, reason, at: v.at!, message: String(v.message ?? '') };
}

export const localStore: LocalStore = {
  async load(): Promise<LocalSnapshot> {
    const all = await browser.storage.local.get(null);
    const records = Object.entries(all)
      .filter(([key]) => key.startsWith(RECORD_PREFIX))
      .map(([, value]) => value);
    const kept = Object.entries(all)
      .filter(([key]) => key.startsWith(KEPT_PREFIX))
      .map(([, value]) => keptInfo(value))
      .filter((info) => info !== null);
    const stored: unknown = all[VERSION_KEY];
    // A version that is not a number is not "none": the engine keeps a copy before writing its own.
    const version = stored === undefined || stored === null ? null : typeof stored === 'number' ? stored : NaN;
    const snapshot: LocalSnapshot = { version, records, state: all[STATE_KEY] ?? null, kept };
    if (Number.isNaN(version)) snapshot.storedVersion = stored;
    return snapshot;
  },
  async keep(copy: KeptCopy): Promise<boolean> {
    const all = await browser.storage.local.get(null);
    const copies = Object.entries(all).flatMap(([key, value]) => {
      const info = key.startsWith(KEPT_PREFIX) ? keptInfo(value) : null;
      return info ? [{ ...info, key, value: (value as KeptCopy).value }] : [];
    });
    const key = `${KEPT_PREFIX}${copy.at.toString(36)}:${copy.source}`;
    const next = withKeptCopy(copies, { ...copy, key }, (a, b) => JSON.stringify(a.value) === JSON.stringify(b.value));
    if (!next) return false;
    await browser.storage.local.set({ [key]: copy });
    const dropped = copies.filter((c) => !next.includes(c)).map((c) => c.key);
    if (dropped.length) await browser.storage.local.remove(dropped);
    return true;
  },
  async write(batch: LocalBatch): Promise<void> {
    const items: Record<string, unknown> = { [VERSION_KEY]: batch.version };
    for (const record of batch.put) items[RECORD_PREFIX + record.id] = record;
    if (batch.state) items[STATE_KEY] = batch.state;
    await browser.storage.local.set(items);
    if (batch.remove.length) await browser.storage.local.remove(batch.remove.map((id) => RECORD_PREFIX + id));
  },
};

export const syncArea: SyncArea = {
  get: (keys) => browser.storage.sync.get(keys ?? null),
  set: (items) => browser.storage.sync.set(items),
  remove: (keys) => browser.storage.sync.remove(keys),
  onChanged(listener) {
    const onChanged = (changes: Record<string, { newValue?: unknown; oldValue?: unknown }>, area: string) => {
      if (area === 'sync') listener(changes);
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  },
};

let list: Promise<ReadingList> | null = null;

/** The background's one reading list, loaded on first use (a woken service worker loads it again). */
export function readingList(): Promise<ReadingList> {
  list ??= (async () => {
    const created = createReadingList({
      deviceId: await deviceId(),
      local: localStore,
      sync: syncArea,
      // Room kept for the site rules' key (platform/site-rule-store.ts), whether it exists yet or not.
      reservedKeys: { [RULES_SYNC_KEY]: RULES_SYNC_BUDGET },
      // Its tombstone collected: the item is gone for good, and its highlights with it.
      onForget: (id) => void deleteHighlightsOf(id).catch(() => undefined),
    });
    await created.load();
    void pruneOfflineCopies(created);
    void pruneHighlights((id) => created.item(id)).catch(() => undefined);
    return created;
  })().catch((error: unknown) => {
    list = null; // try again next time rather than stay broken
    throw error;
  });
  return list;
}

async function pruneOfflineCopies(readingList: ReadingList): Promise<void> {
  try {
    for (const id of await offlineIds()) {
      const item = readingList.item(id);
      // Deleted a day ago or more: the undo is long gone, so the offline copy goes too.
      if (deletedForGood(item, Date.now())) await deleteOfflineArticle(id);
    }
  } catch {
    // Pruning is housekeeping: a failure here costs disk space, never an article.
  }
}

export function toNewItem(article: Article): NewItem {
  return {
    url: article.url,
    canonicalUrl: article.canonicalUrl,
    title: article.title,
    site: article.siteName,
    lang: article.lang,
    excerpt: article.lede ?? article.text.slice(0, 400),
  };
}

/** Saves an extracted article: its list item (synced) and its offline copy with its summary (this device). */
export async function saveArticle(article: Article): Promise<SaveResult> {
  try {
    const item = await (await readingList()).save(toNewItem(article));
    try {
      await putOfflineArticle(item.id, article, summarize(article).sentences);
    } catch (error) {
      // The item is in the list (it syncs); only its offline copy is missing: say so.
      const copyFailure = error instanceof OfflineStoreError && error.kind === 'quota' ? 'quota' : 'unavailable';
      return { ok: true, item, warning: errorMessage(error), copyFailure };
    }
    return { ok: true, item };
  } catch (error) {
    return { ok: false, error: errorMessage(error) };
  }
}

export function listStatus(readingList: ReadingList): ListStatus {
  const status = readingList.status();
  return {
    localOnlyCount: status.localOnlyCount,
    lastError: status.lastError,
    localStoreError: status.localStoreError,
    newerKeys: status.newerKeys,
    damagedKeys: status.damagedKeys,
    unreadableLocal: status.unreadableLocal,
    localFromOtherVersion: status.localFromOtherVersion,
    keptCopies: status.keptCopies,
  };
}
