// Offline copies through the reader's WebDAV server (optional): one file per saved article,
// `<folder>/articles/<item id>.json`, sealed like the device files when a passphrase is set. A copy does not
// change once made, so there is nothing to merge: each device uploads the copies the server lacks, downloads
// those it lacks for items in its list, and deletes the files of items deleted from the list. A file that
// cannot be used is reported and skipped; nothing here ever touches the list itself.
import type { ReadingList } from '../reading-list.ts';
import type { Article } from '../../reader/index.ts';
import { errorMessage } from '../../util/index.ts';
import { WebDavError, type WebDavClient } from './client.ts';
import { openEnvelope, sealEnvelope, type KeyCache, type SyncProblem } from './file.ts';

export const ARTICLE_FORMAT = 'clear-reader-article';
export const ARTICLE_FILE_VERSION = 1;
/** The sub-folder of the sync folder that holds the copies. */
export const ARTICLES_FOLDER = 'articles';
/** Files moved per sync (each way); the rest waits for the next sync, so one sync stays short. */
export const MAX_TRANSFERS = 40;
/** A copy larger than this is not uploaded (a whole book pasted in a page; the server may refuse it anyway). */
export const MAX_COPY_BYTES = 5_000_000;

/** An offline copy as a device keeps it (platform/offline-store.ts stores the same shape). */
export interface ArticleCopy {
  /** The reading list item's id. */
  id: string;
  savedAt: number;
  article: Omit<Article, 'removed'>;
  summary?: { text: string; paragraph: number }[];
}

/** Where this device keeps its copies. */
export interface ArticleCopyStore {
  ids(): Promise<Set<string>>;
  get(id: string): Promise<ArticleCopy | null>;
  put(copy: ArticleCopy): Promise<void>;
}

export interface ArticleSyncResult {
  uploaded: number;
  downloaded: number;
  /** Server files deleted because their item was deleted from the list. */
  removed: number;
  /** Transfers left for the next sync. */
  pending: number;
  problems: SyncProblem[];
}

const fileName = (id: string) => `${id}.json`;
const ID = /^[0-9a-z]{1,16}$/;

export function encodeArticleCopy(copy: ArticleCopy, keys?: KeyCache): Promise<string> {
  return sealEnvelope(ARTICLE_FORMAT, ARTICLE_FILE_VERSION, { copy }, keys);
}

type Reader = (value: unknown) => unknown;
const text: Reader = (v) => (typeof v === 'string' ? v : undefined);
const textOrNull: Reader = (v) => (v === null || v === undefined ? null : typeof v === 'string' ? v : undefined);
const count: Reader = (v) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined);
const ARTICLE_FIELDS: Record<keyof Omit<Article, 'removed' | 'publisherSummary'>, Reader> = {
  url: text,
  canonicalUrl: textOrNull,
  title: text,
  byline: textOrNull,
  siteName: textOrNull,
  lang: text,
  dir: (v) => (v === 'ltr' || v === 'rtl' || v === null || v === undefined ? (v ?? null) : undefined),
  publishedTime: textOrNull,
  lede: textOrNull,
  contentHtml: text,
  text,
  wordCount: count,
  readingTimeMinutes: count,
};

/**
 * A copy read from the server, rebuilt field by field (nothing else passes): another device, or whoever controls
 * the server, wrote it. Its HTML is still untrusted: the reader page sanitizes it before showing it, as always.
 */
export function validateArticleCopy(raw: unknown, id: string): ArticleCopy | null {
  const r = raw as Record<string, unknown> | null;
  if (typeof r !== 'object' || r === null || r.id !== id || !ID.test(id)) return null;
  const a = r.article as Record<string, unknown> | null;
  if (typeof a !== 'object' || a === null) return null;
  const article: Record<string, unknown> = {};
  for (const [field, read] of Object.entries(ARTICLE_FIELDS)) {
    const value = read(a[field]);
    if (value === undefined) return null;
    article[field] = value;
  }
  const points = a.publisherSummary;
  if (points === null || (Array.isArray(points) && points.every((p) => typeof p === 'string'))) {
    article.publisherSummary = points;
  }
  const copy: ArticleCopy = {
    id,
    savedAt: typeof r.savedAt === 'number' && Number.isFinite(r.savedAt) ? r.savedAt : 0,
    article: article as unknown as ArticleCopy['article'],
  };
  if (Array.isArray(r.summary)) {
    copy.summary = (r.summary as unknown[]).flatMap((s) => {
      const point = s as { text?: unknown; paragraph?: unknown } | null;
      return typeof point?.text === 'string' && Number.isSafeInteger(point.paragraph)
        ? [{ text: point.text, paragraph: point.paragraph as number }]
        : [];
    });
  }
  return copy;
}

/** Uploads, downloads and deletes copies; never throws (a server failure ends the pass, reported). */
export async function syncArticleCopies(
  list: ReadingList,
  client: WebDavClient,
  store: ArticleCopyStore,
  options: { keys?: KeyCache; maxTransfers?: number } = {},
): Promise<ArticleSyncResult> {
  const max = options.maxTransfers ?? MAX_TRANSFERS;
  const result: ArticleSyncResult = { uploaded: 0, downloaded: 0, removed: 0, pending: 0, problems: [] };
  const problem = (file: string, reason: string) =>
    result.problems.push({ file: `${ARTICLES_FOLDER}/${file}`, reason });
  try {
    await client.ensureFolder();
    const remote = new Set(
      (await client.listFiles()).flatMap((f) => (f.name.endsWith('.json') ? [f.name.slice(0, -5)] : [])),
    );
    const local = await store.ids();
    const live = new Set(list.items().map((item) => item.id));

    const deleted = [...remote].filter((id) => list.item(id)?.deleted);
    for (const id of deleted) {
      await client.remove(fileName(id));
      result.removed++;
    }
    const toUpload = [...local].filter((id) => live.has(id) && !remote.has(id));
    const toDownload = [...remote].filter((id) => live.has(id) && !local.has(id) && ID.test(id));
    result.pending = Math.max(0, toUpload.length - max) + Math.max(0, toDownload.length - max);

    for (const id of toUpload.slice(0, max)) {
      const copy = await store.get(id);
      if (!copy) continue;
      const body = await encodeArticleCopy(copy, options.keys);
      if (body.length > MAX_COPY_BYTES) {
        problem(fileName(id), 'too large to sync; it stays on this device');
        continue;
      }
      await client.put(fileName(id), body);
      result.uploaded++;
    }
    for (const id of toDownload.slice(0, max)) {
      const body = await client.get(fileName(id));
      if (body === null) continue; // deleted since the listing
      const opened = await openEnvelope(body, ARTICLE_FORMAT, ARTICLE_FILE_VERSION, options.keys);
      if (!opened.ok) {
        problem(fileName(id), opened.message);
        continue;
      }
      const copy = validateArticleCopy(opened.content.copy, id);
      if (!copy) {
        problem(fileName(id), 'not a usable offline copy; skipped');
        continue;
      }
      await store.put(copy);
      result.downloaded++;
    }
  } catch (error) {
    problem('', error instanceof WebDavError ? error.message : `offline copies not synced: ${errorMessage(error)}`);
  }
  return result;
}
