// The interoperability matrix: the two-device scenario, plain and with a passphrase, with offline copies, against
// every WebDAV server the suite can start: npm webdav-server, Debian's Apache httpd with mod_dav_fs, and nginx
// with dav-ext (each the test's own process, own config, own port). Basic auth with a non-ASCII password, a
// folder named with spaces, accents, & and #, and an upload limit (64 KiB: a large copy is refused and reported,
// the list and 60 highlights with long notes are split under it). Apache and nginx are installed by .ci/run; where they are missing the matrix says
// so loudly and skips them, except in CI (CI=true), where a missing server fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ARTICLES_FOLDER,
  createHighlightRecord,
  deviceFileName,
  isHighlightsFile,
  type HighlightRecord,
  type WebDavSyncResult,
} from '../../../core/reading-list/index.ts';
import { memoryHighlights } from '../../support/memory-webdav.ts';
import { missingBinaries, startDavServer, type DavServer, type DavServerName } from '../../support/webdav-server.ts';
import {
  article,
  clientsFor,
  device,
  folderPath,
  rawRequest,
  recordingFetch,
  saveWithCopy,
  syncDevice,
  type Device,
} from '../../support/webdav-devices.ts';

const USER = 'lecteur';
// Non-ASCII, sent as UTF-8 (npm webdav-server only takes credentials whose base64 has no + or /: this one).
const PASSWORD = 'mot-de-passe-é€';
const FOLDER = 'Clear Reader/Lectures é & #1';
const UPLOAD_LIMIT = 64 * 1024;
const ITEMS = 150;
const inCI = process.env.CI === 'true';

const SERVERS: DavServerName[] = ['webdav-server', 'apache', 'nginx'];

function available(name: DavServerName): boolean {
  if (name === 'webdav-server') return true;
  const missing = missingBinaries(name);
  if (!missing) return true;
  if (inCI) return true; // started anyway: the failure says what is missing
  console.warn(
    `\n!!! WebDAV matrix: ${name} is NOT TESTED here (missing ${missing}).` +
      `\n!!! Install it (sudo apt-get install apache2 nginx libnginx-mod-http-dav-ext) or run .ci/run.\n`,
  );
  return false;
}

/** Until the server's clock is 2 s past its newest file: servers without ETags (nginx) date files to the second. */
async function settled(server: DavServer, folder: string): Promise<void> {
  for (;;) {
    const newest = await newestChange(server, folderPath(folder));
    const articles = await newestChange(server, folderPath(`${folder}/${ARTICLES_FOLDER}`));
    const now = await serverTime(server);
    if (now - Math.max(newest, articles) > 2_000) return;
    await new Promise((resolve) => setTimeout(resolve, 200)); // polling the server's clock
  }
}

async function serverTime(server: DavServer): Promise<number> {
  const response = await fetch(server.url, { method: 'OPTIONS' });
  await response.body?.cancel();
  return Date.parse(response.headers.get('date') ?? '');
}

async function newestChange(server: DavServer, path: string): Promise<number> {
  const auth = 'Basic ' + Buffer.from(`${server.user}:${server.password}`).toString('base64');
  const response = await fetch(new URL(path, server.url), {
    method: 'PROPFIND',
    headers: { Authorization: auth, Depth: '1' },
  });
  const text = await response.text();
  const dates = [...text.matchAll(/getlastmodified>([^<]+)</gi)].map((m) => Date.parse(m[1]!));
  return Math.max(0, ...dates.filter(Number.isFinite));
}

const HIGHLIGHTS = 60;

/** Highlights of one item, each with a note of about 1.5 KB. */
function noteworthy(item: string, count: number): HighlightRecord[] {
  const note = 'Une note sur cette histoire, qui discute le passage en détail. '.repeat(24);
  return Array.from({ length: count }, (_, n) =>
    createHighlightRecord(
      {
        id: `hl${String(n).padStart(10, '0')}`,
        item,
        anchor: { quote: { exact: `passage ${n}`, prefix: '', suffix: '' }, position: null },
        note: `${n}. ${note}`,
      },
      1_760_000_000 + n,
      'aaaaaa',
    ),
  );
}

const problemCodes = (result: WebDavSyncResult) =>
  result.ok
    ? result.problems.map((p) => `${p.code}${p.title ? ` ${p.title}` : ''}`)
    : [`FAILED ${result.problem.code}`];

describe.each(SERVERS)('WebDAV interoperability: %s', (name) => {
  const run = available(name);
  let server: DavServer;

  beforeAll(async () => {
    if (!run) return;
    server = await startDavServer(name, { user: USER, password: PASSWORD, uploadLimit: UPLOAD_LIMIT });
  });

  afterAll(async () => {
    await server?.stop();
  });

  it.skipIf(!run).each([
    ['plain', undefined],
    ['with a passphrase', 'une phrase de passe assez longue'],
  ])(
    'two devices, %s, with offline copies',
    async (_label, passphrase) => {
      const folder = `${FOLDER}/${passphrase ? 'sealed' : 'plain'}`;
      const c = clientsFor(server, folder);
      const highlights = new Map<Device, ReturnType<typeof memoryHighlights>>();
      const sync = (d: Device) =>
        syncDevice(d, c.list, {
          articles: { client: c.articles, store: d.store },
          highlights: highlights.get(d),
          ...(passphrase ? { passphrase, iterations: 1_000 } : {}),
        });
      const a = await device(`chrome-${name}`);
      const b = await device(`firefox-${name}`);
      const first = await saveWithCopy(a, 1);
      const big = await saveWithCopy(a, 2, 100 * 1024); // over the upload limit
      await saveWithCopy(a, 3);
      for (let n = 4; n <= ITEMS; n++) await a.list.save(article(n));
      highlights.set(a, memoryHighlights()).set(b, memoryHighlights());
      // Highlights with long notes: more than the upload limit in all, so their file is split too.
      for (const record of noteworthy(first.id, HIGHLIGHTS)) highlights.get(a)!.map.set(record.id, record);

      // A: the list in files the server takes; the big copy refused and said for its article; the others uploaded.
      const limited = server.uploadLimit !== null;
      const fromA = await sync(a);
      expect(problemCodes(fromA)).toEqual(limited ? [`too-large ${big.title}`] : []);
      expect(fromA).toMatchObject({ ok: true, articles: { uploaded: limited ? 2 : 3 } });
      const files = await c.list.listFiles();
      // Highlights go in one file where the server takes any size (their parts are 256 KiB at most).
      for (const file of files.filter((f) => limited || !isHighlightsFile(f.name))) {
        expect(file.size ?? 0).toBeLessThanOrEqual(UPLOAD_LIMIT);
      }
      if (passphrase) {
        for (const file of files) {
          const stored = await rawRequest(server, 'GET', folderPath(folder) + encodeURIComponent(file.name));
          expect(stored.text).not.toContain('histoire');
        }
      }

      // B: every item, and the copies the server holds.
      const toB = await sync(b);
      expect(problemCodes(toB)).toEqual([]);
      expect(toB).toMatchObject({ ok: true, merged: ITEMS, articles: { downloaded: limited ? 2 : 3 } });
      expect(b.list.items()).toHaveLength(ITEMS);
      expect(b.store.copies.get(first.id)?.article.text).toContain('histoire 1');
      expect(b.store.copies.has(big.id)).toBe(!limited);
      expect(toB).toMatchObject({ highlights: { merged: HIGHLIGHTS } });
      expect([...highlights.get(b)!.map.values()]).toEqual(
        expect.arrayContaining([...highlights.get(a)!.map.values()]),
      );

      // A deletion on B reaches A, and the copy's file goes with it.
      b.clock.now += 60_000;
      await b.list.change(first.id, { field: 'deleted', value: true });
      expect(await sync(b)).toMatchObject({ ok: true, articles: { removed: 1 } });
      expect(await sync(a)).toMatchObject({ ok: true, merged: 1 });
      expect(a.list.item(first.id)?.deleted).toBe(true);
      expect((await c.articles.listFiles()).map((f) => f.name)).not.toContain(`${first.id}.json`);

      // Nothing new on either side: one PROPFIND each, no upload.
      await settled(server, folder);
      await sync(a);
      await sync(b);
      for (const d of [a, b]) {
        const recorder = recordingFetch();
        const quiet = clientsFor(server, folder, { fetch: recorder.fetch });
        const result = await syncDevice(d, quiet.list, {
          articles: { client: quiet.articles, store: d.store },
          highlights: highlights.get(d),
          ...(passphrase ? { passphrase, iterations: 1_000 } : {}),
        });
        expect(result).toMatchObject({ ok: true, merged: 0, wroteBytes: 0 });
        expect(recorder.log).toEqual([`PROPFIND /${folder}/`]);
      }
      expect(files.map((f) => f.name)).toContain(deviceFileName(a.deviceId));
      if (limited) expect(files.filter((f) => isHighlightsFile(f.name)).length).toBeGreaterThan(1);
    },
    120_000,
  );

  it.skipIf(!run)('tells a wrong password from a wrong address', async () => {
    const wrong = clientsFor({ ...server, password: 'mot-de-passe-e€' }, 'x').list;
    expect(await wrong.testConnection()).toMatchObject({ ok: false, problem: { code: 'auth', status: 401 } });
    const right = clientsFor(server, 'x').list;
    expect(await right.testConnection()).toEqual({ ok: true });
    const nowhere = clientsFor({ ...server, url: `${server.url}no/such/base/` }, 'x').list;
    expect(await nowhere.testConnection()).toMatchObject({ ok: false, problem: { code: 'not-found' } });
  });
});
