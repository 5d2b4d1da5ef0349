// Storage that goes wrong in the browser (WXT's fake browser, fake-indexeddb): the reading list over a
// storage.local and storage.sync holding garbage, storage writes refused, IndexedDB missing, failing to open or
// full, and settings holding garbage. Each test loads the platform modules afresh (they keep an open database and
// the background's one list).
import { IDBFactory } from 'fake-indexeddb';
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Article } from '../../../core/reader/index.ts';
import { shardKey, shardOf } from '../../../core/reading-list/sync-storage/shard.ts';
import type { KeptCopy } from '../../../core/reading-list/index.ts';
import { itemId } from '../../../core/reading-list/index.ts';
import { DEFAULT_SETTINGS } from '../../../core/reader/index.ts';
import { sampleArticle } from '../../support/article.ts';

const never = { set: () => 0, clear: () => undefined };

/** The platform modules, loaded anew with the fake browser they see. */
async function fresh() {
  vi.resetModules();
  const { fakeBrowser } = await import('wxt/testing/fake-browser');
  fakeBrowser.reset();
  return {
    fakeBrowser,
    readingList: await import('../../../platform/reading-list.ts'),
    offline: await import('../../../platform/offline-store.ts'),
    storage: await import('../../../platform/storage.ts'),
  };
}

type Platform = Awaited<ReturnType<typeof fresh>>;

function article(n: number): Article {
  return sampleArticle({
    url: `https://www.lemonde.fr/societe/article/2025/06/0${(n % 9) + 1}/enquete-${n}_${6_300_000 + n}_3224.html`,
    title: `Enquête numéro ${n}`,
    byline: null,
    siteName: 'Le Monde',
    lang: 'fr',
    publishedTime: null,
    contentHtml: `<p>Le texte de l’enquête ${n}.</p>`,
    text: `Le texte de l’enquête ${n}.`,
    wordCount: 5,
    readingTimeMinutes: 1,
  });
}

/** A record as the engine keeps it in storage.local. */
function storedRecord(n: number) {
  const a = article(n);
  const meta = { url: a.url, title: a.title, site: a.siteName, lang: a.lang, excerpt: a.text };
  return { id: itemId(a.url), meta: { value: meta, t: 1_748_000_000 + n, d: 'abc123' }, seenRemote: false };
}

let p: Platform;
let lists: { close(): void }[] = [];

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory(); // an empty database for each test
  p = await fresh();
  lists = [];
});

afterEach(() => {
  for (const list of lists) list.close();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** The reading list over the fake browser's storage, as the background runs it (no timers of its own). */
function listOverBrowser(timers: { set(callback: () => void, ms: number): unknown; clear(h: unknown): void } = never) {
  return import('../../../core/reading-list/index.ts').then(({ createReadingList }) => {
    const list = createReadingList({
      deviceId: 'laptop',
      local: p.readingList.localStore,
      sync: p.readingList.syncArea,
      timers,
      compress: true,
    });
    lists.push(list);
    return list;
  });
}

const keptCopies = async () =>
  Object.entries(await p.fakeBrowser.storage.local.get(null)).filter(([key]) => key.startsWith('rl-kept:'));

describe('the reading list over storage.local and storage.sync holding garbage', () => {
  it('loads what it can read, keeps copies of the rest in storage.local, and leaves the garbage in place', async () => {
    const good = storedRecord(1);
    const damagedKey = shardKey(shardOf(itemId(article(2).url)));
    await p.fakeBrowser.storage.local.set({
      'rl-version': 1,
      [`rl-item:${good.id}`]: good,
      'rl-item:zzzzzz': 'not a record',
      'rl-item:yyyyyy': { id: 'NOT AN ID' },
      'rl-state': ['not', 'bookkeeping'],
    });
    await p.fakeBrowser.storage.sync.set({ [damagedKey]: '2zBROKEN', readerSettings: 'garbage' });

    const list = await listOverBrowser();
    await list.load();
    expect(list.items().map((i) => i.title)).toEqual([article(1).title]);
    expect(list.status()).toMatchObject({ unreadableLocal: 2, damagedKeys: 1, keptCopies: 2 });

    await list.save({ url: article(2).url, title: article(2).title, site: null, lang: 'fr', excerpt: '' });
    await list.flush();
    const local = await p.fakeBrowser.storage.local.get(null);
    // The unreadable records were not touched; the damaged shard was replaced only once a copy of it was kept.
    expect(local['rl-item:zzzzzz']).toBe('not a record');
    expect(local['rl-item:yyyyyy']).toEqual({ id: 'NOT AN ID' });
    const copies = (await keptCopies()).map(([, copy]) => copy as KeptCopy);
    expect(copies.map((c) => [c.source, c.value]).sort()).toEqual(
      [
        ['local:records', ['not a record', { id: 'NOT AN ID' }]],
        ['local:state', ['not', 'bookkeeping']],
        [`sync:${damagedKey}`, '2zBROKEN'],
      ].sort(),
    );
    const sync = await p.fakeBrowser.storage.sync.get(null);
    expect(String(sync[damagedKey]).startsWith('2')).toBe(true);
    expect(sync[damagedKey]).not.toBe('2zBROKEN');
    expect(sync.readerSettings).toBe('garbage'); // not the list's to touch

    // The kept copies are counted again on the next start (the reader is told for a week).
    const again = await listOverBrowser();
    await again.load();
    expect(again.status()).toMatchObject({ keptCopies: 3, unreadableLocal: 2, damagedKeys: 0 });
    expect(await keptCopies()).toHaveLength(3); // nothing kept twice
  });

  it.each([
    ['a version that is not a number', 'two'],
    ['a newer version', 2],
  ])('keeps the whole store aside when storage.local holds %s, with that version as it was', async (_w, version) => {
    const good = storedRecord(1);
    await p.fakeBrowser.storage.local.set({ 'rl-version': version, [`rl-item:${good.id}`]: good });
    const list = await listOverBrowser();
    await list.load();
    expect(list.items()).toHaveLength(1);
    expect(list.status().localFromOtherVersion).toBe(true);
    const [[, copy]] = (await keptCopies()) as [[string, KeptCopy]];
    expect(copy.source).toBe('local:all');
    const value = copy.value as { version: unknown; storedVersion?: unknown; records: unknown[] };
    expect(value.storedVersion ?? value.version).toEqual(version);
    expect(value.records).toEqual([good]);
  });

  it('keeps at most 8 copies in storage.local, drops the oldest, and leaves foreign values under its prefix alone', async () => {
    await p.fakeBrowser.storage.local.set({ 'rl-kept:something-else': 'not a copy' });
    const { localStore } = p.readingList;
    for (let i = 0; i < 10; i++) {
      const source = `sync:rl:${i.toString(16)}`;
      expect(await localStore.keep!({ source, reason: 'corrupt', at: 1_000 + i, message: 'm', value: i })).toBe(true);
    }
    expect(await localStore.keep!({ source: 'sync:rl:9', reason: 'corrupt', at: 5_000, message: 'm', value: 9 })).toBe(
      false,
    );
    const copies = await keptCopies();
    expect(copies).toHaveLength(9);
    expect(Object.fromEntries(copies)['rl-kept:something-else']).toBe('not a copy');
    expect(
      copies
        .map(([, c]) => (c as KeptCopy).value)
        .filter((v) => typeof v === 'number')
        .sort(),
    ).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect((await localStore.load()).kept).toHaveLength(8);
  });
});

describe('storage writes that fail', () => {
  it('holds a change storage.local refused for quota, says so, and stores it by itself once there is room', async () => {
    const timers: (() => void)[] = [];
    const list = await listOverBrowser({ set: (callback) => timers.push(callback), clear: () => undefined });
    await list.load();
    const refuse = vi
      .spyOn(p.fakeBrowser.storage.local, 'set')
      .mockRejectedValue(new Error('QUOTA_BYTES quota exceeded'));
    const saved = await list.save({ url: article(1).url, title: 'Saved', site: null, lang: 'fr', excerpt: '' });
    expect(list.item(saved.id)?.title).toBe('Saved');
    expect(p.readingList.listStatus(list)).toMatchObject({
      localStoreError: 'Local storage: QUOTA_BYTES quota exceeded',
    });
    expect(await p.fakeBrowser.storage.local.get(`rl-item:${saved.id}`)).toEqual({});
    refuse.mockRestore(); // room again
    for (const run of timers.splice(0)) run();
    await vi.waitFor(() => expect(p.readingList.listStatus(list).localStoreError).toBeNull());
    expect(await p.fakeBrowser.storage.local.get(`rl-item:${saved.id}`)).toHaveProperty(`rl-item:${saved.id}`);
  });

  it('reports a local write that failed half way (the first call landed, the second did not)', async () => {
    vi.spyOn(p.fakeBrowser.storage.local, 'remove').mockRejectedValue(new Error('IO error'));
    const record = storedRecord(1);
    const batch = { version: 1, put: [record], remove: ['gone'] };
    await expect(p.readingList.localStore.write(batch)).rejects.toThrow('IO error');
    // What landed stays (the engine writes the whole batch again: the same values, idempotent).
    expect(await p.fakeBrowser.storage.local.get(`rl-item:${record.id}`)).toEqual({ [`rl-item:${record.id}`]: record });
  });
});

describe('offline copies when IndexedDB is unavailable or full', () => {
  const saveWith = async () => {
    const result = await p.readingList.saveArticle(article(1));
    lists.push(await p.readingList.readingList());
    return result;
  };

  const expectSavedWithoutCopy = async (
    result: Awaited<ReturnType<typeof saveWith>>,
    kind: 'quota' | 'unavailable',
  ) => {
    expect(result).toMatchObject({ ok: true, copyFailure: kind, warning: expect.stringMatching(/\S/) as string });
    const list = await p.readingList.readingList();
    expect(list.items().map((i) => i.url)).toEqual([article(1).url]); // in the list all the same
  };

  it('saves to the list and says the copy could not be kept when there is no IndexedDB at all', async () => {
    vi.stubGlobal('indexedDB', undefined);
    await expectSavedWithoutCopy(await saveWith(), 'unavailable');
    await expect(p.offline.offlineIds()).rejects.toMatchObject({ kind: 'unavailable' });
    await expect(p.offline.allSearchTexts()).rejects.toMatchObject({ kind: 'unavailable' });
    await expect(p.offline.getOfflineArticle('x')).rejects.toMatchObject({ kind: 'unavailable' });
  });

  it('…when opening it throws (as in some private windows)', async () => {
    vi.stubGlobal('indexedDB', {
      open: () => {
        throw new DOMException(
          'A mutation operation was attempted on a database that did not allow mutations.',
          'InvalidStateError',
        );
      },
    });
    await expectSavedWithoutCopy(await saveWith(), 'unavailable');
  });

  it('…when opening it fails (a database of a newer version)', async () => {
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open('clear-reader', 5);
      request.onsuccess = () => {
        request.result.close();
        resolve();
      };
      request.onerror = () => reject(request.error ?? new Error('open failed'));
    });
    await expectSavedWithoutCopy(await saveWith(), 'unavailable');
  });

  it('…when the browser refuses the write for quota (the request fails)', async () => {
    const { openDB } = await import('idb');
    const db = await openDB('probe', 1, { upgrade: (d) => d.createObjectStore('s') });
    const raw = (db.transaction('s').objectStore('s') as unknown as { _rawObjectStore?: object })._rawObjectStore;
    db.close();
    const proto = Object.getPrototypeOf(raw) as { storeRecord: (...args: unknown[]) => unknown };
    vi.spyOn(proto, 'storeRecord').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    await expectSavedWithoutCopy(await saveWith(), 'quota');
  });

  it('…when the browser aborts the transaction for quota when it commits', async () => {
    // Both writes are accepted, then the transaction aborts with the quota error (Chrome's way).
    type Abortable = { _abort(name: string): void };
    const put = Object.getOwnPropertyDescriptor(IDBObjectStore.prototype, 'put')!.value as (
      this: IDBObjectStore,
      ...args: unknown[]
    ) => IDBRequest<IDBValidKey>;
    let puts = 0;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
      const request = put.apply(this, args);
      if (++puts === 2) (this.transaction as unknown as Abortable)._abort('QuotaExceededError');
      return request;
    });
    await expectSavedWithoutCopy(await saveWith(), 'quota');
  });

  it('tries to open it again after a failure, rather than staying broken', async () => {
    vi.stubGlobal('indexedDB', undefined);
    await expect(p.offline.offlineIds()).rejects.toMatchObject({ kind: 'unavailable' });
    vi.unstubAllGlobals();
    await p.offline.putOfflineArticle('a1', article(1));
    expect(await p.offline.offlineIds()).toEqual(new Set(['a1']));
  });

  it('tells a missing copy (null) from a damaged one (an error saying so)', async () => {
    const { openDB } = await import('idb');
    await p.offline.putOfflineArticle('a1', article(1)); // creates the database
    const db = await openDB('clear-reader');
    await db.put('articles', { id: 'a2', savedAt: 1, article: { title: 42 } });
    db.close();
    expect(await p.offline.getOfflineArticle('missing')).toBeNull();
    await expect(p.offline.getOfflineArticle('a2')).rejects.toMatchObject({ kind: 'damaged' });
    expect((await p.offline.getOfflineArticle('a1'))?.article.title).toBe(article(1).title);
  });
});

describe('settings holding garbage', () => {
  it.each([
    ['a string', 'garbage'],
    ['a number', 7],
    ['an array', ['serif']],
    ['fields of the wrong type', { font: 3, fontSize: 'big', theme: null, showImages: 'yes' }],
  ])('reader settings holding %s: the defaults, and the stored value left as it is', async (_what, value) => {
    await p.fakeBrowser.storage.sync.set({ readerSettings: { ...DEFAULT_SETTINGS, font: 'system' } });
    const seen: unknown[] = [];
    const unwatch = p.storage.watchSettings((s) => seen.push(s));
    await p.fakeBrowser.storage.sync.set({ readerSettings: value }); // from another device, say
    unwatch();
    expect(seen).toEqual([DEFAULT_SETTINGS]);
    expect(await p.storage.loadSettings()).toEqual(DEFAULT_SETTINGS);
    expect((await p.fakeBrowser.storage.sync.get('readerSettings')).readerSettings).toEqual(value);
  });

  it('a reader’s change replaces garbage, and keeps what another version stored that this one does not know', async () => {
    const stored = { font: 'sans-serif', fontSize: 40, theme: 'high-contrast', lineWidth: 'wide', letterSpacing: 0.1 };
    await p.fakeBrowser.storage.sync.set({ readerSettings: stored });
    const shown = await p.storage.loadSettings();
    expect(shown).toMatchObject({ font: 'sans-serif', fontSize: 28, theme: 'auto', lineWidth: 70 });
    await p.storage.saveSettings({ ...shown, font: 'serif' });
    expect((await p.fakeBrowser.storage.sync.get('readerSettings')).readerSettings).toEqual({
      ...DEFAULT_SETTINGS,
      font: 'serif', // changed by the reader
      fontSize: 40, // not changed: the newer version's size stays
      theme: 'high-contrast', // not changed: a theme this version does not have stays
      lineWidth: 70, // garbage, replaced
      letterSpacing: 0.1, // a setting this version does not have
    });
  });

  it('WebDAV settings holding garbage: not enabled, said so, and left as stored until the reader saves', async () => {
    // Enabled, but with an address it cannot read: never synced with half-read settings.
    const garbage = { enabled: true, baseUrl: 42, user: 'me', password: null, folder: 'Sync' };
    await p.fakeBrowser.storage.local.set({ webdavSettings: garbage });
    expect(await p.storage.webDavSettingsItem.getValue()).toEqual({
      enabled: false,
      baseUrl: '',
      user: 'me',
      password: '',
      folder: 'Sync',
      passphrase: '',
    });
    expect(await p.storage.webDavSettingsDamaged()).toBe(true);
    expect((await p.fakeBrowser.storage.local.get('webdavSettings')).webdavSettings).toEqual(garbage);

    for (const value of ['garbage', 3, [1]]) {
      await p.fakeBrowser.storage.local.set({ webdavSettings: value });
      expect(await p.storage.webDavSettingsItem.getValue()).toMatchObject({ enabled: false, folder: 'ClearReader' });
      expect(await p.storage.webDavSettingsDamaged()).toBe(true);
    }
    // Settings of an older version (fewer fields) are not damage.
    await p.fakeBrowser.storage.local.set({ webdavSettings: { enabled: true, baseUrl: 'https://dav.example/' } });
    expect(await p.storage.webDavSettingsDamaged()).toBe(false);
    expect(await p.storage.webDavSettingsItem.getValue()).toMatchObject({ enabled: true, folder: 'ClearReader' });
  });

  it('WebDAV settings: what this version does not check is kept as stored (saving here drops nothing)', async () => {
    const stored = { enabled: true, baseUrl: 'https://dav.example/', syncArticles: true, newerOption: { x: 1 } };
    await p.fakeBrowser.storage.local.set({ webdavSettings: stored });
    expect(await p.storage.webDavSettingsItem.getValue()).toEqual({
      ...stored,
      user: '',
      password: '',
      folder: 'ClearReader',
      passphrase: '',
    });
    expect(await p.storage.webDavSettingsDamaged()).toBe(false);
    await p.fakeBrowser.storage.local.set({ webdavSettings: { ...stored, syncArticles: 'yes' } });
    const read = await p.storage.webDavSettingsItem.getValue();
    expect(read).toMatchObject({ enabled: false, newerOption: { x: 1 } });
    expect(read).not.toHaveProperty('syncArticles');
    expect(await p.storage.webDavSettingsDamaged()).toBe(true);
  });

  it('a WebDAV status holding garbage reads as no sync yet, and is left as stored', async () => {
    await p.fakeBrowser.storage.local.set({ webdavStatus: { lastSyncAt: 'yesterday', failures: -2, problems: 'x' } });
    expect(await p.storage.webDavStatusItem.getValue()).toEqual({
      lastSyncAt: null,
      lastError: null,
      failures: 0,
      problems: [],
    });
    const seen: unknown[] = [];
    const unwatch = p.storage.webDavStatusItem.watch((value) => seen.push(value));
    await p.fakeBrowser.storage.local.set({ webdavStatus: 5 });
    unwatch();
    expect(seen).toEqual([{ lastSyncAt: null, lastError: null, failures: 0, problems: [] }]);
    expect((await p.fakeBrowser.storage.local.get('webdavStatus')).webdavStatus).toBe(5);
  });
});
