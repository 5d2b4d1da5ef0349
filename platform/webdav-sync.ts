// Sync between browsers through the reader's own WebDAV server (core/reading-list/webdav/): run by the background, on a
// timer (alarms), soon after each local change, and on demand from the options page.
import { browser } from 'wxt/browser';
import {
  ARTICLES_FOLDER,
  createWebDavClient,
  nextSyncDelay,
  syncWithWebDav,
  type ArticleCopyStore,
  type ConnectionResult,
} from '../core/reading-list/index.ts';
import { readingList } from './reading-list.ts';
import { getOfflineArticle, offlineIds, putOfflineArticle } from './offline-store.ts';
import { deviceIdItem, webDavSettingsItem, webDavStatusItem } from './storage.ts';
import type { WebDavSettings } from '../contracts/webdav.ts';
import { errorMessage } from '../core/util/index.ts';

export const WEBDAV_ALARM = 'webdav-sync';
/** Regular sync while the browser runs; changes are pushed sooner (AFTER_CHANGE_MS). */
const PERIOD_MINUTES = 30;
const AFTER_CHANGE_MS = 15_000;

/**
 * The host permission pattern for a server address, requested at run time for that host only. Without its port:
 * Firefox's match patterns take none (and a pattern without one covers every port in both browsers).
 */
export function originPattern(baseUrl: string): string | null {
  try {
    const url = new URL(baseUrl);
    return /^https?:$/.test(url.protocol) ? `${url.protocol}//${url.hostname}/*` : null;
  } catch {
    return null;
  }
}

/**
 * Asks the reader for access to the server's origin. Call it in the click itself: browsers require the user's
 * gesture for a permission prompt.
 */
export function requestOrigin(origin: string): Promise<boolean> {
  return browser.permissions.request({ origins: [origin] });
}

async function hasOrigin(baseUrl: string): Promise<boolean> {
  const origin = originPattern(baseUrl);
  return !!origin && (await browser.permissions.contains({ origins: [origin] }));
}

export async function testConnection(settings: WebDavSettings): Promise<ConnectionResult> {
  if (!(await hasOrigin(settings.baseUrl))) {
    return { ok: false, kind: 'config', message: 'the extension may not contact this server yet (permission)' };
  }
  return createWebDavClient(settings).testConnection();
}

/** This device's offline copies (IndexedDB), as the WebDAV sync sees them. */
const offlineCopies: ArticleCopyStore = {
  ids: offlineIds,
  get: getOfflineArticle,
  put: (copy) => putOfflineArticle(copy.id, { ...copy.article, removed: [] }, copy.summary, copy.savedAt),
};

let running: Promise<void> | null = null;

/** One sync now (never two at once); the outcome goes to webDavStatusItem, never thrown. */
export function syncNow(): Promise<void> {
  running ??= (async () => {
    const settings = await webDavSettingsItem.getValue();
    if (!settings.enabled || !settings.baseUrl) return;
    const status = await webDavStatusItem.getValue();
    try {
      if (!(await hasOrigin(settings.baseUrl))) throw new Error('no permission for this server: open the options');
      const deviceId = (await deviceIdItem.getValue()) ?? '';
      const result = await syncWithWebDav(await readingList(), createWebDavClient(settings), {
        deviceId,
        passphrase: settings.passphrase || undefined,
        articles: settings.syncArticles
          ? {
              client: createWebDavClient({ ...settings, folder: `${settings.folder}/${ARTICLES_FOLDER}` }),
              store: offlineCopies,
            }
          : undefined,
      });
      const problems = result.problems.map((p) => `${p.file}: ${p.reason}`);
      if (!result.ok) throw Object.assign(new Error(result.message), { problems });
      await webDavStatusItem.setValue({ lastSyncAt: Date.now(), lastError: null, failures: 0, problems });
    } catch (error) {
      const failures = status.failures + 1;
      await webDavStatusItem.setValue({
        ...status,
        lastError: errorMessage(error),
        failures,
        problems: (error as { problems?: string[] }).problems ?? status.problems,
      });
      // Back off: the next try waits longer after each failure in a row (the regular alarm resumes after).
      await browser.alarms.create(WEBDAV_ALARM, {
        delayInMinutes: nextSyncDelay(failures) / 60_000,
        periodInMinutes: PERIOD_MINUTES,
      });
    }
  })().finally(() => {
    running = null;
  });
  return running;
}

let soon: ReturnType<typeof setTimeout> | null = null;

/** A local change: push it a little later (several changes, one sync). */
export function syncSoon(): void {
  if (soon) clearTimeout(soon);
  soon = setTimeout(() => {
    soon = null;
    void syncNow();
  }, AFTER_CHANGE_MS);
}

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
