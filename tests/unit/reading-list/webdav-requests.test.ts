// What a sync asks of a real WebDAV server (npm `webdav-server` on 127.0.0.1), counted request by request: the
// folder created only when missing, one PROPFIND when nothing changed on either side, only what changed read or
// written; and a server that refuses large files (413): the list split into files it takes.
import { describe, expect, it } from 'vitest';
import {
  createWebDavClient,
  deviceFileName,
  PART_BYTES,
  type WebDavClient,
  type WebDavClientOptions,
} from '../../../core/reading-list/index.ts';
import { davServerForFile } from '../../support/webdav-server.ts';
import {
  article,
  bodyBytes,
  device,
  rawRequest,
  recordingFetch,
  syncDevice,
  type Device,
} from '../../support/webdav-devices.ts';

const dav = davServerForFile();
let folderCount = 0;

const freshFolder = () => `Sync/requests-${++folderCount}`;
const client = (folder: string, options: WebDavClientOptions = {}): WebDavClient =>
  createWebDavClient({ baseUrl: dav().url, user: dav().user, password: dav().password, folder }, options);
const sync = syncDevice;
const itemIdOf = (d: Device, n: number) => d.list.items().find((i) => i.title === article(n, 'en').title)!.id;

describe('the requests a sync costs', { timeout: 30_000 }, () => {
  it('creates the folder only when missing; with nothing new on either side, one PROPFIND and nothing else', async () => {
    const folder = freshFolder();
    const recorder = recordingFetch();
    const c = client(folder, { fetch: recorder.fetch });
    const a = await device('quiet-a');
    const b = await device('quiet-b');
    await a.list.save(article(70, 'en'));
    expect(await sync(a, c)).toMatchObject({ ok: true });
    expect(recorder.log).toEqual([
      `PROPFIND /${folder}/`,
      'MKCOL /Sync/',
      `MKCOL /${folder}/`,
      `PUT /${folder}/${deviceFileName(a.deviceId)}`,
    ]);

    for (const d of [a, a, a]) {
      recorder.clear();
      expect(await sync(d, c)).toMatchObject({ ok: true, wroteBytes: 0, filesRead: 0 });
      expect(recorder.log).toEqual([`PROPFIND /${folder}/`]);
    }

    recorder.clear();
    expect(await sync(b, c)).toMatchObject({ ok: true, merged: 1, filesRead: 1 });
    expect(recorder.log).toEqual([
      `PROPFIND /${folder}/`,
      `GET /${folder}/${deviceFileName(a.deviceId)}`,
      `PUT /${folder}/${deviceFileName(b.deviceId)}`,
    ]);
    // A reads B's new file once (it has nothing A lacks: nothing to write).
    recorder.clear();
    expect(await sync(a, c)).toMatchObject({ ok: true, merged: 0, filesRead: 1, wroteBytes: 0 });
    expect(recorder.log).toEqual([`PROPFIND /${folder}/`, `GET /${folder}/${deviceFileName(b.deviceId)}`]);
    for (const d of [a, b]) {
      recorder.clear();
      expect(await sync(d, c)).toMatchObject({ ok: true, merged: 0, filesRead: 0, wroteBytes: 0 });
      expect(recorder.log).toEqual([`PROPFIND /${folder}/`]);
    }

    // One change on A: A writes its file; B reads it, and nothing else.
    a.clock.now += 60_000;
    await a.list.change(itemIdOf(a, 70), { field: 'favourite', value: true });
    recorder.clear();
    await sync(a, c);
    expect(recorder.log).toEqual([`PROPFIND /${folder}/`, `PUT /${folder}/${deviceFileName(a.deviceId)}`]);
    recorder.clear();
    expect(await sync(b, c)).toMatchObject({ ok: true, merged: 1 });
    expect(recorder.log).toEqual([
      `PROPFIND /${folder}/`,
      `GET /${folder}/${deviceFileName(a.deviceId)}`,
      `PUT /${folder}/${deviceFileName(b.deviceId)}`,
    ]);
  });

  it('writes again a file of ours that went missing on the server, and ignores a memo of other settings', async () => {
    const folder = freshFolder();
    const a = await device('memo-a');
    await a.list.save(article(71, 'en'));
    expect(await sync(a, client(folder))).toMatchObject({ ok: true });
    await rawRequest(dav(), 'DELETE', `${folder}/${deviceFileName(a.deviceId)}`);
    const rewritten = await sync(a, client(folder));
    expect(rewritten.ok && rewritten.wroteBytes).toBeGreaterThan(0);
    expect((await client(folder).listFiles()).map((f) => f.name)).toEqual([deviceFileName(a.deviceId)]);

    // The same memo for another folder, or another passphrase: not trusted, everything is written.
    const other = freshFolder();
    const elsewhere = await sync(a, client(other));
    expect(elsewhere).toMatchObject({ ok: true });
    expect(elsewhere.ok && elsewhere.wroteBytes).toBeGreaterThan(0);
    const sealed = await sync(a, client(other), { passphrase: 'now sealed', iterations: 1_000 });
    expect(sealed.ok && sealed.wroteBytes).toBeGreaterThan(0);
    expect((await rawRequest(dav(), 'GET', `${other}/${deviceFileName(a.deviceId)}`)).text).toContain('"encrypted"');
  });
});

describe('a server that refuses large files (413)', { timeout: 30_000 }, () => {
  /** The real server behind a limit on request bodies, as nginx's client_max_body_size. */
  const limited =
    (limit: number): typeof fetch =>
    (input, init) =>
      init?.method === 'PUT' && bodyBytes(init) > limit
        ? Promise.resolve(new Response('', { status: 413 }))
        : fetch(input, init);

  it('splits the list into files the server takes, remembers the size, and the other device reads them all', async () => {
    const folder = freshFolder();
    const limit = 16 * 1024;
    const a = await device('big-a');
    const b = await device('big-b');
    for (let n = 0; n < 120; n++) await a.list.save(article(1_000 + n, 'en'));
    const first = await sync(a, client(folder, { fetch: limited(limit) }), { passphrase: 'phrase', iterations: 1_000 });
    expect(first).toMatchObject({ ok: true, problems: [] });
    const files = await client(folder).listFiles();
    expect(files.length).toBeGreaterThan(1);
    for (const file of files) expect(file.size).toBeLessThanOrEqual(limit);
    expect(first.ok && first.memo.partBytes).toBeLessThan(PART_BYTES);

    // The next write goes straight to the smaller size: no 413 again.
    a.clock.now += 60_000;
    await a.list.save(article(2_000, 'en'));
    let refused = 0;
    const counting = client(folder, {
      fetch: async (input, init) => {
        const response = await limited(limit)(input, init);
        if (response.status === 413) refused++;
        return response;
      },
    });
    expect(await sync(a, counting, { passphrase: 'phrase', iterations: 1_000 })).toMatchObject({ ok: true });
    expect(refused).toBe(0);

    const got = await sync(b, client(folder), { passphrase: 'phrase', iterations: 1_000 });
    expect(got).toMatchObject({ ok: true, merged: 121, filesRead: files.length });
    expect(b.list.items()).toHaveLength(121);
  });

  it('says so in plain words when even a small file is refused', async () => {
    const a = await device('tiny');
    await a.list.save(article(3_000, 'en'));
    const result = await sync(a, client(freshFolder(), { fetch: limited(100) }));
    expect(result).toMatchObject({ ok: false, problem: { code: 'too-large', status: 413 } });
  });
});
