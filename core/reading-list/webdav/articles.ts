// Offline copies through the reader's WebDAV server (optional): one file per saved article,
// `<folder>/articles/<item id>.json`, sealed like the device files when a passphrase is set. A copy does not
// change once made, so there is nothing to merge: each device uploads the copies the server lacks, downloads
// those it lacks for items in its list, and deletes the files of items deleted from the list
// (article-transfers.ts moves them). Nothing here ever touches the list itself.
import type { Article } from '../../reader/index.ts';
import { sealEnvelope, type KeyCache } from './file.ts';

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

export const ID = /^[0-9a-z]{1,16}$/;

export function encodeArticleCopy(copy: ArticleCopy, keys?: KeyCache): Promise<string> {
  return sealEnvelope(ARTICLE_FORMAT, ARTICLE_FILE_VERSION, { copy }, keys);
}

type Reader = (value: unknown) => unknown;
const text: Reader = (v) => (typeof v === 'string' ? v : undefined);
const textOrNull: Reader = (v) => (v === null || v === undefined ? null : typeof v === 'string' ? v : undefined);
const count: Reader = (v) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined);
const ARTICLE_FIELDS: Record<
  keyof Omit<Article, 'removed' | 'publisherSummary' | 'refusedRules' | 'provenance'>,
  Reader
> = {
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
