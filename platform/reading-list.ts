// The reading list in the browser: the engine (core/saved/) over storage.local and storage.sync, owned by the
// background; the popup and the offline reader ask it through messages (platform/messaging.ts).
import { browser } from 'wxt/browser';
import type { Article } from '../core/index.ts';
import {
  createReadingList,
  type LocalBatch,
  type LocalSnapshot,
  type LocalStore,
  type NewItem,
  type ReadingList,
  type SyncArea,
} from '../core/saved/index.ts';
import { summarize } from '../core/summary/index.ts';
import { deleteOfflineArticle, offlineIds, putOfflineArticle } from './offline-store.ts';
import type { ListStatus, SaveResult } from './messaging.ts';
import { deviceIdItem } from './storage.ts';
import { errorMessage } from '../core/errors.ts';

// storage.local keys of the engine's local store: one per item (so a change writes one small key), plus the
// format version and the engine's bookkeeping.
const RECORD_PREFIX = 'rl-item:';
const VERSION_KEY = 'rl-version';
const STATE_KEY = 'rl-state';

export const localStore: LocalStore = {
  async load(): Promise<LocalSnapshot> {
    const all = await browser.storage.local.get(null);
    const records = Object.entries(all)
      .filter(([key]) => key.startsWith(RECORD_PREFIX))
      .map(([, value]) => value);
    const version = all[VERSION_KEY];
    return { version: typeof version === 'number' ? version : null, records, state: all[STATE_KEY] ?? null };
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

async function deviceId(): Promise<string> {
  const known = await deviceIdItem.getValue();
  if (known) return known;
  const id = crypto.randomUUID();
  await deviceIdItem.setValue(id);
  return id;
}

let list: Promise<ReadingList> | null = null;

/** The background's one reading list, loaded on first use (a woken service worker loads it again). */
export function readingList(): Promise<ReadingList> {
  list ??= (async () => {
    const created = createReadingList({ deviceId: await deviceId(), local: localStore, sync: syncArea });
    await created.load();
    void pruneOfflineCopies(created);
    return created;
  })().catch((error: unknown) => {
    list = null; // try again next time rather than stay broken
    throw error;
  });
  return list;
}

/** Deleted a day ago or more: the undo is long gone, so the offline copy goes too. */
const KEEP_DELETED_COPY_MS = 24 * 3600 * 1000;

async function pruneOfflineCopies(readingList: ReadingList): Promise<void> {
  try {
    for (const id of await offlineIds()) {
      const item = readingList.item(id);
      if (item?.deleted && Date.now() - item.updatedAt > KEEP_DELETED_COPY_MS) await deleteOfflineArticle(id);
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
      return { ok: true, item, warning: errorMessage(error) };
    }
    return { ok: true, item };
  } catch (error) {
    return { ok: false, error: errorMessage(error) };
  }
}

export function listStatus(readingList: ReadingList): ListStatus {
  const status = readingList.status();
  return { localOnlyCount: status.localOnlyCount, lastError: status.lastError };
}
