// Offline copies of saved articles, in IndexedDB (through `idb`): the clean HTML and metadata, so a saved article
// reads with no network. Bodies stay on this device; only the list's metadata syncs (core/reading-list/).
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Article } from '../core/reader/index.ts';
import { searchTokens } from '../core/reading-list/index.ts';
import { errorMessage } from '../core/util/index.ts';
import { withTimeout } from './with-timeout.ts';

export interface OfflineArticle {
  /** The reading list item's id. */
  id: string;
  savedAt: number;
  article: Omit<Article, 'removed'>;
  /** The on-device summary, made when the article was saved. */
  summary?: { text: string; paragraph: number }[];
}

export interface ReaderDb extends DBSchema {
  articles: { key: string; value: OfflineArticle };
  /** Normalized text per article, kept apart so that searching the list never loads whole articles. */
  searchText: { key: string; value: { id: string; text: string } };
  /**
   * Highlights and notes (platform/highlight-store.ts), one row per highlight in the codec's form
   * (core/reading-list/highlights/codec.ts), by id, indexed by item. Version 2 added it.
   */
  highlights: { key: string; value: { id: string; item: string }; indexes: { item: string } };
}

const DB_NAME = 'clear-reader';
const DB_VERSION = 2;
/** Enough words to find an article by what it says, small enough that 5,000 of them load at once. */
const SEARCH_TEXT_CHARS = 4_000;

/** An open that neither succeeds nor fails (a blocked upgrade, a wedged profile) must not leave a save hanging. */
const OPEN_TIMEOUT_MS = 10_000;

let db: Promise<IDBPDatabase<ReaderDb>> | null = null;

/** The database, opened once; a failure is not remembered (the next call tries again). */
export function openReaderDb(): Promise<IDBPDatabase<ReaderDb>> {
  db ??= (async () => {
    // Missing in some private windows and locked-down profiles; opening may also throw or fail there.
    if (typeof indexedDB === 'undefined') throw new Error('IndexedDB is not available here');
    return withTimeout(
      openDB<ReaderDb>(DB_NAME, DB_VERSION, {
        upgrade(database, oldVersion) {
          if (oldVersion < 1) {
            database.createObjectStore('articles', { keyPath: 'id' });
            database.createObjectStore('searchText', { keyPath: 'id' });
          }
          if (oldVersion < 2) database.createObjectStore('highlights', { keyPath: 'id' }).createIndex('item', 'item');
        },
        blocking(_current, _next, event) {
          // A newer version (an update of the extension) wants to upgrade: let it, open again next time.
          (event.target as IDBDatabase | null)?.close();
          db = null;
        },
        terminated() {
          db = null; // closed by the browser (storage cleared): open again next time
        },
      }),
      OPEN_TIMEOUT_MS,
      'IndexedDB did not open',
    );
  })().catch((error: unknown) => {
    db = null;
    throw error;
  });
  return db;
}

/**
 * The same promise, its rejection marked handled: when a later step of a transaction throws at once (an aborted
 * transaction, a value it cannot store), the steps already started must not become unhandled rejections.
 */
export function handled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/** A storage failure in the reader's terms; the original error is kept as the cause. */
export class OfflineStoreError extends Error {
  constructor(
    readonly kind: 'quota' | 'unavailable' | 'damaged',
    cause: unknown,
  ) {
    super(
      kind === 'quota'
        ? 'the browser has no room left for offline copies'
        : kind === 'damaged'
          ? 'this offline copy is damaged'
          : `offline copies are unavailable (${errorMessage(cause)})`,
      { cause },
    );
  }
}

/** A stored copy this version can show (another version, or damage, could have left anything there). */
function isReadableCopy(value: unknown): value is OfflineArticle {
  const v = value as Partial<OfflineArticle> | null;
  const a = v?.article as Partial<Article> | undefined;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof a === 'object' &&
    a !== null &&
    typeof a.title === 'string' &&
    typeof a.contentHtml === 'string' &&
    typeof a.url === 'string' &&
    (v.summary === undefined || Array.isArray(v.summary))
  );
}

function isQuotaError(error: unknown): boolean {
  const { name, message } = (error ?? {}) as { name?: unknown; message?: unknown };
  return name === 'QuotaExceededError' || (typeof message === 'string' && /quota/i.test(message));
}

/** `transaction`: an aborted transaction's own error says why (a quota error shows there, not on its requests). */
export function storeError(error: unknown, transaction?: { error: unknown } | null): OfflineStoreError {
  if (error instanceof OfflineStoreError) return error;
  const quota = isQuotaError(error) || isQuotaError(transaction?.error);
  return new OfflineStoreError(quota ? 'quota' : 'unavailable', error);
}

export async function putOfflineArticle(
  id: string,
  article: Article,
  summary: { text: string; paragraph: number }[] = [],
  savedAt = Date.now(),
): Promise<void> {
  let tx: { error: unknown } | null = null;
  try {
    const database = await openReaderDb();
    const { removed: _removed, ...kept } = article;
    const writing = database.transaction(['articles', 'searchText'], 'readwrite');
    tx = writing;
    const done = handled(writing.done);
    const body = handled(writing.objectStore('articles').put({ id, savedAt, article: kept, summary }));
    const text = searchTokens(article.text, SEARCH_TEXT_CHARS);
    await Promise.all([body, handled(writing.objectStore('searchText').put({ id, text })), done]);
  } catch (error) {
    throw storeError(error, tx);
  }
}

/** The copy, or null when there is none; rejects with an OfflineStoreError when it cannot be read. */
export async function getOfflineArticle(id: string): Promise<OfflineArticle | null> {
  let stored: unknown;
  try {
    stored = await (await openReaderDb()).get('articles', id);
  } catch (error) {
    throw storeError(error);
  }
  if (stored === undefined) return null;
  if (!isReadableCopy(stored)) throw new OfflineStoreError('damaged', stored);
  return stored;
}

export async function deleteOfflineArticle(id: string): Promise<void> {
  try {
    const database = await openReaderDb();
    const tx = database.transaction(['articles', 'searchText'], 'readwrite');
    const done = handled(tx.done);
    const body = handled(tx.objectStore('articles').delete(id));
    await Promise.all([body, handled(tx.objectStore('searchText').delete(id)), done]);
  } catch (error) {
    throw storeError(error);
  }
}

/** Every saved article's folded words (core/reading-list/search.ts), by id: for searching the list by what they say. */
export async function allSearchTexts(): Promise<Map<string, string>> {
  try {
    const rows = await (await openReaderDb()).getAll('searchText');
    return new Map(rows.map((row) => [row.id, row.text]));
  } catch (error) {
    throw storeError(error);
  }
}

/** Ids that have an offline copy on this device. */
export async function offlineIds(): Promise<Set<string>> {
  try {
    return new Set(await (await openReaderDb()).getAllKeys('articles'));
  } catch (error) {
    throw storeError(error);
  }
}

/** What a copy adds to its list item: reading time, publication date, the page's site name. */
export interface OfflineDetails {
  readingTimeMinutes: number;
  publishedTime: string | null;
  siteName: string | null;
}

/** The details of the copies of `ids` that this device has (the items on screen: one read transaction). */
export async function offlineDetails(ids: readonly string[]): Promise<Map<string, OfflineDetails>> {
  try {
    const tx = (await openReaderDb()).transaction('articles');
    const store = tx.objectStore('articles');
    const copies = await Promise.all(ids.map((id) => handled(store.get(id))));
    await tx.done;
    const details = new Map<string, OfflineDetails>();
    for (const copy of copies) {
      if (!isReadableCopy(copy)) continue;
      const { readingTimeMinutes, publishedTime, siteName } = copy.article;
      details.set(copy.id, {
        readingTimeMinutes: typeof readingTimeMinutes === 'number' ? readingTimeMinutes : 0,
        publishedTime: typeof publishedTime === 'string' ? publishedTime : null,
        siteName: typeof siteName === 'string' ? siteName : null,
      });
    }
    return details;
  } catch (error) {
    throw storeError(error);
  }
}
