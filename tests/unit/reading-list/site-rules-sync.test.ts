import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createSiteRuleStore,
  decodeRulesValue,
  planRulesValue,
  RULES_SYNC_BUDGET,
  RULES_SYNC_KEY,
  storedRulesForHost,
  type RuleLocalArea,
  type SiteRuleRecord,
} from '../../../core/reading-list/index.ts';
import type { SiteRule } from '../../../core/reader/index.ts';
import { createMemorySyncArea } from '../../../core/reading-list/sync-storage/memory-sync-area.ts';
import { entryBytes } from '../../../core/reading-list/sync-storage/sizes.ts';
import { createMemoryLocalStore, createReadingList } from '../../../core/reading-list/index.ts';
import { settle, SyncNetwork } from '../../support/reading-list-sim.ts';

function memoryLocal(): RuleLocalArea & { value: unknown } {
  const listeners = new Set<(v: unknown) => void>();
  const area = {
    value: undefined as unknown,
    get: () => Promise.resolve(structuredClone(area.value)),
    set(v: unknown) {
      area.value = structuredClone(v);
      queueMicrotask(() => listeners.forEach((l) => l(structuredClone(v))));
      return Promise.resolve();
    },
    onChanged(l: (v: unknown) => void) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  return area;
}

const rule = (n: number, site = 'echo-des-dunes.example'): SiteRule => ({
  id: `site:r${String(n).padStart(4, '0')}`,
  site,
  created: new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString(),
  selector: `div.encart-abonnement-${n}`,
  stage: 'page',
});

describe('site rules: the sync value and its budget', () => {
  it('keeps every rule while they fit, then the oldest, and says how many fit', () => {
    const records: SiteRuleRecord[] = Array.from({ length: 120 }, (_, i) => ({
      rule: rule(i),
      live: { value: true, t: 1000 + i, d: 'aaaaaa' },
    }));
    const plan = planRulesValue(records, Date.UTC(2026, 5, 1));
    expect(plan.total).toBe(120);
    expect(plan.fit).toBeGreaterThan(40);
    expect(plan.fit).toBeLessThan(120);
    expect(plan.bytes).toBeLessThanOrEqual(RULES_SYNC_BUDGET);
    expect(plan.bytes).toBe(entryBytes(RULES_SYNC_KEY, plan.value));
    // The oldest rules are the ones that sync: a rule that synced keeps syncing as new ones come.
    expect([...plan.synced]).toEqual(records.slice(0, plan.fit).map((r) => r.rule.id));
    const decoded = decodeRulesValue(JSON.parse(JSON.stringify(plan.value)));
    expect(decoded.ok && decoded.records.map((r) => r.rule)).toEqual(records.slice(0, plan.fit).map((r) => r.rule));
  });

  it('puts recent deletions first, and forgets them in sync after 90 days', () => {
    const now = Date.UTC(2026, 5, 1);
    const gone = { rule: rule(1), live: { value: false, t: now - 1000, d: 'aaaaaa' } };
    const old = { rule: rule(2), live: { value: false, t: now - 91 * 86_400_000, d: 'aaaaaa' } };
    const plan = planRulesValue([gone, old, { rule: rule(3), live: { value: true, t: 1, d: 'b' } }], now);
    expect(plan.value.r.map((row) => row[0])).toEqual([rule(1).id, rule(3).id]);
  });

  it('reads a newer version as newer and anything else odd as damaged', () => {
    expect(decodeRulesValue({ v: 2, r: 'x' })).toEqual({ ok: false, reason: 'newer' });
    expect(decodeRulesValue('junk')).toEqual({ ok: false, reason: 'damaged' });
    expect(decodeRulesValue(undefined)).toEqual({ ok: true, records: [] });
  });
});

describe('site rules: two profiles through storage.sync', () => {
  async function twoProfiles() {
    const network = new SyncNetwork(2);
    const locals = [memoryLocal(), memoryLocal()];
    const stores = network.devices.map((sync, i) =>
      createSiteRuleStore({ deviceId: `device-${i}`, local: locals[i]!, sync, now: () => network.now + i * 5 }),
    );
    for (const s of stores) await s.load();
    const deliver = async () => {
      for (let i = 0; i < 10 && network.pending(); i++) {
        network.now += 1000;
        network.deliverAll();
        await settle(6);
      }
    };
    return { network, stores, locals, deliver };
  }

  it('a rule added on one shows on the other; a deletion and its Undo follow', async () => {
    const { stores, locals, deliver } = await twoProfiles();
    const [a, b] = stores as [ReturnType<typeof createSiteRuleStore>, ReturnType<typeof createSiteRuleStore>];
    await a.add(rule(1));
    await deliver();
    expect(b.list()).toEqual([rule(1)]);
    expect(b.forHost('www.Echo-des-dunes.example')).toEqual([rule(1)]);
    // Kept in the other profile's own storage too.
    expect(JSON.stringify(locals[1]!.value)).toContain(rule(1).id);

    const removed = await b.remove(rule(1).id);
    expect(removed).toEqual(rule(1));
    await deliver();
    expect(a.list()).toEqual([]);

    await b.add(removed!); // Undo
    await deliver();
    expect(a.list()).toEqual([rule(1)]);
  });

  it('a read without a store (the popup’s) finds what a loaded store finds, before the device has merged', async () => {
    const { stores, locals, network, deliver } = await twoProfiles();
    const [a, b] = stores as [ReturnType<typeof createSiteRuleStore>, ReturnType<typeof createSiteRuleStore>];
    await a.add(rule(1));
    await a.add(rule(2, 'gazette.example'));
    await a.add(rule(3));
    await deliver();
    b.close(); // the other device's pages closed: what comes through sync is not in its local area yet
    await a.remove(rule(3).id);
    await a.add(rule(4));
    network.now += 1000;
    network.deliverAll();
    await settle(6);
    const syncValue = (await network.devices[1]!.get([RULES_SYNC_KEY]))[RULES_SYNC_KEY];
    expect(JSON.stringify(locals[1]!.value)).not.toContain(rule(4).id);
    const local = locals[1]!;
    const read = storedRulesForHost(local.value, syncValue, 'www.Echo-des-Dunes.example');
    expect(read).toEqual([rule(1), rule(4)]);
    expect(storedRulesForHost(local.value, syncValue, 'gazette.example')).toEqual([rule(2, 'gazette.example')]);
    // A damaged sync value: the device's own rules.
    expect(storedRulesForHost(local.value, 'junk', 'echo-des-dunes.example')).toEqual([rule(1), rule(3)]);
    expect(storedRulesForHost(undefined, undefined, 'echo-des-dunes.example')).toEqual([]);
    // A store loaded over the same storage (the options page, the background) finds the same.
    const fresh = createSiteRuleStore({ deviceId: 'fresh', local, sync: network.devices[1]! });
    await fresh.load();
    expect(fresh.forHost('echo-des-dunes.example')).toEqual(read);
  });

  it('both profiles adding at once keep both rules (a lost write is written again)', async () => {
    const { stores, network, deliver } = await twoProfiles();
    const [a, b] = stores as [ReturnType<typeof createSiteRuleStore>, ReturnType<typeof createSiteRuleStore>];
    await Promise.all([a.add(rule(1)), b.add(rule(2, 'gazette.example'))]);
    await deliver();
    expect(a.list().map((r) => r.id)).toEqual([rule(1).id, rule(2).id]);
    expect(b.list().map((r) => r.id)).toEqual([rule(1).id, rule(2).id]);
    const stored = decodeRulesValue(network.server.get(RULES_SYNC_KEY)?.value);
    expect(stored.ok && stored.records.length).toBe(2);
  });

  it('a deletion made after the other device re-adds loses; made later, it wins (LWW)', async () => {
    const { stores, deliver, network } = await twoProfiles();
    const [a, b] = stores as [ReturnType<typeof createSiteRuleStore>, ReturnType<typeof createSiteRuleStore>];
    await a.add(rule(1));
    await deliver();
    network.now += 10_000;
    await a.remove(rule(1).id);
    network.now += 10_000;
    await b.remove(rule(1).id); // b has not heard of a's deletion yet: both delete
    await deliver();
    expect(a.list()).toEqual([]);
    expect(b.list()).toEqual([]);
    network.now += 10_000;
    await a.add(rule(1));
    await deliver();
    expect(b.list()).toEqual([rule(1)]);
  });

  it('beyond the budget, rules stay on the device, the list keeps working, and the page can say N of M', async () => {
    const network = new SyncNetwork(2);
    const locals = [memoryLocal(), memoryLocal()];
    const [a, b] = network.devices.map((sync, i) =>
      createSiteRuleStore({ deviceId: `d${i}`, local: locals[i]!, sync, now: () => network.now }),
    ) as [ReturnType<typeof createSiteRuleStore>, ReturnType<typeof createSiteRuleStore>];
    await a.load();
    await b.load();
    for (let i = 0; i < 80; i++) await a.add(rule(i));
    for (let i = 0; i < 10; i++) {
      network.deliverAll();
      await settle(6);
    }
    const info = a.syncInfo();
    expect(info.total).toBe(80);
    expect(info.fit).toBeGreaterThan(30);
    expect(info.fit).toBeLessThan(80);
    expect(info.capacity).toBeGreaterThanOrEqual(info.fit);
    expect(info.error).toBeNull();
    expect(a.list()).toHaveLength(80);
    // The other profile has the ones that fit (the rest travel through WebDAV).
    expect(b.list()).toHaveLength(info.fit);
    // WebDAV (or an import) brings the others: nothing is lost, sync still holds the oldest.
    await b.absorb(a.records());
    expect(b.list()).toHaveLength(80);
    expect(b.syncInfo().fit).toBe(info.fit);
  });

  it('writes no key for a profile that never had a rule', async () => {
    const sync = createMemorySyncArea();
    const store = createSiteRuleStore({ deviceId: 'x', local: memoryLocal(), sync });
    await store.load();
    expect(sync.writes).toHaveLength(0);
    expect(store.syncInfo()).toMatchObject({ fit: 0, total: 0, error: null });
  });

  it('never writes over a newer version of the key; rules stay local', async () => {
    const sync = createMemorySyncArea();
    await sync.set({ [RULES_SYNC_KEY]: { v: 9, future: true } });
    const store = createSiteRuleStore({ deviceId: 'x', local: memoryLocal(), sync });
    await store.load();
    await store.add(rule(1));
    expect(sync.data.get(RULES_SYNC_KEY)).toEqual({ v: 9, future: true });
    expect(store.syncInfo()).toMatchObject({ newer: true, fit: 0, total: 1 });
    expect(store.list()).toEqual([rule(1)]);
  });

  it('never writes over a local store of a newer version (its rules are read)', async () => {
    const local = memoryLocal();
    const newer = { v: 2, records: [{ rule: rule(1), live: { value: true, t: 1, d: 'a' } }], more: 'x' };
    await local.set(newer);
    const store = createSiteRuleStore({ deviceId: 'x', local, sync: createMemorySyncArea() });
    await store.load();
    await store.add(rule(2));
    expect(store.list()).toEqual([rule(1), rule(2)]);
    expect(local.value).toEqual(newer);
  });

  it('a quota error keeps the rule and is reported', async () => {
    const sync = createMemorySyncArea({
      limits: {
        quotaBytes: 100,
        quotaBytesPerItem: 8192,
        maxItems: 512,
        maxWriteOperationsPerMinute: 120,
        maxWriteOperationsPerHour: 1800,
      },
    });
    const store = createSiteRuleStore({ deviceId: 'x', local: memoryLocal(), sync });
    await store.load();
    await store.add(rule(1));
    expect(store.list()).toEqual([rule(1)]);
    expect(store.syncInfo().error).toMatch(/QUOTA_BYTES/);
  });
});

describe('site rules beside a full reading list', () => {
  it('the list leaves the rules their budget: rules still sync when the list has filled sync storage', async () => {
    const sync = createMemorySyncArea();
    const list = createReadingList({
      deviceId: 'd',
      local: createMemoryLocalStore(),
      sync,
      compress: false,
      timers: { set: () => 0, clear: () => undefined },
      reservedKeys: { [RULES_SYNC_KEY]: RULES_SYNC_BUDGET },
    });
    await list.load();
    for (let n = 0; n < 1200; n++) {
      await list.save({
        url: `https://www.journal.example/2026/rubrique/un-article-assez-long-numero-${n}.html`,
        title: `Un article assez long, numéro ${n}, pour remplir la place`,
        site: 'Journal',
        lang: 'fr',
        excerpt: '',
      });
    }
    await list.flush();
    expect(list.items().filter((i) => i.localOnly).length).toBeGreaterThan(0); // the list is full
    const store = createSiteRuleStore({ deviceId: 'd', local: memoryLocal(), sync });
    await store.load();
    for (let i = 0; i < 30; i++) await store.add(rule(i));
    expect(store.syncInfo()).toMatchObject({ fit: 30, total: 30, error: null });
    expect(sync.bytesInUse()).toBeLessThanOrEqual(102_400);
    list.close();
  }, 60_000);
});

describe('site rules: convergence (property)', () => {
  type Op = { device: number; kind: 'add' | 'remove' | 'deliver'; rule: number; index: number };
  const opArb = fc.record({
    device: fc.integer({ min: 0, max: 2 }),
    kind: fc.constantFrom<Op['kind']>('add', 'add', 'remove', 'deliver'),
    rule: fc.integer({ min: 0, max: 7 }),
    index: fc.nat(),
  });

  it('three profiles, random adds, deletes and Undo, late and reordered delivery: all end with the same rules', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 40 }), async (ops) => {
        const network = new SyncNetwork(3);
        const stores = network.devices.map((sync, i) =>
          createSiteRuleStore({ deviceId: `p${i}`, local: memoryLocal(), sync, now: () => network.now + i * 7 }),
        );
        for (const s of stores) await s.load();
        for (const op of ops) {
          network.now += 1000;
          const store = stores[op.device]!;
          const device = network.devices[op.device]!;
          if (op.kind === 'add') await store.add(rule(op.rule));
          else if (op.kind === 'remove') await store.remove(rule(op.rule).id);
          else {
            network.upload(device);
            if (device.down.length) device.receive(op.index % device.down.length);
          }
          await settle(2);
        }
        for (let i = 0; i < 20 && network.pending(); i++) {
          network.now += 1000;
          network.deliverAll();
          await settle(6);
        }
        expect(network.pending()).toBe(false);
        const lists = stores.map((s) => s.list().map((r) => r.id));
        expect(lists[1]).toEqual(lists[0]);
        expect(lists[2]).toEqual(lists[0]);
        // What sync storage holds is that list too.
        const held = decodeRulesValue(network.server.get(RULES_SYNC_KEY)?.value);
        const live = held.ok ? held.records.filter((r) => r.live.value).map((r) => r.rule.id) : null;
        expect(live?.sort()).toEqual([...lists[0]!].sort());
        for (const s of stores) s.close();
      }),
      { numRuns: Number(process.env.SAVED_RUNS ?? 150) },
    );
  }, 60_000);
});
