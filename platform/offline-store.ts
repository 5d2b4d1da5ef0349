// Offline copies of saved articles, in IndexedDB (through `idb`): the clean HTML and metadata, so a saved article
// reads with no network. Bodies stay on this device; only the list's metadata syncs (core/saved/).
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Article } from '../core/index.ts';
import { searchTokens } from '../core/saved/search.ts';
import { errorMessage } from '../core/errors.ts';

export interface OfflineArticle {
  /** The reading list item's id. */
  id: string;
  savedAt: number;
  article: Omit<Article, 'removed'>;
  /** The on-device summary, made when the article was saved. */
  summary?: { text: string; paragraph: number }[];
}

interface ReaderDb extends DBSchema {
  articles: { key: string; value: OfflineArticle };
  /** Normalized text per article, kept apart so that searching the list never loads whole articles. */
  searchText: { key: string; value: { id: string; text: string } };
}

const DB_NAME = 'clear-reader';
const DB_VERSION = 1;
/** Enough words to find an article by what it says, small enough that 5,000 of them load at once. */
const SEARCH_TEXT_CHARS = 4_000;

let db: Promise<IDBPDatabase<ReaderDb>> | null = null;

function open(): Promise<IDBPDatabase<ReaderDb>> {
  db ??= openDB<ReaderDb>(DB_NAME, DB_VERSION, {
    upgrade(database) {
      database.createObjectStore('articles', { keyPath: 'id' });
      database.createObjectStore('searchText', { keyPath: 'id' });
    },
  });
  return db;
}

/** A storage failure in the reader's terms; the original error is kept as the cause. */
export class OfflineStoreError extends Error {
  constructor(
    readonly kind: 'quota' | 'unavailable',
    cause: unknown,
  ) {
    super(
      kind === 'quota'
        ? 'the browser has no room left for offline copies'
        : `offline copies are unavailable (${errorMessage(cause)})`,
      { cause },
    );
  }
}

function storeError(error: unknown): OfflineStoreError {
  const name = (error as { name?: string } | null)?.name;
  return new OfflineStoreError(name === 'QuotaExceededError' ? 'quota' : 'unavailable', error);
}

export async function putOfflineArticle(
  id: string,
  article: Article,
  summary: { text: string; paragraph: number }[] = [],
  savedAt = Date.now(),
): Promise<void> {
  try {
    const database = await open();
    const { removed: _removed, ...kept } = article;
    const tx = database.transaction(['articles', 'searchText'], 'readwrite');
    await Promise.all([
      tx.objectStore('articles').put({ id, savedAt, article: kept, summary }),
      tx.objectStore('searchText').put({ id, text: searchTokens(article.text, SEARCH_TEXT_CHARS) }),
      tx.done,
    ]);
  } catch (error) {
    throw storeError(error);
  }
}

export async function getOfflineArticle(id: string): Promise<OfflineArticle | null> {
  try {
    return (await (await open()).get('articles', id)) ?? null;
  } catch (error) {
    throw storeError(error);
  }
}

export async function deleteOfflineArticle(id: string): Promise<void> {
  try {
    const database = await open();
    const tx = database.transaction(['articles', 'searchText'], 'readwrite');
    await Promise.all([tx.objectStore('articles').delete(id), tx.objectStore('searchText').delete(id), tx.done]);
  } catch (error) {
    throw storeError(error);
  }
}

/** Every saved article's folded words (core/saved/search.ts), by id: for searching the list by what they say. */
export async function allSearchTexts(): Promise<Map<string, string>> {
  const rows = await (await open()).getAll('searchText');
  return new Map(rows.map((row) => [row.id, row.text]));
}

/** Ids that have an offline copy on this device. */
export async function offlineIds(): Promise<Set<string>> {
  return new Set(await (await open()).getAllKeys('articles'));
}
