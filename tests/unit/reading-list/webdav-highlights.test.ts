// Highlights in the WebDAV sync, case by case: the `.highlights` file format (plain, sealed, damaged, newer),
// against a real server (npm `webdav-server` on 127.0.0.1) the requests a sync costs, a version without
// highlights beside one with them, files of a newer format, a wrong passphrase, a store that cannot be read, and
// many highlights split into parts a server with an upload limit takes. Convergence under random schedules:
// webdav-highlights-convergence.test.ts.
import { describe, expect, it } from 'vitest';
import {
  changeHighlight,
  createHighlightRecord,
  createKeyCache,
  createWebDavClient,
  decodeHighlightsFile,
  deviceFileName,
  encodeHighlightsFile,
  HIGHLIGHTS_PASS,
  highlightsFileName,
  isHighlightsFile,
  type HighlightRecord,
  type WebDavClientOptions,
} from '../../../core/reading-list/index.ts';
import { davServerForFile } from '../../support/webdav-server.ts';
import { article, device, folderPath, rawRequest, recordingFetch, syncDevice } from '../../support/webdav-devices.ts';
import { memoryHighlights } from '../../support/memory-webdav.ts';

const ITEM = '0abc123def456';
const made = (n: number, note = '', t = 1_760_000_000, d = 'aaaaaa'): HighlightRecord =>
  createHighlightRecord(
    {
      id: `hl${String(n).padStart(10, '0')}`,
      item: ITEM,
      anchor: {
        quote: { exact: `le passage ${n} « cité »`, prefix: 'Avant ', suffix: ' après' },
        position: { start: n * 10, end: n * 10 + 9 },
      },
      note,
    },
    t,
    d,
  );

describe('the highlights file', () => {
  it('is named after the device, never ends in .json, and is told from the list files', () => {
    expect(highlightsFileName('dev-1')).toBe('dev-1.highlights');
    expect(highlightsFileName('dev-1', 3)).toBe('dev-1.3.highlights');
    expect(highlightsFileName('odd id/é')).toBe('odd_id__.highlights');
    expect(isHighlightsFile('dev-1.2.highlights')).toBe(true);
    expect(isHighlightsFile(deviceFileName('dev-1'))).toBe(false);
    expect(isHighlightsFile('dev-1.highlights.json')).toBe(false);
  });

  it('round-trips records, tombstones included, plain and sealed (the server sees the format alone)', async () => {
    const deleted = changeHighlight(made(2, 'Note'), { field: 'deleted', value: true }, 1_760_000_100, 'bbbbbb');
    const file = { deviceId: 'dev-1', writtenAt: 5, records: [made(1, 'Une note\nsur deux lignes 📈'), deleted] };
    const plain = await encodeHighlightsFile(file);
    expect(JSON.parse(plain)).toMatchObject({ format: 'clear-reader-highlights', version: 1, deviceId: 'dev-1' });
    expect(await decodeHighlightsFile(plain)).toEqual({ ok: true, file, encrypted: false, invalidRecords: 0 });

    const keys = createKeyCache('phrase secrète', { iterations: 1_000 });
    const sealed = await encodeHighlightsFile({ ...file, part: { index: 1, count: 2 } }, keys);
    expect(sealed).not.toContain('passage');
    expect(Object.keys(JSON.parse(sealed) as object).sort()).toEqual(['encrypted', 'format', 'version']);
    expect(await decodeHighlightsFile(sealed, keys)).toEqual({ ok: true, file, encrypted: true, invalidRecords: 0 });
    expect(await decodeHighlightsFile(sealed)).toEqual({ ok: false, reason: 'passphrase-needed' });
    const other = createKeyCache('autre', { iterations: 1_000 });
    expect(await decodeHighlightsFile(sealed, other)).toEqual({ ok: false, reason: 'wrong-passphrase' });
  });

  it('leaves out damaged records one by one, and says what it cannot read at all', async () => {
    const plain = JSON.parse(await encodeHighlightsFile({ deviceId: 'd', writtenAt: 1, records: [made(1)] })) as {
      highlights: unknown[];
    };
    plain.highlights.push({ id: 'BAD!' }, 'x');
    const read = await decodeHighlightsFile(JSON.stringify(plain));
    expect(read).toMatchObject({ ok: true, invalidRecords: 2 });
    expect(read.ok && read.file.records.map((r) => r.id)).toEqual([made(1).id]);
    expect(await decodeHighlightsFile('{"format":"clear-reader-highlights","version":7,"x":1}')).toEqual({
      ok: false,
      reason: 'newer',
      detail: 'format 7',
    });
    expect(await decodeHighlightsFile('{"format":"clear-reader-sync","version":1}')).toMatchObject({
      reason: 'garbage',
    });
    expect(await decodeHighlightsFile('{"format":"clear-reader-highlights","version":1}')).toMatchObject({
      reason: 'garbage',
    });
    expect(await decodeHighlightsFile('{"format":"clear-reader-highl')).toMatchObject({ reason: 'garbage' });
  });
});

const dav = davServerForFile();
let folderCount = 0;
const freshFolder = () => `Sync/highlights é & #${++folderCount}`;
const clientOf = (folder: string, options: WebDavClientOptions = {}) =>
  createWebDavClient({ baseUrl: dav().url, user: dav().user, password: dav().password, folder }, options);

async function pair() {
  const a = { ...(await device('hl-a')), highlights: memoryHighlights() };
  const b = { ...(await device('hl-b')), highlights: memoryHighlights() };
  await a.list.save(article(1, 'en'));
  return { a, b };
}

describe('highlights through a real WebDAV server', { timeout: 30_000 }, () => {
  it('go from one device to another, edits come back, and a quiet sync costs one PROPFIND', async () => {
    const folder = freshFolder();
    const recorder = recordingFetch();
    const c = clientOf(folder, { fetch: recorder.fetch });
    const { a, b } = await pair();
    a.highlights.map.set(made(1).id, made(1, 'Première note'));
    expect(await syncDevice(a, c, { highlights: a.highlights })).toMatchObject({
      ok: true,
      highlights: { merged: 0, filesRead: 0 },
    });
    const path = `/${folder}/`;
    expect(recorder.log.filter((l) => l.startsWith('PUT'))).toEqual([
      `PUT ${path}${deviceFileName('hl-a')}`,
      `PUT ${path}hl-a.highlights`,
    ]);

    recorder.clear();
    const toB = await syncDevice(b, c, { highlights: b.highlights });
    expect(toB).toMatchObject({ ok: true, highlights: { merged: 1, items: [ITEM], filesRead: 1 } });
    expect(b.highlights.map.get(made(1).id)?.note?.value).toBe('Première note');

    // B edits the note and recolours; A gets both.
    const edited = changeHighlight(
      changeHighlight(b.highlights.map.get(made(1).id)!, { field: 'note', value: 'Revue sur B' }, 1_760_000_500, 'b'),
      { field: 'color', value: 'pink' },
      1_760_000_501,
      'b',
    );
    b.highlights.map.set(edited.id, edited);
    expect(await syncDevice(b, c, { highlights: b.highlights })).toMatchObject({ ok: true });
    expect(await syncDevice(a, c, { highlights: a.highlights })).toMatchObject({ highlights: { merged: 1 } });
    expect(a.highlights.map.get(edited.id)).toEqual(edited);
    // A's file now holds B's edit too (each file carries all its device knows): B reads it once, learns nothing.
    expect(await syncDevice(b, c, { highlights: b.highlights })).toMatchObject({
      highlights: { merged: 0, filesRead: 1 },
    });

    for (const d of [a, b, a]) {
      recorder.clear();
      expect(await syncDevice(d, c, { highlights: d.highlights })).toMatchObject({ ok: true, wroteBytes: 0 });
      expect(recorder.log).toEqual([`PROPFIND ${path}`]);
    }
  });

  it('leave a version without highlights undisturbed, and a newer format or damaged file is reported, not fatal', async () => {
    const folder = freshFolder();
    const c = clientOf(folder);
    const { a, b } = await pair();
    a.highlights.map.set(made(1).id, made(1));
    expect(await syncDevice(a, c, { highlights: a.highlights })).toMatchObject({ ok: true });
    // B syncs as a version that knows nothing of highlights: the list is merged, nothing is reported.
    expect(await syncDevice(b, c)).toMatchObject({ ok: true, merged: 1, problems: [] });

    await rawRequest(
      dav(),
      'PUT',
      `${folderPath(folder)}future.highlights`,
      '{"format":"clear-reader-highlights","version":9}',
    );
    await rawRequest(dav(), 'PUT', `${folderPath(folder)}broken.highlights`, '{"format":"clear-reader-hi');
    const result = await syncDevice(b, c, { highlights: b.highlights });
    expect(result).toMatchObject({ ok: true, highlights: { merged: 1 } });
    expect(result.problems.map((p) => [p.file, p.code]).sort()).toEqual([
      ['broken.highlights', 'garbage'],
      ['future.highlights', 'newer'],
    ]);
    // Not fetched again until they change, and still reported.
    const recorder = recordingFetch();
    const again = await syncDevice(b, clientOf(folder, { fetch: recorder.fetch }), { highlights: b.highlights });
    expect(again.problems).toHaveLength(2);
    expect(recorder.count('GET')).toBe(0);
  });

  it('stop before writing anything on a wrong passphrase, and sync the list when the store cannot be read', async () => {
    const folder = freshFolder();
    const c = clientOf(folder);
    const { a, b } = await pair();
    a.highlights.map.set(made(1).id, made(1, 'Secrète'));
    const keysA = createKeyCache('une phrase', { iterations: 1_000 });
    expect(await syncDevice(a, c, { highlights: a.highlights, keys: keysA })).toMatchObject({ ok: true });
    const listing = await c.listFiles();
    const sealed = await c.get('hl-a.highlights');
    expect(sealed).not.toContain('Secrète');
    expect(listing.map((f) => f.name).sort()).toEqual(['hl-a.highlights', deviceFileName('hl-a')]);

    const keysB = createKeyCache('une autre', { iterations: 1_000 });
    const wrong = await syncDevice(b, c, { highlights: b.highlights, keys: keysB });
    expect(wrong).toMatchObject({ ok: false, problem: { code: 'wrong-passphrase' } });
    expect((await c.listFiles()).length).toBe(2);

    const broken = {
      records: () => Promise.reject(new Error('IndexedDB is closed')),
      absorb: () => Promise.resolve([]),
    };
    const result = await syncDevice(b, c, {
      highlights: broken,
      keys: createKeyCache('une phrase', { iterations: 1_000 }),
    });
    expect(result).toMatchObject({ ok: true, merged: 1 });
    expect(result.ok && result.highlights).toBeUndefined();
    expect(result.problems).toEqual([{ code: 'failed', file: HIGHLIGHTS_PASS, detail: 'IndexedDB is closed' }]);
  });

  it('are split into parts a server with an upload limit takes, each read by the other device', async () => {
    const folder = freshFolder();
    const c = clientOf(folder);
    const { a, b } = await pair();
    const long = 'Une longue note, qui revient sur le passage et le discute. '.repeat(20);
    for (let n = 0; n < 120; n++) a.highlights.map.set(made(n).id, made(n, `${n} ${long}`));
    const result = await syncDevice(a, c, { highlights: a.highlights, partBytes: 32 * 1024 });
    expect(result).toMatchObject({ ok: true });
    const names = (await c.listFiles()).map((f) => f.name).filter(isHighlightsFile);
    expect(names.length).toBeGreaterThanOrEqual(4);
    for (const f of await c.listFiles()) expect(f.size).toBeLessThanOrEqual(32 * 1024);
    expect(await syncDevice(b, c, { highlights: b.highlights })).toMatchObject({
      highlights: { merged: 120, filesRead: names.length },
    });
    expect([...b.highlights.map.values()].map((r) => r.note?.value).sort()).toEqual(
      [...a.highlights.map.values()].map((r) => r.note?.value).sort(),
    );
  });
});
