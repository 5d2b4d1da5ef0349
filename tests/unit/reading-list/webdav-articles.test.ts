// Offline copies synced as separate files through a real WebDAV server (npm `webdav-server` on 127.0.0.1):
// uploaded by the device that has them, downloaded by the others for items in their list, deleted with the
// item, sealed with the passphrase, and a damaged or hostile file skipped and reported.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startDav } from '../../support/webdav-server.ts';
import { createReadingList } from '../../../core/reading-list/reading-list.ts';
import { createMemoryLocalStore } from '../../../core/reading-list/local-store.ts';
import { createMemorySyncArea } from '../../../core/reading-list/sync-storage/memory-sync-area.ts';
import type { NewItem } from '../../../core/reading-list/types.ts';
import { createWebDavClient, type WebDavConfig } from '../../../core/reading-list/webdav/client.ts';
import { createKeyCache } from '../../../core/reading-list/webdav/file.ts';
import {
  ARTICLES_FOLDER,
  encodeArticleCopy,
  syncArticleCopies,
  validateArticleCopy,
  type ArticleCopy,
  type ArticleCopyStore,
} from '../../../core/reading-list/webdav/articles.ts';
import { syncWithWebDav } from '../../../core/reading-list/webdav/sync.ts';

const USER = 'bob';
const PASSWORD = 'copies-pass';
const never = { set: () => 0, clear: () => undefined };

let port = 0;
let dav: ReturnType<typeof startDav>;
let folderCount = 0;

beforeAll(async () => {
  port = await freePort();
  dav = startDav(port, USER, PASSWORD);
  await dav.start();
});

afterAll(async () => {
  await dav.stop();
});

function config(folder: string): WebDavConfig {
  return { baseUrl: `http://127.0.0.1:${port}/`, user: USER, password: PASSWORD, folder };
}

function clients() {
  folderCount++;
  const folder = `Sync/copies-${folderCount}`;
  return {
    folder,
    list: createWebDavClient(config(folder)),
    articles: createWebDavClient(config(`${folder}/${ARTICLES_FOLDER}`)),
  };
}

async function rawRequest(method: string, path: string, body?: string) {
  const response = await fetch(`http://127.0.0.1:${port}/${path}`, {
    method,
    headers: { Authorization: 'Basic ' + Buffer.from(`${USER}:${PASSWORD}`).toString('base64') },
    body,
  });
  return { status: response.status, text: await response.text() };
}

function article(n: number): NewItem {
  return {
    url: `https://www.lemonde.fr/politique/article/2025/03/10/histoire-${n}.html`,
    title: `Une histoire numéro ${n}`,
    site: 'Le Monde',
    lang: 'fr',
    excerpt: `Le début de l’histoire ${n}.`,
  };
}

function copyOf(id: string, n: number): ArticleCopy {
  return {
    id,
    savedAt: Date.UTC(2025, 5, 1),
    article: {
      url: article(n).url,
      canonicalUrl: null,
      title: article(n).title,
      byline: 'Claire Dupont',
      siteName: 'Le Monde',
      lang: 'fr',
      dir: null,
      publishedTime: '2025-03-10T08:00:00.000Z',
      lede: null,
      publisherSummary: null,
      contentHtml: `<div><p>Le texte secret de l’histoire ${n}, qui reste lisible hors ligne.</p></div>`,
      text: `Le texte secret de l’histoire ${n}, qui reste lisible hors ligne.`,
      wordCount: 11,
      readingTimeMinutes: 1,
    },
    summary: [{ text: `Le texte secret de l’histoire ${n}.`, paragraph: 0 }],
  };
}

function memoryStore(): ArticleCopyStore & { copies: Map<string, ArticleCopy> } {
  const copies = new Map<string, ArticleCopy>();
  return {
    copies,
    ids: () => Promise.resolve(new Set(copies.keys())),
    get: (id) => Promise.resolve(copies.get(id) ?? null),
    put: (copy) => {
      copies.set(copy.id, copy);
      return Promise.resolve();
    },
  };
}

async function device(deviceId: string) {
  const clock = { now: Date.UTC(2025, 5, 1) };
  const sync = createMemorySyncArea({ now: () => clock.now });
  const list = createReadingList({
    deviceId,
    local: createMemoryLocalStore(),
    sync,
    now: () => clock.now,
    timers: never,
    compress: false,
  });
  await list.load();
  return { list, clock, deviceId, store: memoryStore() };
}

type Device = Awaited<ReturnType<typeof device>>;

async function saveWithCopy(d: Device, n: number) {
  const item = await d.list.save(article(n));
  await d.store.put(copyOf(item.id, n));
  return item;
}

describe('offline copies through WebDAV', () => {
  it('a copy saved on A is readable on B after both sync; deleting the item deletes its file', async () => {
    const c = clients();
    const a = await device('chrome-at-work');
    const b = await device('firefox-at-home');
    const first = await saveWithCopy(a, 1);
    await saveWithCopy(a, 2);
    const sync = (d: Device) =>
      syncWithWebDav(d.list, c.list, { deviceId: d.deviceId, articles: { client: c.articles, store: d.store } });

    expect(await sync(a)).toMatchObject({ ok: true, articles: { uploaded: 2, downloaded: 0 }, problems: [] });
    expect(await sync(b)).toMatchObject({ ok: true, articles: { uploaded: 0, downloaded: 2 }, problems: [] });
    expect(b.store.copies.get(first.id)).toEqual(a.store.copies.get(first.id));
    // Nothing moves twice.
    expect(await sync(a)).toMatchObject({ ok: true, articles: { uploaded: 0, downloaded: 0, removed: 0 } });

    b.clock.now += 60_000;
    await b.list.change(first.id, { field: 'deleted', value: true });
    expect(await sync(b)).toMatchObject({ ok: true, articles: { removed: 1 } });
    expect((await c.articles.listFiles()).map((f) => f.name)).toEqual([
      `${[...b.store.copies.keys()].find((id) => id !== first.id)}.json`,
    ]);
    // A learns of the deletion: the file is gone and nothing comes back.
    expect(await sync(a)).toMatchObject({ ok: true, articles: { uploaded: 0, removed: 0 } });
    expect(await c.articles.listFiles()).toHaveLength(1);
  });

  it('with a passphrase the server holds only ciphertext, and the other device reads it', async () => {
    const c = clients();
    const a = await device('laptop');
    const b = await device('desktop');
    const item = await saveWithCopy(a, 3);
    const keysA = createKeyCache('correct horse battery staple', { iterations: 1_000 });
    const keysB = createKeyCache('correct horse battery staple', { iterations: 1_000 });
    const options = (d: Device, keys: typeof keysA) => ({
      deviceId: d.deviceId,
      keys,
      articles: { client: c.articles, store: d.store },
    });
    expect(await syncWithWebDav(a.list, c.list, options(a, keysA))).toMatchObject({ articles: { uploaded: 1 } });
    const onServer = await rawRequest('GET', `${c.folder}/${ARTICLES_FOLDER}/${item.id}.json`);
    expect(onServer.status).toBe(200);
    expect(onServer.text).toContain('"encrypted"');
    expect(onServer.text).not.toContain('secret');
    expect(onServer.text).not.toContain('histoire');
    expect(await syncWithWebDav(b.list, c.list, options(b, keysB))).toMatchObject({ articles: { downloaded: 1 } });
    expect(b.store.copies.get(item.id)?.article.text).toContain('Le texte secret de l’histoire 3');
  });

  it('skips and reports a damaged, foreign or hostile file, and takes the good ones', async () => {
    const c = clients();
    const a = await device('tablet');
    const b = await device('phone');
    const good = await saveWithCopy(a, 4);
    const broken = await a.list.save(article(5));
    const renamed = await a.list.save(article(6));
    const future = await a.list.save(article(7));
    await syncWithWebDav(a.list, c.list, { deviceId: a.deviceId }); // the list only
    await syncArticleCopies(a.list, c.articles, a.store);
    const dir = `${c.folder}/${ARTICLES_FOLDER}`;
    await rawRequest('PUT', `${dir}/${broken.id}.json`, '{"format":"clear-reader-article","version":1,"copy":{{');
    // Another item's copy under this one's name: refused, it would show the wrong article.
    await rawRequest('PUT', `${dir}/${renamed.id}.json`, await encodeArticleCopy(copyOf(good.id, 4)));
    await rawRequest('PUT', `${dir}/${future.id}.json`, '{"format":"clear-reader-article","version":9}');

    const result = await syncWithWebDav(b.list, c.list, {
      deviceId: b.deviceId,
      articles: { client: c.articles, store: b.store },
    });
    expect(result).toMatchObject({ ok: true, articles: { downloaded: 1 } });
    expect([...b.store.copies.keys()]).toEqual([good.id]);
    if (!result.ok) throw new Error('unreachable');
    const files = result.problems.map((p) => p.file).sort();
    expect(files).toEqual([broken.id, renamed.id, future.id].map((id) => `${ARTICLES_FOLDER}/${id}.json`).sort());
    expect(result.problems.find((p) => p.file.includes(future.id))?.reason).toMatch(/newer version/);
    expect(b.list.items()).toHaveLength(4); // the list itself is untouched by bad copies
  });

  it('moves at most a batch per sync and says how many wait', async () => {
    const c = clients();
    const a = await device('many');
    for (let n = 10; n < 15; n++) await saveWithCopy(a, n);
    const first = await syncArticleCopies(a.list, c.articles, a.store, { maxTransfers: 3 });
    expect(first).toMatchObject({ uploaded: 3, pending: 2, problems: [] });
    const second = await syncArticleCopies(a.list, c.articles, a.store, { maxTransfers: 3 });
    expect(second).toMatchObject({ uploaded: 2, pending: 0 });
    expect(await c.articles.listFiles()).toHaveLength(5);
  });

  it('a server failure in the copies pass is reported; the list sync still counts', async () => {
    const c = clients();
    const a = await device('flaky');
    await saveWithCopy(a, 20);
    let puts = 0;
    const failingPuts = createWebDavClient(config(`${c.folder}/${ARTICLES_FOLDER}`), {
      fetch: (input, init) => {
        if (init?.method === 'PUT' && ++puts >= 1) return Promise.resolve(new Response('', { status: 507 }));
        return fetch(input, init);
      },
    });
    const result = await syncWithWebDav(a.list, c.list, {
      deviceId: a.deviceId,
      articles: { client: failingPuts, store: a.store },
    });
    expect(result).toMatchObject({ ok: true, articles: { uploaded: 0 } });
    if (!result.ok) throw new Error('unreachable');
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.reason).toMatch(/full|space|storage/i);
    expect(a.store.copies.size).toBe(1); // the local copy is kept
  });
});

describe('validateArticleCopy', () => {
  it('keeps only the known fields, with their types', () => {
    const copy = copyOf('abc123', 1);
    const hostile = {
      ...copy,
      extra: 'x',
      article: { ...copy.article, onload: 'alert(1)', wordCount: 11 },
      summary: [{ text: 'ok', paragraph: 0 }, { text: 5 }],
    };
    const valid = validateArticleCopy(hostile, 'abc123');
    expect(valid).not.toBeNull();
    expect(Object.keys(valid!)).toEqual(['id', 'savedAt', 'article', 'summary']);
    expect(valid!.article).not.toHaveProperty('onload');
    expect(valid!.summary).toEqual([{ text: 'ok', paragraph: 0 }]);
  });

  it('refuses a copy of another item, a missing body or wrong types', () => {
    const copy = copyOf('abc123', 1);
    expect(validateArticleCopy(copy, 'other1')).toBeNull();
    expect(validateArticleCopy({ ...copy, article: { ...copy.article, contentHtml: 7 } }, 'abc123')).toBeNull();
    expect(validateArticleCopy({ ...copy, article: null }, 'abc123')).toBeNull();
    expect(validateArticleCopy('{}', 'abc123')).toBeNull();
  });
});
