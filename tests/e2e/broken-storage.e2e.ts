// Storage that goes wrong, in real Chromium: sync and local storage hold values written by a newer version,
// truncated, of the wrong type, or garbage, and IndexedDB fails. The extension starts on them (a browser restart on
// the same profile), then the popup, its Reading list tab, the options page and the offline reader each show what
// they can with a clear message, no page throws, and every value it could not read is still there afterwards,
// unless a copy of it was kept in storage.local first.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, type Page, type Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium } from '../support/driver/index.ts';
import { encodeShard } from '../../core/reading-list/sync-storage/codec.ts';
import { shardKey, shardOf } from '../../core/reading-list/sync-storage/shard.ts';
import { emptyCollected } from '../../core/reading-list/crdt.ts';
import { itemId } from '../../core/reading-list/index.ts';
import { SETTLED, enCount, enMessage } from './expectations.ts';
import { ARTIFACTS } from './paths.ts';
import { PATHS, startServer, type TestServer } from './server.ts';

// The bits of the extension API the tests call inside the service worker (no @types/chrome in this project).
declare const chrome: {
  storage: {
    local: { get(keys: null): Promise<Record<string, unknown>>; set(items: object): Promise<void> };
    sync: { get(keys: null): Promise<Record<string, unknown>>; set(items: object): Promise<void> };
  };
};

const LOCAL_URL =
  'https://www.lemonde.fr/societe/article/2025/06/02/une-enquete-gardee-sur-cet-appareil_6300001_3224.html';
const SYNCED_URL = 'https://www.theguardian.com/world/2025/jun/03/a-story-saved-on-another-device';
const LOCAL_ID = itemId(LOCAL_URL);
const SYNCED_ID = itemId(SYNCED_URL);

const localRecord = {
  id: LOCAL_ID,
  meta: {
    value: { url: LOCAL_URL, title: 'Enquête gardée sur cet appareil', site: 'Le Monde', lang: 'fr', excerpt: '' },
    t: 1_748_800_000,
    d: 'abc123',
  },
  seenRemote: false,
};

const syncedRecord = {
  id: SYNCED_ID,
  meta: {
    value: { url: SYNCED_URL, title: 'A story saved on another device', site: 'The Guardian', lang: 'en', excerpt: '' },
    t: 1_748_900_000,
    d: 'def456',
  },
};

/** The shard another device wrote with its item. */
const syncedShard = () => encodeShard({ collected: emptyCollected(), records: [syncedRecord], writer: 'def456' }, true);

/** Sync keys that hold something this version cannot read, and the value each holds. */
async function unreadableSyncValues(): Promise<Record<string, unknown>> {
  const valid = await syncedShard();
  const taken = new Set([shardKey(shardOf(LOCAL_ID)), shardKey(shardOf(SYNCED_ID))]);
  const free = Array.from({ length: 16 }, (_, s) => shardKey(s)).filter((key) => !taken.has(key));
  const values = [
    '3zWRITTEN-BY-A-FUTURE-VERSION', // a newer format: never written over
    valid.slice(0, Math.floor(valid.length / 2)), // truncated, mid-base93
    42, // not a shard
    { v: 1, items: 'not a list' }, // the older format, the wrong shape
    null,
  ];
  return Object.fromEntries(values.map((value, i) => [free[i]!, value]));
}

const GARBAGE_LOCAL = {
  'rl-version': 1,
  [`rl-item:${LOCAL_ID}`]: localRecord,
  'rl-item:zzzzzz': 'garbage',
  'rl-state': 'garbage',
  webdavSettings: { enabled: 'yes', baseUrl: 42, user: 'me', password: null },
  webdavStatus: 'garbage',
};

let server: TestServer;
let userDataDir: string;
let context: BrowserContext;
let worker: Worker;
let popupUrl: string;
let pageTab: Page;
let syncValues: Record<string, unknown>;
/** Uncaught errors and console errors of every page and of the service worker. */
const errors: string[] = [];

async function launch(): Promise<void> {
  ({ context, worker } = await launchChromium(userDataDir));
  // The extension's pages and its service worker (the test pages' own 404s, such as a favicon, are not ours).
  const ours = (url: string | undefined) => !url || url.startsWith('chrome-extension://');
  context.on('weberror', (error) => {
    if (ours(error.page()?.url())) errors.push(`uncaught: ${error.error().message}`);
  });
  context.on('console', (message) => {
    if (message.type() === 'error' && ours(message.page()?.url())) errors.push(`console: ${message.text()}`);
  });
  context.on('page', (page) =>
    page.on('pageerror', (error) => {
      if (ours(page.url())) errors.push(`pageerror: ${error.message}`);
    }),
  );
  popupUrl = `chrome-extension://${new URL(worker.url()).host}/popup.html`;
  pageTab = context.pages()[0] ?? (await context.newPage());
}

const localArea = () => worker.evaluate(() => chrome.storage.local.get(null));
const syncArea = () => worker.evaluate(() => chrome.storage.sync.get(null));

/** The values kept aside in storage.local, by where they came from. */
async function keptCopies(): Promise<Map<string, unknown[]>> {
  const copies = new Map<string, unknown[]>();
  for (const [key, copy] of Object.entries(await localArea())) {
    if (!key.startsWith('rl-kept:')) continue;
    const { source, value } = copy as { source: string; value: unknown };
    copies.set(source, [...(copies.get(source) ?? []), value]);
  }
  return copies;
}

/** `value` is still at `key`, or was kept aside before being replaced. */
async function stillThereOrKept(area: 'sync' | 'local', key: string, value: unknown, source = `${area}:${key}`) {
  const now = (await (area === 'sync' ? syncArea() : localArea()))[key];
  if (JSON.stringify(now) === JSON.stringify(value)) return;
  const kept = (await keptCopies()).get(source) ?? [];
  expect(kept, `${area} ${key} was replaced without a copy`).toContainEqual(value);
}

async function openPopupOn(url: string, beforeLoad?: (page: Page) => Promise<unknown>): Promise<Page> {
  const popup = await context.newPage();
  await beforeLoad?.(popup);
  await pageTab.bringToFront();
  await pageTab.goto(url);
  await popup.goto(popupUrl);
  await popup.locator(SETTLED).waitFor();
  return popup;
}

async function readingListTab(popup: Page): Promise<void> {
  await popup.bringToFront();
  await popup.getByRole('button', { name: enMessage('tabReadingList') }).click();
  await popup.locator('.reading-list').waitFor();
}

beforeAll(async () => {
  server = await startServer();
  userDataDir = mkdtempSync(join(tmpdir(), 'clear-reader-broken-'));
  syncValues = await unreadableSyncValues();
  // First run: write the broken values, then close at once (before the list's next write, 2 s later).
  await launch();
  await worker.evaluate(
    async ({ sync, local }) => {
      await chrome.storage.sync.set(sync);
      await chrome.storage.local.set(local);
    },
    {
      sync: { ...syncValues, [shardKey(shardOf(SYNCED_ID))]: await syncedShard(), readerSettings: 'garbage' },
      local: GARBAGE_LOCAL,
    },
  );
  await context.close();
  // Second run: the extension starts on them.
  await launch();
});

afterAll(async () => {
  await context?.close();
  await server?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

describe('Chromium on broken storage', () => {
  test('the background starts on it, and writes over nothing it could not read without keeping a copy', async () => {
    expect((await syncArea()).readerSettings).toBe('garbage'); // normalized when read, never rewritten
    const [newerKey, ...damaged] = Object.keys(syncValues);
    // The list's first write (2 s after it started) replaces the damaged keys, each copy kept first.
    await expect
      .poll(async () => [...(await keptCopies()).keys()].filter((s) => s.startsWith('sync:')).sort(), {
        timeout: 15_000,
      })
      .toEqual(damaged.map((key) => `sync:${key}`).sort());
    for (const [key, value] of Object.entries(syncValues)) await stillThereOrKept('sync', key, value);
    expect((await syncArea())[newerKey!]).toBe(syncValues[newerKey!]); // a newer version's: never written
    const local = await localArea();
    expect(local['rl-item:zzzzzz']).toBe('garbage'); // unreadable, and never touched
    expect(local.webdavSettings).toEqual(GARBAGE_LOCAL.webdavSettings);
    expect(local.webdavStatus).toBe('garbage');
    await stillThereOrKept('local', 'rl-state', 'garbage', 'local:state');
    expect((await keptCopies()).get('local:records')).toEqual([['garbage']]);
  });

  test('the Reading list tab shows what could be read, and says what could not', async () => {
    const popup = await openPopupOn(server.url(PATHS.notArticle));
    await readingListTab(popup);
    const titles = popup.locator('.reading-list .item-title');
    await expect
      .poll(() => titles.allInnerTexts())
      .toEqual(expect.arrayContaining(['Enquête gardée sur cet appareil', 'A story saved on another device']));
    const notices = await popup.locator('.reading-list .notice').allInnerTexts();
    expect(notices).toContain(enCount('listLocalUnreadable', 1));
    expect(notices).toContain(enCount('listSyncNewer', 1));
    expect(await popup.locator('.reading-list .empty').count()).toBe(0);
    await popup.setViewportSize({ width: 460, height: 480 });
    mkdirSync(ARTIFACTS, { recursive: true });
    await popup.screenshot({ path: join(ARTIFACTS, 'broken-storage-reading-list.png') });
    await popup.close();
  });

  test('the options page shows what it could read of the WebDAV settings, and says so', async () => {
    const options = await context.newPage();
    await options.goto(popupUrl.replace('popup.html', 'options.html'));
    await options.locator('.webdav-unreadable').waitFor();
    expect(await options.locator('.webdav-unreadable').innerText()).toBe(enMessage('webdavSettingsUnreadable'));
    expect(await options.locator('input[name="user"]').inputValue()).toBe('me');
    expect(await options.locator('input[name="baseUrl"]').inputValue()).toBe('');
    expect(await options.locator('input[name="enabled"]').isChecked()).toBe(false);
    await options.close();
    const local = await localArea();
    expect(local.webdavSettings).toEqual(GARBAGE_LOCAL.webdavSettings);
    expect(local.webdavStatus).toBe('garbage');
  });

  test('the offline reader without a copy says so, with the link to the original', async () => {
    const reader = await context.newPage();
    await reader.goto(popupUrl.replace('popup.html', `reader.html?id=${SYNCED_ID}`));
    await reader.locator('main[data-reason="copy-missing"]').waitFor();
    expect(await reader.locator('[role="alert"]').innerText()).toBe(enMessage('readerNoCopy'));
    expect(await reader.locator('.original-link a').getAttribute('href')).toBe(SYNCED_URL);
    await reader.close();
  });

  test('saving while IndexedDB refuses writes: saved to the list, and the popup says the copy was not kept', async () => {
    // The quota error Chromium gives when the profile's storage is full, for every new transaction.
    await worker.evaluate(() => {
      const original = Object.getOwnPropertyDescriptor(IDBDatabase.prototype, 'transaction')!.value as unknown;
      Object.assign(globalThis, { originalTransaction: original });
      IDBDatabase.prototype.transaction = function () {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    try {
      const popup = await openPopupOn(server.url(PATHS.article));
      await popup.bringToFront();
      await popup.getByRole('button', { name: enMessage('saveForLater') }).click();
      await popup.getByRole('button', { name: enMessage('savedForLater') }).waitFor();
      expect(await popup.locator('.save-warning').innerText()).toBe(enMessage('savedNoCopyQuota'));
      await readingListTab(popup);
      const item = popup
        .locator('.reading-list .item')
        .filter({ hasText: 'Visite officielle de Abdellatif Hammouchi' });
      await item.waitFor();
      expect(await item.locator('.not-offline').count()).toBe(1);
      await popup.close();
    } finally {
      await worker.evaluate(() => {
        const { originalTransaction } = globalThis as unknown as { originalTransaction: IDBDatabase['transaction'] };
        IDBDatabase.prototype.transaction = originalTransaction;
      });
    }
  });

  test('a popup without IndexedDB lists everything and says offline copies cannot be read there', async () => {
    const popup = await openPopupOn(server.url(PATHS.notArticle), (page) =>
      page.addInitScript(() => Object.defineProperty(globalThis, 'indexedDB', { value: undefined })),
    );
    await readingListTab(popup);
    await popup.locator('.reading-list .item').nth(2).waitFor();
    expect(await popup.locator('.reading-list .notice').allInnerTexts()).toContain(enMessage('offlineUnavailable'));
    await popup.close();
  });

  test('nothing threw, and nothing was logged as an error', () => {
    expect(errors).toEqual([]);
  });
});
