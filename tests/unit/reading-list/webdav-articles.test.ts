// Offline copies synced as separate files through a real WebDAV server (npm `webdav-server` on 127.0.0.1):
// uploaded by the device that has them, downloaded by the others for items in their list, deleted with the item,
// sealed with the passphrase; and one by one: a copy refused (413, 403), too large, damaged or stalled is reported
// for that article and skipped, and the others go on.
import { describe, expect, it } from 'vitest';
import {
  ARTICLES_FOLDER,
  encodeArticleCopy,
  MAX_COPY_BYTES,
  syncArticleCopies,
  validateArticleCopy,
  type WebDavClientOptions,
} from '../../../core/reading-list/index.ts';
import { davServerForFile, startScriptedServer, type DavServer } from '../../support/webdav-server.ts';
import {
  article,
  clientsFor,
  copyOf,
  device,
  rawRequest,
  recordingFetch,
  saveWithCopy,
  syncDevice,
  bodyBytes,
  urlOf,
  type Device,
} from '../../support/webdav-devices.ts';

const dav = davServerForFile();
let folderCount = 0;

const clients = (options: WebDavClientOptions = {}, base: DavServer = dav()) =>
  clientsFor(base, `Sync/copies-${++folderCount}`, options);

/** Syncs the list and the copies, as the background does (memo passed back). */
const syncWith = (c: ReturnType<typeof clients>) => (d: Device, passphrase?: string) =>
  syncDevice(d, c.list, {
    articles: { client: c.articles, store: d.store },
    ...(passphrase ? { passphrase, iterations: 1_000 } : {}),
  });

describe('offline copies through WebDAV', { timeout: 30_000 }, () => {
  it('a copy saved on A is readable on B after both sync; deleting the item deletes its file', async () => {
    const c = clients();
    const sync = syncWith(c);
    const a = await device('chrome-at-work');
    const b = await device('firefox-at-home');
    const first = await saveWithCopy(a, 1);
    await saveWithCopy(a, 2);

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
    const sync = syncWith(c);
    const a = await device('laptop');
    const b = await device('desktop');
    const item = await saveWithCopy(a, 3);
    expect(await sync(a, 'correct horse battery staple')).toMatchObject({ articles: { uploaded: 1 } });
    const onServer = await rawRequest(dav(), 'GET', `${c.folder}/${ARTICLES_FOLDER}/${item.id}.json`);
    expect(onServer.status).toBe(200);
    expect(onServer.text).toContain('"encrypted"');
    expect(onServer.text).not.toContain('secret');
    expect(onServer.text).not.toContain('histoire');
    expect(await sync(b, 'correct horse battery staple')).toMatchObject({ articles: { downloaded: 1 } });
    expect(b.store.copies.get(item.id)?.article.text).toContain('Le texte secret de l’histoire 3');
  });

  it('skips and reports a damaged, foreign or hostile file, and takes the good ones; not fetched again unchanged', async () => {
    const c = clients();
    const a = await device('tablet');
    const b = await device('phone');
    const good = await saveWithCopy(a, 4);
    const broken = await a.list.save(article(5));
    const renamed = await a.list.save(article(6));
    const future = await a.list.save(article(7));
    await syncDevice(a, c.list); // the list only
    await syncArticleCopies(a.list, c.articles, a.store);
    const dir = `${c.folder}/${ARTICLES_FOLDER}`;
    await rawRequest(
      dav(),
      'PUT',
      `${dir}/${broken.id}.json`,
      '{"format":"clear-reader-article","version":1,"copy":{{',
    );
    // Another item's copy under this one's name: refused, it would show the wrong article.
    await rawRequest(dav(), 'PUT', `${dir}/${renamed.id}.json`, await encodeArticleCopy(copyOf(good.id, 4)));
    await rawRequest(dav(), 'PUT', `${dir}/${future.id}.json`, '{"format":"clear-reader-article","version":9}');

    const expected = [
      { file: `${ARTICLES_FOLDER}/${broken.id}.json`, title: broken.title, code: 'garbage' },
      { file: `${ARTICLES_FOLDER}/${renamed.id}.json`, title: renamed.title, code: 'unusable-copy' },
      { file: `${ARTICLES_FOLDER}/${future.id}.json`, title: future.title, code: 'newer' },
    ].sort((x, y) => x.file.localeCompare(y.file));
    const sorted = (r: Awaited<ReturnType<typeof syncDevice>>) =>
      r.ok ? [...r.problems].sort((x, y) => x.file.localeCompare(y.file)) : r;
    const result = await syncWith(c)(b);
    expect(result).toMatchObject({ ok: true, articles: { downloaded: 1 } });
    expect(sorted(result)).toMatchObject(expected);
    expect([...b.store.copies.keys()]).toEqual([good.id]);
    expect(b.list.items()).toHaveLength(4); // the list itself is untouched by bad copies

    // The articles folder is listed again only when something may have changed: here A wrote its list.
    a.clock.now += 1_000;
    await a.list.change(good.id, { field: 'favourite', value: true });
    await syncDevice(a, c.list);
    const recorder = recordingFetch();
    const again = await syncDevice(b, c.list, {
      articles: { client: clientsFor(dav(), c.folder, { fetch: recorder.fetch }).articles, store: b.store },
    });
    expect(sorted(again)).toMatchObject(expected);
    expect(recorder.log).toEqual([`PROPFIND /${dir}/`]); // the bad files are not fetched again
  });

  it('moves at most a batch per sync and says how many wait', async () => {
    const c = clients();
    const a = await device('many');
    for (let n = 10; n < 15; n++) await saveWithCopy(a, n);
    const first = await syncArticleCopies(a.list, c.articles, a.store, { maxTransfers: 3 });
    expect(first).toMatchObject({ uploaded: 3, pending: 2, problems: [] });
    const second = await syncArticleCopies(a.list, c.articles, a.store, { maxTransfers: 3, memo: first.memo });
    expect(second).toMatchObject({ uploaded: 2, pending: 0 });
    expect(await c.articles.listFiles()).toHaveLength(5);
  });

  it('with nothing new on either side, a sync with copies costs one PROPFIND', async () => {
    const recorder = recordingFetch();
    const c = clients({ fetch: recorder.fetch });
    const sync = syncWith(c);
    const a = await device('quiet-a');
    const b = await device('quiet-b');
    await saveWithCopy(a, 16);
    await sync(a);
    await sync(b);
    await sync(a); // reads B's new file, lists the copies again
    for (const d of [a, b]) {
      recorder.clear();
      expect(await sync(d)).toMatchObject({ ok: true, articles: { uploaded: 0, downloaded: 0 } });
      expect(recorder.log).toEqual([`PROPFIND /${c.folder}/`]);
    }
    // A copy saved on A: uploaded without listing the folder first.
    await saveWithCopy(a, 17);
    recorder.clear();
    expect(await sync(a)).toMatchObject({ ok: true, articles: { uploaded: 1 } });
    expect(recorder.count('PROPFIND')).toBe(1);
    expect(recorder.count('PUT')).toBe(2); // A's list file and the copy
  });
});

describe('one copy at a time', { timeout: 30_000 }, () => {
  it('a copy the server refuses as too large (413) is reported for that article; the others go on', async () => {
    const limit = 2_000;
    const tooLarge: typeof fetch = (input, init) =>
      init?.method === 'PUT' && bodyBytes(init) > limit && urlOf(input).includes(`/${ARTICLES_FOLDER}/`)
        ? Promise.resolve(new Response('', { status: 413 }))
        : fetch(input, init);
    const c = clients({ fetch: tooLarge });
    const sync = syncWith(c);
    const a = await device('refused-a');
    const b = await device('refused-b');
    const small = await saveWithCopy(a, 20);
    const big = await saveWithCopy(a, 21, 4_000);
    const other = await saveWithCopy(a, 22);
    const result = await sync(a);
    expect(result).toMatchObject({
      ok: true,
      articles: { uploaded: 2 },
      problems: [{ code: 'too-large', status: 413, title: big.title, file: `${ARTICLES_FOLDER}/${big.id}.json` }],
    });
    expect(result.ok && result.problems[0]!.bytes).toBeGreaterThan(4_000);
    // Not offered again at the next sync, and still said.
    const recorder = recordingFetch();
    const again = await syncDevice(a, c.list, {
      articles: { client: clientsFor(dav(), c.folder, { fetch: recorder.fetch }).articles, store: a.store },
    });
    expect(again).toMatchObject({ ok: true, problems: [{ code: 'too-large', title: big.title }] });
    expect(recorder.count('PUT')).toBe(0);

    expect(await sync(b)).toMatchObject({ ok: true, articles: { downloaded: 2 }, problems: [] });
    expect([...b.store.copies.keys()].sort()).toEqual([small.id, other.id].sort());
    expect(a.store.copies.has(big.id)).toBe(true); // kept on the device that has it
  });

  it('counts a copy’s size in bytes: accented text over the limit is not sent', async () => {
    const c = clients();
    const a = await device('accents');
    const item = await a.list.save(article(23));
    const copy = copyOf(item.id, 23);
    // 2 bytes per "é" in UTF-8, 1 unit in UTF-16: under the limit by length, over it in bytes.
    copy.article.text = 'é'.repeat(Math.ceil(MAX_COPY_BYTES * 0.6));
    await a.store.put(copy);
    const result = await syncWith(c)(a);
    expect(result).toMatchObject({ ok: true, articles: { uploaded: 0 }, problems: [{ code: 'copy-too-large' }] });
    expect(result.ok && result.problems[0]!.bytes).toBeGreaterThan(MAX_COPY_BYTES);
  });

  it('a copy refused (403) or locked (423) is reported; the others go on', async () => {
    let refuse = new Set<string>();
    const c = clients({
      fetch: (input, init) => {
        const name = urlOf(input).split('/').pop()!;
        if (init?.method === 'PUT' && refuse.has(name)) return Promise.resolve(new Response('', { status: 403 }));
        if (init?.method === 'GET' && refuse.has(name)) return Promise.resolve(new Response('', { status: 423 }));
        return fetch(input, init);
      },
    });
    const sync = syncWith(c);
    const a = await device('forbidden-a');
    const b = await device('forbidden-b');
    const items = [await saveWithCopy(a, 30), await saveWithCopy(a, 31), await saveWithCopy(a, 32)];
    refuse = new Set([`${items[0]!.id}.json`]);
    expect(await sync(a)).toMatchObject({ ok: true, articles: { uploaded: 2 }, problems: [{ code: 'forbidden' }] });
    refuse = new Set([`${items[1]!.id}.json`]);
    const got = await sync(b);
    expect(got).toMatchObject({
      ok: true,
      articles: { downloaded: 1 },
      problems: [{ code: 'locked', title: items[1]!.title }],
    });
    expect([...b.store.copies.keys()]).toEqual([items[2]!.id]);
  });

  it('a copy whose download stalls passes its deadline; the other copies still come', async () => {
    const c0 = clients();
    const a = await device('stall-a');
    const b = await device('stall-b');
    const stuck = await saveWithCopy(a, 40);
    const fine = [await saveWithCopy(a, 41), await saveWithCopy(a, 42)];
    expect(await syncWith(c0)(a)).toMatchObject({ ok: true, articles: { uploaded: 3 } });
    const stalling = await startScriptedServer(
      (method, path) => (method === 'GET' && path.endsWith(`/${stuck.id}.json`) ? { stall: 'after-headers' } : null),
      dav().url,
    );
    try {
      const proxied = { ...dav(), url: stalling.url };
      const c = clientsFor(proxied, c0.folder, { timeoutMs: 3_000 });
      const result = await syncWith(c)(b);
      expect(result).toMatchObject({
        ok: true,
        articles: { downloaded: 2 },
        problems: [{ code: 'timeout', title: stuck.title }],
      });
      expect([...b.store.copies.keys()].sort()).toEqual(fine.map((i) => i.id).sort());
    } finally {
      await stalling.stop();
    }
  });

  it('three server failures in a row stop the pass; a full server stops uploads but not downloads', async () => {
    const c0 = clients();
    const a = await device('trouble-a');
    const b = await device('trouble-b');
    for (let n = 50; n < 52; n++) await saveWithCopy(a, n);
    await syncWith(c0)(a);
    for (let n = 52; n < 57; n++) await saveWithCopy(b, n);
    const failing =
      (status: number): typeof fetch =>
      (input, init) =>
        init?.method === 'PUT' && urlOf(input).includes(`/${ARTICLES_FOLDER}/`)
          ? Promise.resolve(new Response('', { status }))
          : fetch(input, init);

    const full = await syncWith(clientsFor(dav(), c0.folder, { fetch: failing(507) }))(b);
    // One full answer: the other uploads wait; both downloads happen.
    expect(full).toMatchObject({ ok: true, articles: { uploaded: 0, downloaded: 2, pending: 4 } });
    expect(full.ok && full.problems.map((p) => p.code)).toEqual(['full']);

    const broken = await syncWith(clientsFor(dav(), c0.folder, { fetch: failing(500) }))(b);
    expect(broken.ok && broken.problems.map((p) => [p.code, p.file === ''])).toEqual([
      ['server-error', false],
      ['server-error', false],
      ['server-error', false],
      ['server-error', true], // the pass stopped
    ]);
  });

  it('the password refused stops the pass at once, said once', async () => {
    const c0 = clients();
    const a = await device('auth-a');
    for (let n = 60; n < 63; n++) await saveWithCopy(a, n);
    const refusing: typeof fetch = (input, init) =>
      urlOf(input).includes(`/${ARTICLES_FOLDER}/`)
        ? Promise.resolve(new Response('', { status: 401 }))
        : fetch(input, init);
    const result = await syncWith(clientsFor(dav(), c0.folder, { fetch: refusing }))(a);
    expect(result).toMatchObject({ ok: true, articles: { uploaded: 0 }, problems: [{ code: 'auth', file: '' }] });
    expect(result.ok && result.problems).toHaveLength(1);
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
