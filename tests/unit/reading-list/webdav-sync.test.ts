// Cross-browser sync through a real WebDAV server (npm `webdav-server`, in memory, on 127.0.0.1): the client's
// connection test, two reading lists syncing through the server, a device offline then catching up, a damaged
// remote file, and end-to-end encryption.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startDav } from '../../support/webdav-server.ts';
import { createReadingList } from '../../../core/reading-list/reading-list.ts';
import { createMemoryLocalStore } from '../../../core/reading-list/local-store.ts';
import { createMemorySyncArea } from '../../../core/reading-list/sync-storage/memory-sync-area.ts';
import type { NewItem } from '../../../core/reading-list/types.ts';
import { createWebDavClient, type WebDavConfig } from '../../../core/reading-list/webdav/client.ts';
import { createKeyCache } from '../../../core/reading-list/webdav/file.ts';
import { deviceFileName, syncWithWebDav } from '../../../core/reading-list/webdav/sync.ts';

const USER = 'alice';
const PASSWORD = 's3cret-pass';
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

function config(overrides: Partial<WebDavConfig> = {}): WebDavConfig {
  return {
    baseUrl: `http://127.0.0.1:${port}/`,
    user: USER,
    password: PASSWORD,
    folder: 'Sync/Clear Reader',
    ...overrides,
  };
}

/** A fresh folder per test, so tests do not see each other's files. */
function freshFolder() {
  folderCount++;
  return `Sync/test-${folderCount}`;
}

function article(n: number): NewItem {
  return {
    url: `https://www.theguardian.com/world/2025/mar/10/secret-story-${n}`,
    title: `Secret headline number ${n}`,
    site: 'The Guardian',
    lang: 'en',
    excerpt: `The excerpt of story ${n}.`,
  };
}

async function device(deviceId: string) {
  const clock = { now: Date.UTC(2025, 5, 1) };
  const local = createMemoryLocalStore();
  const sync = createMemorySyncArea({ now: () => clock.now });
  const list = createReadingList({ deviceId, local, sync, now: () => clock.now, timers: never, compress: false });
  await list.load();
  return { list, local, sync, clock, deviceId };
}

async function rawPut(path: string, body: string) {
  const response = await fetch(`http://127.0.0.1:${port}/${path}`, {
    method: 'PUT',
    headers: { Authorization: 'Basic ' + Buffer.from(`${USER}:${PASSWORD}`).toString('base64') },
    body,
  });
  expect(response.ok).toBe(true);
}

async function rawGet(path: string) {
  const response = await fetch(`http://127.0.0.1:${port}/${path}`, {
    headers: { Authorization: 'Basic ' + Buffer.from(`${USER}:${PASSWORD}`).toString('base64') },
  });
  return response.text();
}

describe('the WebDAV client against a real server', () => {
  it('tests the connection: ok, wrong password, closed port', async () => {
    expect(await createWebDavClient(config()).testConnection()).toMatchObject({ ok: true });
    const wrong = await createWebDavClient(config({ password: 'nope' })).testConnection();
    expect(wrong).toMatchObject({ ok: false, kind: 'auth' });
    expect(wrong.message).not.toContain('nope');
    const closed = await createWebDavClient(config({ baseUrl: `http://127.0.0.1:${await freePort()}/` }), {
      timeoutMs: 3_000,
    }).testConnection();
    expect(closed).toMatchObject({ ok: false, kind: 'unreachable' });
  });

  it('creates nested folders (twice is fine), writes, lists and reads files with odd names', async () => {
    const client = createWebDavClient(config({ folder: freshFolder() + '/deep' }));
    await client.ensureFolder();
    await client.ensureFolder();
    expect(await client.listFiles()).toEqual([]);
    await client.put('a b é.json', '{"x":1}');
    await client.put('second.json', 'two');
    const files = await client.listFiles();
    expect(files.map((f) => f.name).sort()).toEqual(['a b é.json', 'second.json']);
    expect(files.find((f) => f.name === 'second.json')?.size).toBe(3);
    expect(await client.get('a b é.json')).toBe('{"x":1}');
    expect(await client.get('missing.json')).toBeNull();
  });

  it('reports a missing folder as not-found and refuses file names that leave the folder', async () => {
    const client = createWebDavClient(config({ folder: freshFolder() }));
    await expect(client.listFiles()).rejects.toMatchObject({ kind: 'not-found' });
    await expect(client.put('../escape.json', '{}')).rejects.toMatchObject({ kind: 'config' });
  });

  it('only sends credentials to the configured origin, and never logs them', async () => {
    const seen: string[] = [];
    const client = createWebDavClient(config(), {
      fetch: (input) => {
        seen.push(input instanceof URL ? input.href : typeof input === 'string' ? input : input.url);
        return Promise.resolve(new Response('', { status: 401 }));
      },
    });
    await client.testConnection();
    await client.get('x.json').catch(() => undefined);
    expect(seen.every((u) => u.startsWith(`http://127.0.0.1:${port}/`))).toBe(true);
  });
});

describe('two browsers syncing through the server', () => {
  it('a save on A appears on B, a deletion on B reaches A, and changes merge both ways', async () => {
    const client = createWebDavClient(config({ folder: freshFolder() }));
    const a = await device('chrome-at-work');
    const b = await device('firefox-at-home');
    const saved = await a.list.save(article(1));
    await a.list.save(article(2));

    const first = await syncWithWebDav(a.list, client, { deviceId: a.deviceId });
    expect(first).toMatchObject({ ok: true, merged: 0, problems: [] });
    const second = await syncWithWebDav(b.list, client, { deviceId: b.deviceId });
    expect(second).toMatchObject({ ok: true, merged: 2, filesRead: 1, problems: [] });
    expect(
      b.list
        .items()
        .map((i) => i.title)
        .sort(),
    ).toEqual(['Secret headline number 1', 'Secret headline number 2']);
    // The full title and excerpt travel too (the WebDAV file is not limited like storage.sync).
    expect(b.list.item(saved.id)?.excerpt).toBe('The excerpt of story 1.');
    // Absorbed records go on to storage.sync like local changes.
    expect(b.list.status().pendingWrites).toBeGreaterThan(0);
    await b.list.flush();
    expect([...b.sync.data.keys()].some((k) => k.startsWith('rl:'))).toBe(true);

    b.clock.now += 60_000;
    await b.list.change(saved.id, { field: 'deleted', value: true });
    a.clock.now += 120_000;
    await a.list.change(itemIdOf(a, 2), { field: 'favourite', value: true });
    expect(await syncWithWebDav(b.list, client, { deviceId: b.deviceId })).toMatchObject({ ok: true });
    expect(await syncWithWebDav(a.list, client, { deviceId: a.deviceId })).toMatchObject({ ok: true, merged: 1 });
    expect(await syncWithWebDav(b.list, client, { deviceId: b.deviceId })).toMatchObject({ ok: true, merged: 1 });
    for (const d of [a, b]) {
      expect(d.list.items().map((i) => [i.title, i.favourite])).toEqual([['Secret headline number 2', true]]);
      expect(d.list.item(saved.id)?.deleted).toBe(true);
    }
    const files = await client.listFiles();
    expect(files.map((f) => f.name).sort()).toEqual([deviceFileName(a.deviceId), deviceFileName(b.deviceId)].sort());
  });

  it('a device offline fails without touching its list, then catches up', async () => {
    const client = createWebDavClient(config({ folder: freshFolder() }), { timeoutMs: 3_000 });
    const a = await device('laptop');
    const b = await device('desktop');
    await a.list.save(article(10));
    expect(await syncWithWebDav(a.list, client, { deviceId: a.deviceId })).toMatchObject({ ok: true });

    await dav.stop();
    try {
      await b.list.save(article(11));
      const before = JSON.stringify(b.list.records());
      const offline = await syncWithWebDav(b.list, client, { deviceId: b.deviceId });
      expect(offline).toMatchObject({ ok: false, kind: 'unreachable' });
      expect(JSON.stringify(b.list.records())).toBe(before);
      expect(b.list.items()).toHaveLength(1);
    } finally {
      await dav.start();
    }
    expect(await syncWithWebDav(b.list, client, { deviceId: b.deviceId })).toMatchObject({ ok: true, merged: 1 });
    expect(await syncWithWebDav(a.list, client, { deviceId: a.deviceId })).toMatchObject({ ok: true, merged: 1 });
    for (const d of [a, b]) expect(d.list.items()).toHaveLength(2);
  });

  it('skips and reports a damaged or newer remote file, and the list keeps everything', async () => {
    const folder = freshFolder();
    const client = createWebDavClient(config({ folder }));
    const a = await device('tablet');
    await a.list.save(article(20));
    expect(await syncWithWebDav(a.list, client, { deviceId: a.deviceId })).toMatchObject({ ok: true });
    await rawPut(`${folder}/broken.json`, '{"format":"clear-reader-sync", "version": 1, "records": [ {{{');
    await rawPut(`${folder}/future.json`, '{"format":"clear-reader-sync","version":7,"records":[]}');
    await rawPut(
      `${folder}/odd.json`,
      JSON.stringify({
        format: 'clear-reader-sync',
        version: 1,
        deviceId: 'odd',
        writtenAt: 0,
        records: [{ id: '!' }],
      }),
    );
    await rawPut(`${folder}/notes.txt`, 'not ours');
    const result = await syncWithWebDav(a.list, client, { deviceId: a.deviceId });
    expect(result.ok).toBe(true);
    expect(result.problems.map((p) => p.file).sort()).toEqual(['broken.json', 'future.json', 'odd.json']);
    expect(result.problems.find((p) => p.file === 'future.json')?.reason).toMatch(/newer version/);
    expect(a.list.items().map((i) => i.title)).toEqual(['Secret headline number 20']);
    // Our own file is still whole, and a second device still gets the item.
    const b = await device('phone');
    expect(await syncWithWebDav(b.list, client, { deviceId: b.deviceId })).toMatchObject({ ok: true, merged: 1 });
  });
});

describe('failures mid-sync', () => {
  /** The real server, with requests failing from the `from`-th one on (network error, or an HTTP status). */
  function flaky(from: number, failure: 'network' | number) {
    let count = 0;
    const fetchFn: typeof fetch = (input, init) => {
      count++;
      if (count < from) return fetch(input, init);
      if (failure === 'network') return Promise.reject(new TypeError('fetch failed'));
      return Promise.resolve(new Response('', { status: failure }));
    };
    return fetchFn;
  }

  it.each([
    ['the server going away after the listing', 3, 'network' as const, 'unreachable'],
    ['the server going away before our write', 4, 'network' as const, 'unreachable'],
    ['a full server (507)', 4, 507, 'full'],
    ['a server error', 3, 500, 'server-error'],
  ])('%s: a typed failure, and the list is untouched', async (_name, from, failure, kind) => {
    const folder = freshFolder();
    const a = await device('mid-a');
    const b = await device('mid-b');
    await a.list.save(article(60));
    expect(
      await syncWithWebDav(a.list, createWebDavClient(config({ folder })), { deviceId: a.deviceId }),
    ).toMatchObject({ ok: true });
    await b.list.save(article(61));
    const before = JSON.stringify(b.list.records());
    // Requests: MKCOL Sync, MKCOL folder, PROPFIND, GET a's file, PUT ours.
    const client = createWebDavClient(config({ folder }), { fetch: flaky(from + 1, failure) });
    const result = await syncWithWebDav(b.list, client, { deviceId: b.deviceId });
    expect(result).toMatchObject({ ok: false, kind });
    expect(JSON.stringify(b.list.records())).toBe(before);
    expect(b.list.items()).toHaveLength(1);
    // Nothing was lost: the next sync with the server back completes.
    expect(
      await syncWithWebDav(b.list, createWebDavClient(config({ folder })), { deviceId: b.deviceId }),
    ).toMatchObject({ ok: true, merged: 1 });
  });
});

describe('end-to-end encryption', () => {
  const iterations = 1_000;

  it('round-trips with the right passphrase; the server sees only ciphertext', async () => {
    const folder = freshFolder();
    const client = createWebDavClient(config({ folder }));
    const a = await device('enc-a');
    const b = await device('enc-b');
    await a.list.save(article(30));
    const options = { passphrase: 'correct horse battery staple', iterations };
    expect(await syncWithWebDav(a.list, client, { deviceId: a.deviceId, ...options })).toMatchObject({ ok: true });
    const stored = await rawGet(`${folder}/${deviceFileName(a.deviceId)}`);
    expect(stored).not.toContain('Secret headline');
    expect(stored).not.toContain('theguardian');
    expect(JSON.parse(stored)).toMatchObject({
      format: 'clear-reader-sync',
      version: 1,
      encrypted: { kdf: 'PBKDF2-SHA-256', iterations },
    });
    expect(await syncWithWebDav(b.list, client, { deviceId: b.deviceId, ...options })).toMatchObject({
      ok: true,
      merged: 1,
    });
    expect(b.list.items().map((i) => i.title)).toEqual(['Secret headline number 30']);
    // B's own file is sealed too.
    expect(await rawGet(`${folder}/${deviceFileName(b.deviceId)}`)).not.toContain('Secret headline');
  });

  it('a wrong or missing passphrase is a clear error and leaves the list and the server as they were', async () => {
    const folder = freshFolder();
    const client = createWebDavClient(config({ folder }));
    const a = await device('enc-c');
    const b = await device('enc-d');
    await a.list.save(article(40));
    await syncWithWebDav(a.list, client, { deviceId: a.deviceId, passphrase: 'right', iterations });
    await b.list.save(article(41));
    const before = JSON.stringify(b.list.records());
    const wrong = await syncWithWebDav(b.list, client, { deviceId: b.deviceId, passphrase: 'wrong', iterations });
    expect(wrong).toMatchObject({ ok: false, kind: 'wrong-passphrase' });
    expect(wrong.ok ? '' : wrong.message).toMatch(/passphrase/);
    const none = await syncWithWebDav(b.list, client, { deviceId: b.deviceId });
    expect(none).toMatchObject({ ok: false, kind: 'passphrase-needed' });
    expect(JSON.stringify(b.list.records())).toBe(before);
    expect((await client.listFiles()).map((f) => f.name)).toEqual([deviceFileName(a.deviceId)]);
  });

  it('derives a key once per salt across syncs sharing a key cache', async () => {
    const client = createWebDavClient(config({ folder: freshFolder() }));
    const a = await device('enc-e');
    const b = await device('enc-f');
    await a.list.save(article(50));
    const keysA = createKeyCache('pass', { iterations });
    const keysB = createKeyCache('pass', { iterations });
    let derivations = 0;
    const subtle = crypto.subtle;
    const deriveKey = subtle.deriveKey.bind(subtle);
    subtle.deriveKey = ((...args: Parameters<typeof deriveKey>) => {
      derivations++;
      return deriveKey(...args);
    }) as typeof subtle.deriveKey;
    try {
      await syncWithWebDav(a.list, client, { deviceId: a.deviceId, keys: keysA });
      await syncWithWebDav(a.list, client, { deviceId: a.deviceId, keys: keysA });
      expect(derivations).toBe(1);
      await syncWithWebDav(b.list, client, { deviceId: b.deviceId, keys: keysB });
      await syncWithWebDav(b.list, client, { deviceId: b.deviceId, keys: keysB });
      expect(derivations).toBe(3); // A's salt once, B's own salt once
    } finally {
      subtle.deriveKey = deriveKey;
    }
    expect(b.list.items()).toHaveLength(1);
  });
});

function itemIdOf(d: { list: { items(): { id: string; title: string }[] } }, n: number): string {
  return d.list.items().find((i) => i.title === `Secret headline number ${n}`)!.id;
}
