// Sync between browsers through the reader's own WebDAV server (core/reading-list/webdav/): run by the background, on a
// timer (alarms), soon after each local change, and on demand from the options page.
//
// One sync at a time, and never one stuck for good: each request has its deadline (the client's), and the whole
// sync has one too (SYNC_DEADLINE_MS). Past it the sync is abandoned: its requests are aborted, nothing it had not
// finished is taken into the list, its memo is dropped (the next sync reads everything afresh), the status says
// so, and the next sync starts at once instead of waiting on it.
import { browser } from 'wxt/browser';
import {
  addressProblem,
  ARTICLES_FOLDER,
  createWebDavClient,
  DEFAULT_TIMEOUT_MS,
  itemsToForget,
  nextSyncDelay,
  syncWithWebDav,
  type ArticleCopyStore,
  type HighlightSyncStore,
  type ConnectionResult,
  type SyncProblem,
  type WebDavProblem,
  type WebDavSyncResult,
} from '../core/reading-list/index.ts';
import { readingList } from './reading-list.ts';
import { hasOrigin } from './webdav-origin.ts';
import { getOfflineArticle, offlineIds, putOfflineArticle } from './offline-store.ts';
import { absorbListenPlaces, listenPlaces } from './listen-places.ts';
import { absorbSiteRuleRecords, siteRuleRecords } from './site-rule-store.ts';
import { absorbHighlights, highlightRecords } from './highlight-store.ts';
import { deviceIdItem, webDavMemoItem, webDavSettingsItem, webDavStatusItem } from './storage.ts';
import type { WebDavSettings } from '../contracts/webdav.ts';
import { errorMessage, runWithDeadline } from '../core/util/index.ts';

export const WEBDAV_ALARM = 'webdav-sync';
/** Regular sync while the browser runs; changes are pushed sooner (AFTER_CHANGE_MS). */
const PERIOD_MINUTES = 30;
const AFTER_CHANGE_MS = 15_000;
/** A whole sync (list and offline copies) is abandoned after this long. */
export const SYNC_DEADLINE_MS = 5 * 60_000;

/** This device's offline copies (IndexedDB), as the WebDAV sync sees them. */
const offlineCopies: ArticleCopyStore = {
  ids: offlineIds,
  get: getOfflineArticle,
  put: (copy) => putOfflineArticle(copy.id, { ...copy.article, removed: [] }, copy.summary, copy.savedAt),
};

/** This device's highlights and notes (IndexedDB; platform/highlight-store.ts is their one writer). */
const highlightStore: HighlightSyncStore = {
  records: async () => (await highlightRecords()).records,
  // Not those of items deleted for good here: their highlights were pruned (pruneHighlights), and another
  // device that has not pruned yet would bring them back at every sync.
  absorb: async (incoming) => {
    const list = await readingList();
    const gone = new Set(
      itemsToForget(
        incoming.map((r) => r.item),
        (id) => list.item(id),
        Date.now(),
      ),
    );
    return absorbHighlights(gone.size ? incoming.filter((r) => !gone.has(r.item)) : incoming);
  },
};

export interface WebDavSyncService {
  /** Tests a server (the origin permission must already be granted). */
  testConnection(settings: WebDavSettings): Promise<ConnectionResult>;
  /** One sync now (never two at once); the outcome goes to webDavStatusItem, never thrown. */
  syncNow(): Promise<void>;
  /** A local change: push it a little later (several changes, one sync). */
  syncSoon(): void;
}

export interface WebDavSyncTimes {
  /** One request's deadline (headers and body). */
  requestTimeoutMs?: number;
  /** The whole sync's. */
  deadlineMs?: number;
  afterChangeMs?: number;
}

export function createWebDavSyncService(times: WebDavSyncTimes = {}): WebDavSyncService {
  const requestTimeoutMs = times.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadlineMs = times.deadlineMs ?? SYNC_DEADLINE_MS;
  const afterChangeMs = times.afterChangeMs ?? AFTER_CHANGE_MS;

  async function syncOnce(settings: WebDavSettings, signal: AbortSignal): Promise<WebDavSyncResult> {
    const wrong = addressProblem(settings.baseUrl);
    if (wrong) return { ok: false, problem: wrong, problems: [] };
    if (!(await hasOrigin(settings.baseUrl))) return { ok: false, problem: { code: 'permission' }, problems: [] };
    const deviceId = (await deviceIdItem.getValue()) ?? '';
    const clientOptions = { timeoutMs: requestTimeoutMs, signal };
    return syncWithWebDav(await readingList(), createWebDavClient(settings, clientOptions), {
      deviceId,
      passphrase: settings.passphrase || undefined,
      memo: await webDavMemoItem.getValue(),
      signal,
      // The list's sync never fails for these: unreadable, they travel next time (merges only ever add).
      siteRules: {
        records: () => siteRuleRecords().catch(() => []),
        absorb: (records) => absorbSiteRuleRecords(records).catch(() => 0),
      },
      listenPlaces: {
        get: () => listenPlaces().catch(() => ({})),
        absorb: (places) => absorbListenPlaces(places).catch(() => 0),
      },
      highlights: highlightStore,
      articles: settings.syncArticles
        ? {
            client: createWebDavClient({ ...settings, folder: `${settings.folder}/${ARTICLES_FOLDER}` }, clientOptions),
            store: offlineCopies,
          }
        : undefined,
    });
  }

  async function recordFailure(problem: WebDavProblem, problems: SyncProblem[] | null): Promise<void> {
    const status = await webDavStatusItem.getValue();
    const failures = status.failures + 1;
    await webDavStatusItem.setValue({
      ...status,
      lastError: problem,
      failures,
      problems: problems ?? status.problems,
    });
    // Back off: the next try waits longer after each failure in a row, and at least what the server asked for
    // (429, 503 Retry-After); the regular alarm resumes after.
    const waitMs = Math.max(nextSyncDelay(failures), (problem.retryAfterSeconds ?? 0) * 1000);
    await browser.alarms.create(WEBDAV_ALARM, { delayInMinutes: waitMs / 60_000, periodInMinutes: PERIOD_MINUTES });
  }

  let running: Promise<void> | null = null;
  let soon: ReturnType<typeof setTimeout> | null = null;

  function syncNow(): Promise<void> {
    running ??= (async () => {
      const settings = await webDavSettingsItem.getValue();
      if (!settings.enabled || !settings.baseUrl) return;
      let outcome: Awaited<ReturnType<typeof runWithDeadline<WebDavSyncResult>>>;
      try {
        outcome = await runWithDeadline((signal) => syncOnce(settings, signal), deadlineMs);
      } catch (error) {
        return recordFailure({ code: 'failed', detail: errorMessage(error) }, null);
      }
      if (!outcome.done) {
        // Whatever the abandoned sync learned is not trusted: the next one reads everything again.
        await webDavMemoItem.setValue(null);
        return recordFailure({ code: 'abandoned', seconds: Math.round(deadlineMs / 1000) }, null);
      }
      const result = outcome.value;
      if (!result.ok) return recordFailure(result.problem, result.problems.length ? result.problems : null);
      await webDavMemoItem.setValue(result.memo);
      await webDavStatusItem.setValue({
        lastSyncAt: Date.now(),
        lastError: null,
        failures: 0,
        problems: result.problems,
      });
    })()
      .catch(() => undefined)
      .finally(() => {
        running = null;
      });
    return running;
  }

  return {
    async testConnection(settings) {
      const wrong = addressProblem(settings.baseUrl);
      if (wrong) return { ok: false, problem: wrong };
      if (!(await hasOrigin(settings.baseUrl))) return { ok: false, problem: { code: 'permission' } };
      return createWebDavClient(settings, { timeoutMs: requestTimeoutMs }).testConnection();
    },
    syncNow,
    syncSoon() {
      if (soon) clearTimeout(soon);
      soon = setTimeout(() => {
        soon = null;
        void syncNow();
      }, afterChangeMs);
    },
  };
}

const service = createWebDavSyncService();
export const testConnection = (settings: WebDavSettings) => service.testConnection(settings);
export const syncNow = () => service.syncNow();
export const syncSoon = () => service.syncSoon();

/** Keeps the regular alarm in step with the settings (on start and when they change). */
export async function scheduleWebDavSync(): Promise<void> {
  const settings = await webDavSettingsItem.getValue();
  if (settings.enabled && settings.baseUrl) {
    const existing = await browser.alarms.get(WEBDAV_ALARM);
    if (!existing) await browser.alarms.create(WEBDAV_ALARM, { delayInMinutes: 1, periodInMinutes: PERIOD_MINUTES });
  } else {
    await browser.alarms.clear(WEBDAV_ALARM);
  }
}
