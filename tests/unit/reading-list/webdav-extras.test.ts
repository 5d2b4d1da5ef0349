// The reader's site rules and Listen's places in the WebDAV device file: they travel between devices, a change of
// either is written even when no item changed, encrypted files carry them too, and files of a version before them
// (no such fields) are read as they always were; a version before them still reads ours (it ignores the fields).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createKeyCache,
  createMemorySyncArea,
  createSiteRuleStore,
  createWebDavClient,
  decodeDeviceFile,
  deviceFileName,
  encodeDeviceFile,
  mergeListenPlaces,
  withListenPlace,
  type ListenPlaces,
  type RuleLocalArea,
  type WebDavClient,
} from '../../../core/reading-list/index.ts';
import type { SiteRule } from '../../../core/reader/index.ts';
import { freePort, startDav } from '../../support/webdav-server.ts';
import { article, device, syncDevice, type Device } from '../../support/webdav-devices.ts';

const USER = 'alice';
const PASSWORD = 's3cret-pass';
let port = 0;
let dav: ReturnType<typeof startDav>;
let folders = 0;

beforeAll(async () => {
  port = await freePort();
  dav = startDav(port, USER, PASSWORD);
  await dav.start();
});
afterAll(async () => {
  await dav.stop();
});

const client = (): WebDavClient =>
  createWebDavClient({
    baseUrl: `http://127.0.0.1:${port}/`,
    user: USER,
    password: PASSWORD,
    folder: `Extras/t${++folders}`,
  });

function memoryLocal(): RuleLocalArea {
  let value: unknown;
  return {
    get: () => Promise.resolve(structuredClone(value)),
    set: (v) => {
      value = structuredClone(v);
      return Promise.resolve();
    },
    onChanged: () => () => undefined,
  };
}

const rule = (n: number): SiteRule => ({
  id: `site:w${n}`,
  site: 'echo-des-dunes.example',
  created: new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString(),
  selector: `aside.promo-${n}`,
  stage: 'page',
});

/** A device with its rules (their own browser sync area: WebDAV is what the two share) and Listen's places. */
async function profile(id: string) {
  const d = await device(id);
  const rules = createSiteRuleStore({
    deviceId: id,
    local: memoryLocal(),
    sync: createMemorySyncArea(),
    now: () => d.clock.now,
  });
  await rules.load();
  let places: ListenPlaces = {};
  const extras = {
    siteRules: rules,
    listenPlaces: {
      get: () => places,
      absorb: (p: ListenPlaces) => {
        places = mergeListenPlaces(places, p).places;
        return Promise.resolve();
      },
    },
  };
  return {
    d,
    rules,
    places: () => places,
    listen: (itemId: string, paragraph: number) => {
      places = withListenPlace(places, itemId, { paragraph, sentence: 1 }, d.clock.now);
    },
    sync: (c: WebDavClient, more = {}) => syncDevice(d, c, { ...extras, ...more }),
  };
}

describe('site rules and Listen places through WebDAV', () => {
  it('a rule and a place made on A reach B; B deletes the rule, A learns it; only what changed is written', async () => {
    const c = client();
    const a = await profile('chrome-at-work');
    const b = await profile('firefox-at-home');
    const item = await a.d.list.save(article(1));
    await a.rules.add(rule(1));
    a.listen(item.id, 4);
    expect(await a.sync(c)).toMatchObject({ ok: true, problems: [] });
    expect(await b.sync(c)).toMatchObject({ ok: true, filesRead: 1 });
    expect(b.rules.list()).toEqual([rule(1)]);
    expect(b.places()[item.id]).toMatchObject({ paragraph: 4, sentence: 1 });

    // A rule deleted on B, no item changed: B's file is written again, and A takes the deletion.
    b.d.clock.now += 60_000;
    await b.rules.remove(rule(1).id);
    const wrote = await b.sync(c);
    expect(wrote.ok && wrote.wroteBytes).toBeGreaterThan(0);
    expect(await a.sync(c)).toMatchObject({ ok: true, filesRead: 1 });
    expect(a.rules.list()).toEqual([]);

    // Nothing changed anywhere: nothing written.
    const again = await a.sync(c);
    expect(again.ok && again.wroteBytes).toBe(0);

    // Listening further on B moves A's place; the later place wins.
    b.d.clock.now += 60_000;
    b.listen(item.id, 9);
    await b.sync(c);
    await a.sync(c);
    expect(a.places()[item.id]).toMatchObject({ paragraph: 9 });
  });

  it('a device of a version before them (no rules, no places) syncs with one that has them', async () => {
    const c = client();
    const a = await profile('new-device');
    const old: Device = await device('old-device');
    await a.rules.add(rule(2));
    await old.list.save(article(3));
    expect(await a.sync(c)).toMatchObject({ ok: true });
    expect(await syncDevice(old, c)).toMatchObject({ ok: true, problems: [] });
    expect(await a.sync(c)).toMatchObject({ ok: true, problems: [] });
    expect(a.d.list.items()).toHaveLength(1);
    expect(a.rules.list()).toEqual([rule(2)]);
  });

  it('the file keeps format 1: records read as before, the new fields beside them; sealed files carry them', async () => {
    const records = (await device('x')).list.records();
    const siteRules = [{ rule: rule(5), live: { value: true, t: 5, d: 'abc' } }];
    const listenPlaces = { abc: { paragraph: 2, sentence: 0, at: 9 } };
    const text = await encodeDeviceFile({ deviceId: 'x', writtenAt: 1, records, siteRules, listenPlaces });
    const raw = JSON.parse(text) as Record<string, unknown>;
    expect(raw).toMatchObject({ format: 'clear-reader-sync', version: 1, deviceId: 'x' });
    const read = await decodeDeviceFile(text);
    expect(read.ok && read.file).toMatchObject({ siteRules, listenPlaces });
    const keys = createKeyCache('pass', { iterations: 1000 });
    const sealed = await decodeDeviceFile(
      await encodeDeviceFile({ deviceId: 'x', writtenAt: 1, records, siteRules }, keys),
      keys,
    );
    expect(sealed.ok && sealed.file.siteRules).toEqual(siteRules);
    // Damaged rules are dropped one by one.
    const damaged = await decodeDeviceFile(
      JSON.stringify({ ...raw, siteRules: [{ rule: { id: 'nope' } }, ...siteRules], listenPlaces: 'x' }),
    );
    expect(damaged.ok && damaged.file.siteRules).toEqual(siteRules);
    expect(damaged.ok && damaged.file.listenPlaces).toEqual({});
    expect(deviceFileName('x')).toBe('x.json');
  });
});
