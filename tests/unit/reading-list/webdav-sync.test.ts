// Cross-browser sync through a real WebDAV server (npm `webdav-server`, in memory, on 127.0.0.1): two reading lists
// syncing through it, a device offline then catching up, damaged remote files, end-to-end encryption, failures at
// every step (the requests a sync costs and large lists: webdav-requests.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createKeyCache,
  createWebDavClient,
  deviceFileName,
  type WebDavClient,
  type WebDavClientOptions,
} from '../../../core/reading-list/index.ts';
import { freePort, startDav, type DavServer } from '../../support/webdav-server.ts';
import { article, device, rawRequest, recordingFetch, syncDevice, type Device } from '../../support/webdav-devices.ts';

const USER = 'alice';
const PASSWORD = 's3cret-pass';
let port = 0;
let dav: ReturnType<typeof startDav>;
let server: DavServer;
let folderCount = 0;

beforeAll(async () => {
  port = await freePort();
  dav = startDav(port, USER, PASSWORD);
  await dav.start();
  server = {
    name: 'webdav-server',
    url: `http://127.0.0.1:${port}/`,
    user: USER,
    password: PASSWORD,
    uploadLimit: null,
    stop: dav.stop,
  };
});

afterAll(async () => {
  await dav.stop();
});

/** A fresh folder per test, so tests do not see each other's files. */
const freshFolder = () => `Sync/test-${++folderCount}`;

function client(folder: string, options: WebDavClientOptions = {}): WebDavClient {
  return createWebDavClient({ baseUrl: server.url, user: USER, password: PASSWORD, folder }, options);
}

const sync = syncDevice;

const itemIdOf = (d: Device, n: number) => d.list.items().find((i) => i.title === article(n, 'en').title)!.id;

describe('the WebDAV client against a real server', () => {
  it('tests the connection: ok, wrong password, closed port', async () => {
    expect(await client('x').testConnection()).toEqual({ ok: true });
    const wrong = await createWebDavClient({
      baseUrl: server.url,
      user: USER,
      password: 'nope',
      folder: 'x',
    }).testConnection();
    expect(wrong).toEqual({ ok: false, problem: { code: 'auth', status: 401 } });
    const closed = createWebDavClient({
      baseUrl: `http://127.0.0.1:${await freePort()}/`,
      user: 'u',
      password: 'p',
      folder: 'x',
    });
    expect(await closed.testConnection()).toMatchObject({ ok: false, problem: { code: 'unreachable' } });
  });

  it('creates nested folders (twice is fine), writes, lists and reads files with odd names', async () => {
    const c = client(freshFolder() + '/deep & #1 é');
    expect(await c.listFolder()).toBeNull();
    await c.ensureFolder();
    await c.ensureFolder();
    expect(await c.listFiles()).toEqual([]);
    await c.put('a b é.json', '{"x":1}');
    await c.put('second.json', 'two');
    const files = await c.listFiles();
    expect(files.map((f) => f.name).sort()).toEqual(['a b é.json', 'second.json']);
    expect(files.find((f) => f.name === 'second.json')).toMatchObject({ size: 3 });
    expect(files.every((f) => typeof f.etag === 'string')).toBe(true);
    expect(await c.get('a b é.json')).toBe('{"x":1}');
    expect(await c.get('missing.json')).toBeNull();
  });

  it('reports a missing folder as not-found and refuses file names that leave the folder', async () => {
    const c = client(freshFolder());
    await expect(c.listFiles()).rejects.toMatchObject({ problem: { code: 'not-found' } });
    await expect(c.put('../escape.json', '{}')).rejects.toMatchObject({ problem: { code: 'failed' } });
  });
});

describe('two browsers syncing through the server', () => {
  it('a save on A appears on B, a deletion on B reaches A, and changes merge both ways', async () => {
    const c = client(freshFolder());
    const a = await device('chrome-at-work');
    const b = await device('firefox-at-home');
    const saved = await a.list.save(article(1, 'en'));
    await a.list.save(article(2, 'en'));

    expect(await sync(a, c)).toMatchObject({ ok: true, merged: 0, problems: [] });
    expect(await sync(b, c)).toMatchObject({ ok: true, merged: 2, filesRead: 1, problems: [] });
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
    expect(await sync(b, c)).toMatchObject({ ok: true });
    expect(await sync(a, c)).toMatchObject({ ok: true, merged: 1 });
    expect(await sync(b, c)).toMatchObject({ ok: true, merged: 1 });
    for (const d of [a, b]) {
      expect(d.list.items().map((i) => [i.title, i.favourite])).toEqual([['Secret headline number 2', true]]);
      expect(d.list.item(saved.id)?.deleted).toBe(true);
    }
    expect((await c.listFiles()).map((f) => f.name).sort()).toEqual(
      [deviceFileName(a.deviceId), deviceFileName(b.deviceId)].sort(),
    );
  });

  it('a device offline fails without touching its list, then catches up', async () => {
    const c = client(freshFolder(), { timeoutMs: 3_000 });
    const a = await device('laptop');
    const b = await device('desktop');
    await a.list.save(article(10, 'en'));
    expect(await sync(a, c)).toMatchObject({ ok: true });

    await dav.stop();
    try {
      await b.list.save(article(11, 'en'));
      const before = JSON.stringify(b.list.records());
      expect(await sync(b, c)).toMatchObject({ ok: false, problem: { code: 'unreachable' } });
      expect(JSON.stringify(b.list.records())).toBe(before);
      expect(b.list.items()).toHaveLength(1);
    } finally {
      await dav.start();
    }
    expect(await sync(b, c)).toMatchObject({ ok: true, merged: 1 });
    expect(await sync(a, c)).toMatchObject({ ok: true, merged: 1 });
    for (const d of [a, b]) expect(d.list.items()).toHaveLength(2);
  });

  it('skips and reports a damaged or newer remote file, keeps reporting it, and fetches it again only once changed', async () => {
    const folder = freshFolder();
    const c = client(folder);
    const a = await device('tablet');
    await a.list.save(article(20, 'en'));
    expect(await sync(a, c)).toMatchObject({ ok: true });
    await rawRequest(
      server,
      'PUT',
      `${folder}/broken.json`,
      '{"format":"clear-reader-sync", "version": 1, "records": [ {{{',
    );
    await rawRequest(server, 'PUT', `${folder}/future.json`, '{"format":"clear-reader-sync","version":7,"records":[]}');
    const odd = { format: 'clear-reader-sync', version: 1, deviceId: 'odd', writtenAt: 0, records: [{ id: '!' }] };
    await rawRequest(server, 'PUT', `${folder}/odd.json`, JSON.stringify(odd));
    await rawRequest(server, 'PUT', `${folder}/notes.txt`, 'not ours');
    const expected = [
      { file: 'broken.json', code: 'garbage' },
      { file: 'future.json', code: 'newer' },
      { file: 'odd.json', code: 'damaged-items', count: 1 },
    ];
    const result = await sync(a, c);
    expect(result.ok && [...result.problems].sort((x, y) => x.file.localeCompare(y.file))).toMatchObject(expected);
    expect(a.list.items().map((i) => i.title)).toEqual(['Secret headline number 20']);

    const recorder = recordingFetch();
    const again = await sync(a, client(folder, { fetch: recorder.fetch }));
    expect(again.ok && [...again.problems].sort((x, y) => x.file.localeCompare(y.file))).toMatchObject(expected);
    expect(recorder.log).toEqual([`PROPFIND /${folder}/`]);
    // Fixed on the server: read again, and the problem is gone.
    await rawRequest(server, 'PUT', `${folder}/odd.json`, JSON.stringify({ ...odd, records: [] }));
    const fixed = await sync(a, c);
    expect(fixed.ok && fixed.problems.map((p) => p.file).sort()).toEqual(['broken.json', 'future.json']);
    // Our own file is still whole, and a second device still gets the item.
    const b = await device('phone');
    expect(await sync(b, c)).toMatchObject({ ok: true, merged: 1 });
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

  // Requests of B's first sync: PROPFIND the folder, GET A's file, PUT B's.
  it.each([
    ['the server going away after the listing', 2, 'network' as const, 'unreachable'],
    ['the server going away before our write', 3, 'network' as const, 'unreachable'],
    ['a full server (507)', 3, 507, 'full'],
    ['a server error', 2, 500, 'server-error'],
    ['a server that stops taking requests (503)', 1, 503, 'unavailable'],
  ])('%s: a typed failure, and the list is untouched', async (_name, from, failure, code) => {
    const folder = freshFolder();
    const a = await device('mid-a');
    const b = await device('mid-b');
    await a.list.save(article(60, 'en'));
    expect(await sync(a, client(folder))).toMatchObject({ ok: true });
    await b.list.save(article(61, 'en'));
    const before = JSON.stringify(b.list.records());
    const result = await sync(b, client(folder, { fetch: flaky(from, failure) }));
    expect(result).toMatchObject({ ok: false, problem: { code } });
    expect(JSON.stringify(b.list.records())).toBe(before);
    expect(b.list.items()).toHaveLength(1);
    // Nothing was lost: the next sync with the server back completes.
    expect(await sync(b, client(folder))).toMatchObject({ ok: true, merged: 1 });
  });

  it('a sync past its deadline stops before taking anything into the list', async () => {
    const folder = freshFolder();
    const a = await device('deadline-a');
    const b = await device('deadline-b');
    await a.list.save(article(62, 'en'));
    expect(await sync(a, client(folder))).toMatchObject({ ok: true });
    const controller = new AbortController();
    // The deadline passes while B's file is being written.
    const aborting = client(folder, {
      signal: controller.signal,
      fetch: (input, init) => {
        if (init?.method === 'PUT') controller.abort();
        return fetch(input, init);
      },
    });
    const result = await sync(b, aborting, { signal: controller.signal });
    expect(result).toMatchObject({ ok: false, problem: { code: 'abandoned' } });
    expect(b.list.items()).toHaveLength(0);
    expect(await sync(b, client(folder))).toMatchObject({ ok: true, merged: 1 });
  });
});

describe('end-to-end encryption', () => {
  const iterations = 1_000;

  it('round-trips with the right passphrase; the server sees only ciphertext', async () => {
    const folder = freshFolder();
    const c = client(folder);
    const a = await device('enc-a');
    const b = await device('enc-b');
    await a.list.save(article(30, 'en'));
    const options = { passphrase: 'correct horse battery staple', iterations };
    expect(await sync(a, c, options)).toMatchObject({ ok: true });
    const stored = (await rawRequest(server, 'GET', `${folder}/${deviceFileName(a.deviceId)}`)).text;
    expect(stored).not.toContain('Secret headline');
    expect(stored).not.toContain('theguardian');
    expect(JSON.parse(stored)).toMatchObject({
      format: 'clear-reader-sync',
      version: 1,
      encrypted: { kdf: 'PBKDF2-SHA-256', iterations },
    });
    expect(await sync(b, c, options)).toMatchObject({ ok: true, merged: 1 });
    expect(b.list.items().map((i) => i.title)).toEqual(['Secret headline number 30']);
    // B's own file is sealed too.
    expect((await rawRequest(server, 'GET', `${folder}/${deviceFileName(b.deviceId)}`)).text).not.toContain(
      'Secret headline',
    );
  });

  it('a wrong or missing passphrase is a clear error and leaves the list and the server as they were', async () => {
    const folder = freshFolder();
    const c = client(folder);
    const a = await device('enc-c');
    const b = await device('enc-d');
    await a.list.save(article(40, 'en'));
    await sync(a, c, { passphrase: 'right', iterations });
    await b.list.save(article(41, 'en'));
    const before = JSON.stringify(b.list.records());
    const file = deviceFileName(a.deviceId);
    expect(await sync(b, c, { passphrase: 'wrong', iterations })).toEqual({
      ok: false,
      problem: { code: 'wrong-passphrase', file },
      problems: [],
    });
    expect(await sync(b, c)).toMatchObject({ ok: false, problem: { code: 'passphrase-needed', file } });
    expect(JSON.stringify(b.list.records())).toBe(before);
    expect((await c.listFiles()).map((f) => f.name)).toEqual([file]);
  });

  it('derives a key once per salt across syncs sharing a key cache', async () => {
    const c = client(freshFolder());
    const a = await device('enc-e');
    const b = await device('enc-f');
    await a.list.save(article(50, 'en'));
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
      await sync(a, c, { keys: keysA });
      a.clock.now += 1_000;
      await a.list.change(itemIdOf(a, 50), { field: 'favourite', value: true });
      await sync(a, c, { keys: keysA });
      expect(derivations).toBe(1);
      await sync(b, c, { keys: keysB });
      await sync(b, c, { keys: keysB });
      expect(derivations).toBe(3); // A's salt once, B's own salt once
    } finally {
      subtle.deriveKey = deriveKey;
    }
    expect(b.list.items()).toHaveLength(1);
  });
});
