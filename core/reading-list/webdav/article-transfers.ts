// Moving offline copies (articles.ts) between this device and the server, one copy at a time: a copy the server
// refuses (too large, forbidden, locked…), one that is damaged, or one whose request stalls past its deadline is
// reported for that article and skipped, and the others go on. Only what concerns the whole server (password,
// unreachable, asked to slow down, the sync's deadline) or three server failures in a row stop the pass; a full
// server stops the uploads and lets the downloads go on.
//
// The articles folder is listed only when something may have changed there: on the first sync, when another
// device's list file changed (it may have uploaded copies), when transfers were left over, and every RELIST_MS.
// Otherwise the memo's idea of the server is enough, and a sync with nothing new costs no request here.
import type { ReadingList } from '../reading-list.ts';
import type { WebDavClient } from './client.ts';
import { openEnvelope, type KeyCache } from './file.ts';
import {
  ARTICLE_FILE_VERSION,
  ARTICLE_FORMAT,
  ARTICLES_FOLDER,
  encodeArticleCopy,
  ID,
  MAX_COPY_BYTES,
  MAX_TRANSFERS,
  validateArticleCopy,
  type ArticleCopyStore,
} from './articles.ts';
import { entryVersion, type ArticlesMemo } from './memo.ts';
import { WebDavError, problemOf, type SyncProblem, type WebDavProblem, type WebDavProblemCode } from './problems.ts';

export interface ArticleSyncResult {
  uploaded: number;
  downloaded: number;
  /** Server files deleted because their item was deleted from the list. */
  removed: number;
  /** Transfers left for the next sync. */
  pending: number;
  problems: SyncProblem[];
  /** For the next sync (WebDavSyncMemo.articles). */
  memo: ArticlesMemo;
}

export interface ArticleSyncOptions {
  keys?: KeyCache;
  /** Files moved per sync, each way. Default MAX_TRANSFERS. */
  maxTransfers?: number;
  /** What the last pass knew. */
  memo?: ArticlesMemo;
  /** Whether the articles folder exists, when the list's own listing showed it; absent: the folder is listed. */
  folderExists?: boolean;
  /** Another device's list file changed since the last sync. */
  othersChanged?: boolean;
  /** The whole sync's deadline. */
  signal?: AbortSignal;
  now?: () => number;
  /** No transfer starts after this long (ms); the rest waits for the next sync. Default PASS_BUDGET_MS. */
  budgetMs?: number;
}

/** The articles folder is listed again at least this often (ms), in case a copy came without a list change. */
export const RELIST_MS = 6 * 3_600_000;
/** A copy the server refused as too large is offered again after this long (ms): its limit may have changed. */
export const REFUSED_RETRY_MS = 24 * 3_600_000;
export const PASS_BUDGET_MS = 120_000;
/** About the server, not one copy: the pass stops at once. */
const STOP_PASS: ReadonlySet<WebDavProblemCode> = new Set([
  'auth',
  'unreachable',
  'dns',
  'tls',
  'rate-limited',
  'redirect',
  'abandoned',
  'credentials-in-address',
  'bad-address',
]);
/** Server trouble: three in a row stop the pass (the server is struggling, not one copy). */
const TROUBLE: ReadonlySet<WebDavProblemCode> = new Set(['timeout', 'connection-broke', 'server-error', 'unavailable']);
const TROUBLE_IN_A_ROW = 3;

const fileName = (id: string) => `${id}.json`;
const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;

/** Uploads, downloads and deletes copies; never throws (what went wrong is in `problems`). */
export async function syncArticleCopies(
  list: ReadingList,
  client: WebDavClient,
  store: ArticleCopyStore,
  options: ArticleSyncOptions = {},
): Promise<ArticleSyncResult> {
  const now = options.now ?? Date.now;
  const started = now();
  const max = options.maxTransfers ?? MAX_TRANSFERS;
  const budget = options.budgetMs ?? PASS_BUDGET_MS;
  const previous = options.memo;
  const memo: ArticlesMemo = {
    remote: { ...previous?.remote },
    listedAt: previous?.listedAt ?? 0,
    pending: false,
    refused: {},
    unusable: {},
  };
  const result: ArticleSyncResult = { uploaded: 0, downloaded: 0, removed: 0, pending: 0, problems: [], memo };
  const report = (id: string, problem: WebDavProblem) => {
    const title = list.item(id)?.title;
    result.problems.push({ ...problem, file: `${ARTICLES_FOLDER}/${fileName(id)}`, ...(title ? { title } : {}) });
  };
  /** The pass ends here: said once, and the next sync lists the folder again. */
  const stop = (problem: WebDavProblem) => {
    result.problems.push({ ...problem, file: '' });
    memo.pending = true;
    return result;
  };
  const checkDeadline = () => {
    if (options.signal?.aborted) throw new WebDavError({ code: 'abandoned' });
  };
  const outOfTime = () => now() - started > budget;

  // Where the copies stand on the server.
  let exists = options.folderExists ?? true;
  const sizes = new Map<string, number | null>();
  const mustList =
    options.folderExists === undefined ||
    !previous ||
    options.othersChanged === true ||
    previous.pending ||
    started - previous.listedAt >= RELIST_MS;
  try {
    if (!exists) {
      memo.remote = {};
    } else if (mustList) {
      const listing = await client.listFolder();
      memo.remote = {};
      memo.listedAt = started;
      exists = listing !== null;
      for (const file of listing?.files ?? []) {
        const id = file.name.endsWith('.json') ? file.name.slice(0, -5) : '';
        if (!ID.test(id)) continue;
        memo.remote[id] = entryVersion(file, listing!.serverTime) ?? '';
        sizes.set(id, file.size);
      }
    }
  } catch (error) {
    return stop(problemOf(error));
  }

  let local: Set<string>;
  try {
    local = await store.ids();
  } catch (error) {
    return stop(problemOf(error));
  }
  const live = new Set(list.items().map((item) => item.id));
  let troubleInARow = 0;
  /** Reports a failed transfer; true when the pass must stop. */
  const failed = (id: string, error: unknown): WebDavProblem | null => {
    const problem = problemOf(error);
    if (STOP_PASS.has(problem.code)) return problem;
    report(id, problem);
    troubleInARow = TROUBLE.has(problem.code) ? troubleInARow + 1 : 0;
    return troubleInARow >= TROUBLE_IN_A_ROW ? { code: problem.code } : null;
  };

  for (const id of Object.keys(memo.remote)) {
    if (!list.item(id)?.deleted) continue;
    try {
      checkDeadline();
      await client.remove(fileName(id));
      delete memo.remote[id];
      result.removed++;
    } catch (error) {
      const fatal = failed(id, error);
      if (fatal) return stop(fatal);
    }
  }

  const toUpload = [...local].filter((id) => live.has(id) && !(id in memo.remote));
  const toDownload = Object.keys(memo.remote).filter((id) => live.has(id) && !local.has(id));

  let attempts = 0;
  let uploadsStopped = false;
  for (const id of toUpload) {
    const refused = previous?.refused[id];
    if (refused && started - refused.at < REFUSED_RETRY_MS) {
      memo.refused[id] = refused;
      report(id, { code: 'too-large', status: 413, bytes: refused.bytes });
      continue;
    }
    if (uploadsStopped || attempts >= max || outOfTime()) {
      result.pending++;
      continue;
    }
    attempts++;
    try {
      const copy = await store.get(id);
      if (!copy) continue;
      const body = await encodeArticleCopy(copy, options.keys);
      const bytes = utf8Bytes(body);
      if (bytes > MAX_COPY_BYTES) {
        report(id, { code: 'copy-too-large', bytes });
        continue;
      }
      checkDeadline();
      if (!exists) {
        await client.ensureFolder();
        exists = true;
      }
      await client.put(fileName(id), body);
      memo.remote[id] = '';
      result.uploaded++;
      troubleInARow = 0;
    } catch (error) {
      const problem = problemOf(error);
      if (problem.code === 'too-large') memo.refused[id] = { bytes: problem.bytes ?? 0, at: started };
      if (problem.code === 'full') uploadsStopped = true;
      const fatal = failed(id, error);
      if (fatal) return stop(fatal);
    }
  }

  attempts = 0;
  for (const id of toDownload) {
    const version = memo.remote[id] ?? '';
    const unusable = previous?.unusable[id];
    if (unusable && version !== '' && unusable.version === version) {
      memo.unusable[id] = unusable;
      report(id, unusable.problem);
      continue;
    }
    if (attempts >= max || outOfTime()) {
      result.pending++;
      continue;
    }
    attempts++;
    try {
      checkDeadline();
      const body = await client.get(fileName(id), sizes.get(id));
      if (body === null) {
        delete memo.remote[id]; // deleted since the listing
        continue;
      }
      const opened = await openEnvelope(body, ARTICLE_FORMAT, ARTICLE_FILE_VERSION, options.keys);
      const copy = opened.ok ? validateArticleCopy(opened.content.copy, id) : null;
      if (!copy) {
        const problem: WebDavProblem = opened.ok
          ? { code: 'unusable-copy' }
          : { code: opened.reason, ...(opened.detail ? { detail: opened.detail } : {}) };
        report(id, problem);
        if (version !== '') memo.unusable[id] = { version, problem };
        troubleInARow = 0;
        continue;
      }
      checkDeadline();
      await store.put(copy);
      result.downloaded++;
      troubleInARow = 0;
    } catch (error) {
      const fatal = failed(id, error);
      if (fatal) return stop(fatal);
    }
  }
  memo.pending = result.pending > 0;
  return result;
}
