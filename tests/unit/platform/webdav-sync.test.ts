// The background's WebDAV sync (platform/webdav-sync.ts) over WXT's fake browser and real servers on 127.0.0.1: a
// server that stalls never blocks the syncs after it (the stuck one is abandoned at its deadline, the status says
// so, the next starts at once), what the last sync learned is kept for the next (one PROPFIND when nothing
// changed), and what the server asks (Retry-After) or lacks (permission, a bad address) is said.
import { IDBFactory } from 'fake-indexeddb';
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebDavSettings } from '../../../contracts/webdav.ts';
import {
  startDavServer,
  startScriptedServer,
  type DavServer,
  type ScriptedServer,
} from '../../support/webdav-server.ts';

async function fresh() {
  vi.resetModules();
  const { fakeBrowser } = await import('wxt/testing/fake-browser');
  fakeBrowser.reset();
  // The reader granted the server's origin (the fake browser does not implement permissions).
  fakeBrowser.permissions.contains = vi.fn(() => Promise.resolve(true));
  return {
    fakeBrowser,
    sync: await import('../../../platform/webdav-sync.ts'),
    storage: await import('../../../platform/storage.ts'),
    readingList: await import('../../../platform/reading-list.ts'),
  };
}

let p: Awaited<ReturnType<typeof fresh>>;
const servers: { stop(): Promise<void> }[] = [];

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  p = await fresh();
});

afterEach(async () => {
  (await p.readingList.readingList()).close();
  for (const server of servers.splice(0)) await server.stop();
  vi.restoreAllMocks();
});

async function scripted(...args: Parameters<typeof startScriptedServer>): Promise<ScriptedServer> {
  const server = await startScriptedServer(...args);
  servers.push(server);
  return server;
}

async function dav(): Promise<DavServer> {
  const server = await startDavServer('webdav-server', { user: 'lecteur', password: 'mot-de-passe-é€' });
  servers.push(server);
  return server;
}

function settingsFor(url: string, overrides: Partial<WebDavSettings> = {}): WebDavSettings {
  return {
    enabled: true,
    baseUrl: url,
    user: 'lecteur',
    password: 'mot-de-passe-é€',
    folder: 'ClearReader',
    passphrase: '',
    ...overrides,
  };
}

describe('a server that stalls', { timeout: 30_000 }, () => {
  it('is abandoned at the sync’s deadline; the status says so, and the next sync starts at once', async () => {
    const stalled = await scripted(() => ({ stall: 'after-headers' }));
    const good = await dav();
    // Requests may wait a minute; the whole sync gets one second.
    const service = p.sync.createWebDavSyncService({ requestTimeoutMs: 60_000, deadlineMs: 1_000 });
    await p.storage.webDavSettingsItem.setValue(settingsFor(stalled.url));
    await p.storage.webDavMemoItem.setValue({ version: 1, scope: 'x', read: {}, written: {}, parts: 1 });

    const first = service.syncNow();
    expect(service.syncNow()).toBe(first); // never two at once
    await first;
    const status = await p.storage.webDavStatusItem.getValue();
    expect(status).toMatchObject({ lastSyncAt: null, failures: 1, lastError: { code: 'abandoned', seconds: 1 } });
    expect(await p.storage.webDavMemoItem.getValue()).toBeNull(); // nothing of it is trusted
    expect(stalled.requests).toEqual(['PROPFIND /ClearReader/']);

    // The server is fixed (here: another one): the next sync does not wait for the stuck one.
    await p.storage.webDavSettingsItem.setValue(settingsFor(good.url));
    await service.syncNow();
    expect(await p.storage.webDavStatusItem.getValue()).toMatchObject({ lastError: null, failures: 0 });
    expect((await p.storage.webDavStatusItem.getValue()).lastSyncAt).toEqual(expect.any(Number) as number);
  });

  it('a request that stalls fails at its own deadline; the sync after it goes through', async () => {
    let stall = true;
    const good = await dav();
    const server = await scripted(() => (stall ? { stall: 'after-headers' } : null), good.url);
    const service = p.sync.createWebDavSyncService({ requestTimeoutMs: 500, deadlineMs: 60_000 });
    await p.storage.webDavSettingsItem.setValue(settingsFor(server.url));
    await service.syncNow();
    expect(await p.storage.webDavStatusItem.getValue()).toMatchObject({
      failures: 1,
      lastError: { code: 'timeout', seconds: 1 },
    });
    stall = false;
    await service.syncNow();
    expect(await p.storage.webDavStatusItem.getValue()).toMatchObject({ failures: 0, lastError: null });
  });
});

describe('what the background keeps between syncs', () => {
  it('stores the memo of a successful sync: the next one, with nothing new, is a single PROPFIND', async () => {
    const good = await dav();
    const counted = await scripted(() => null, good.url);
    const service = p.sync.createWebDavSyncService();
    await p.storage.webDavSettingsItem.setValue(settingsFor(counted.url, { syncArticles: true }));
    await (
      await p.readingList.readingList()
    ).save({
      url: 'https://www.lemonde.fr/a.html',
      title: 'Un article',
      site: 'Le Monde',
      lang: 'fr',
      excerpt: 'Début.',
    });
    await service.syncNow();
    expect(await p.storage.webDavStatusItem.getValue()).toMatchObject({ lastError: null, problems: [] });
    counted.requests.splice(0);
    await service.syncNow();
    expect(counted.requests).toEqual(['PROPFIND /ClearReader/']);
  });
});

describe('what the status says', () => {
  it('waits at least what the server asks (429 Retry-After) before the next try', async () => {
    const busy = await scripted(() => ({ status: 429, headers: { 'Retry-After': '7200' } }));
    const service = p.sync.createWebDavSyncService();
    await p.storage.webDavSettingsItem.setValue(settingsFor(busy.url));
    const before = Date.now();
    await service.syncNow();
    expect(await p.storage.webDavStatusItem.getValue()).toMatchObject({
      lastError: { code: 'rate-limited', status: 429, retryAfterSeconds: 7200 },
    });
    const alarm = await p.fakeBrowser.alarms.get(p.sync.WEBDAV_ALARM);
    expect(alarm?.scheduledTime).toBeGreaterThanOrEqual(before + 7_200_000);
  });

  it('without the origin permission, or with credentials in the address, says so without any request', async () => {
    const server = await scripted(() => ({ status: 500 }));
    const service = p.sync.createWebDavSyncService();
    p.fakeBrowser.permissions.contains = vi.fn(() => Promise.resolve(false));
    await p.storage.webDavSettingsItem.setValue(settingsFor(server.url));
    await service.syncNow();
    expect((await p.storage.webDavStatusItem.getValue()).lastError).toEqual({ code: 'permission' });
    p.fakeBrowser.permissions.contains = vi.fn(() => Promise.resolve(true));
    await p.storage.webDavSettingsItem.setValue(settingsFor(server.url.replace('//', '//lecteur:secret@')));
    await service.syncNow();
    expect((await p.storage.webDavStatusItem.getValue()).lastError).toEqual({ code: 'credentials-in-address' });
    expect(await service.testConnection(settingsFor(server.url.replace('//', '//lecteur:secret@')))).toEqual({
      ok: false,
      problem: { code: 'credentials-in-address' },
    });
    expect(server.requests).toEqual([]);
  });

  it('reads a status an older version stored (English sentences) without losing it', async () => {
    await p.fakeBrowser.storage.local.set({
      webdavStatus: { lastSyncAt: 5, lastError: 'server unreachable', failures: 2, problems: ['a.json: garbage'] },
    });
    expect(await p.storage.webDavStatusItem.getValue()).toEqual({
      lastSyncAt: 5,
      lastError: { code: 'failed', detail: 'server unreachable' },
      failures: 2,
      problems: [{ code: 'failed', detail: 'a.json: garbage', file: '' }],
    });
  });
});

describe('the reader’s site rules and Listen places in the background’s sync', () => {
  it('a rule and a place of this profile are in its device file after a sync', async () => {
    const server = await dav();
    const rules = await import('../../../platform/site-rule-store.ts');
    const places = await import('../../../platform/listen-places.ts');
    await rules.addSiteRule({
      id: 'site:bg1',
      site: 'gazette.example',
      created: '2026-12-03T00:00:00Z',
      selector: 'aside',
    });
    await places.saveListenPlace('item1', { paragraph: 3, sentence: 2 });
    const service = p.sync.createWebDavSyncService();
    await p.storage.webDavSettingsItem.setValue(settingsFor(server.url));
    await service.syncNow();
    expect(await p.storage.webDavStatusItem.getValue()).toMatchObject({ lastError: null, failures: 0 });
    const deviceId = await p.storage.deviceIdItem.getValue();
    const auth = 'Basic ' + Buffer.from('lecteur:mot-de-passe-é€').toString('base64');
    const file = (await (
      await fetch(new URL(`ClearReader/${deviceId}.json`, server.url), { headers: { Authorization: auth } })
    ).json()) as { siteRules: { rule: { id: string } }[]; listenPlaces: Record<string, unknown> };
    expect(file.siteRules.map((r) => r.rule.id)).toEqual(['site:bg1']);
    expect(file.listenPlaces.item1).toMatchObject({ paragraph: 3, sentence: 2 });
  });
});

describe('highlights of items deleted for good', { timeout: 30_000 }, () => {
  it('are not taken back from another device that has not pruned them yet', async () => {
    const core = await import('../../../core/reading-list/index.ts');
    const store = await import('../../../platform/highlight-store.ts');
    const server = await dav();
    const list = await p.readingList.readingList();
    const gone = await list.save({
      url: 'https://news.example/gone',
      title: 'Gone',
      site: null,
      lang: 'en',
      excerpt: '',
    });
    const kept = await list.save({
      url: 'https://news.example/kept',
      title: 'Kept',
      site: null,
      lang: 'en',
      excerpt: '',
    });
    await list.change(gone.id, { field: 'deleted', value: true });
    const highlightOf = (item: string, n: number) =>
      core.createHighlightRecord(
        {
          id: `hl${String(n).padStart(10, '0')}`,
          item,
          anchor: { quote: { exact: `passage ${n}`, prefix: '', suffix: '' }, position: { start: 0, end: 9 } },
          note: `note ${n}`,
        },
        1_760_000_000,
        'bbbbbb',
      );
    // Another device's file still has a highlight of each item.
    const other = await core.encodeHighlightsFile({
      deviceId: 'other-device',
      writtenAt: Date.now(),
      records: [highlightOf(gone.id, 1), highlightOf(kept.id, 2)],
    });
    const auth = 'Basic ' + Buffer.from('lecteur:mot-de-passe-é€').toString('base64');
    await fetch(new URL('ClearReader/', server.url), { method: 'MKCOL', headers: { Authorization: auth } });
    const put = await fetch(new URL(`ClearReader/${core.highlightsFileName('other-device')}`, server.url), {
      method: 'PUT',
      headers: { Authorization: auth },
      body: other,
    });
    expect(put.ok).toBe(true);
    // Two days later the deleted item is gone for good here (past the undo's day).
    const later = Date.now() + 2 * 24 * 3600_000;
    vi.spyOn(Date, 'now').mockReturnValue(later);
    const service = p.sync.createWebDavSyncService();
    await p.storage.webDavSettingsItem.setValue(settingsFor(server.url));
    await service.syncNow();
    expect(await p.storage.webDavStatusItem.getValue()).toMatchObject({ lastError: null });
    const items = (await store.highlightRecords()).records.map((r) => r.item);
    expect(items).toEqual([kept.id]);
  });
});
