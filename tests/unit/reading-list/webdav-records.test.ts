// The engine's API for sync channels other than storage.sync (WebDAV): records() and absorbRecords().
import { describe, expect, it } from 'vitest';
import type { ItemRecord } from '../../../core/reading-list/crdt.ts';
import { device } from '../../support/webdav-devices.ts';
import type { NewItem } from '../../../core/reading-list/types.ts';

function article(n: number): NewItem {
  return {
    url: `https://www.lemonde.fr/international/article/2025/03/10/sujet-${n}_${6_300_000 + n}_3210.html`,
    title: `Un titre assez long pour dépasser la limite de soixante-quatre caractères, numéro ${n}`,
    site: 'Le Monde',
    lang: 'fr',
    excerpt: `Extrait ${n}.`,
  };
}

describe('records() and absorbRecords()', () => {
  it('records() gives every record with full registers, tombstones included, as copies', async () => {
    const { list, clock } = await device('a');
    const one = await list.save(article(1));
    await list.save(article(2));
    clock.now += 1_000;
    await list.change(one.id, { field: 'deleted', value: true });
    const records = list.records();
    expect(records).toHaveLength(2);
    const deleted = records.find((r) => r.id === one.id)!;
    expect(deleted.deleted?.value).toBe(true);
    expect(deleted.meta?.value.title).toBe(article(1).title); // not cut to 64 characters
    expect(deleted.meta?.value.excerpt).toBe('Extrait 1.');
    expect(Object.keys(deleted).sort()).toEqual(['deleted', 'id', 'meta']); // no local flags
    deleted.meta!.value.title = 'changed by the caller';
    expect(list.item(one.id)?.title).toBe(article(1).title);
  });

  it('absorbRecords merges, persists, notifies, and goes on to storage.sync; again is a no-op', async () => {
    const a = await device('a');
    const b = await device('b');
    const one = await a.list.save(article(1));
    a.clock.now += 5_000;
    await a.list.change(one.id, { field: 'tags', value: ['europe'] });
    let notified = 0;
    b.list.subscribe(() => notified++);
    expect(await b.list.absorbRecords(a.list.records())).toBe(1);
    await Promise.resolve();
    expect(notified).toBeGreaterThan(0);
    expect(b.list.items()).toMatchObject([{ id: one.id, tags: ['europe'], title: article(1).title }]);
    expect(b.local.data.records.has(one.id)).toBe(true);
    expect(b.list.status().pendingWrites).toBe(1);
    await b.list.flush();
    expect([...b.sync.data.keys()].filter((k) => k.startsWith('rl:'))).toHaveLength(1);
    expect(await b.list.absorbRecords(a.list.records())).toBe(0);
  });

  it('keeps the latest register of each field, and never takes an older one', async () => {
    const a = await device('a');
    const b = await device('b');
    const one = await a.list.save(article(1));
    await b.list.absorbRecords(a.list.records());
    b.clock.now += 10_000;
    await b.list.change(one.id, { field: 'state', value: 'archived' });
    a.clock.now += 20_000;
    await a.list.change(one.id, { field: 'favourite', value: true });
    const stale = a.list.records();
    expect(await b.list.absorbRecords(stale)).toBe(1);
    expect(await a.list.absorbRecords(b.list.records())).toBe(1);
    for (const d of [a, b]) expect(d.list.item(one.id)).toMatchObject({ state: 'archived', favourite: true });
    // An old copy from before the archive changes nothing.
    expect(await b.list.absorbRecords(stale)).toBe(0);
    expect(b.list.item(one.id)?.state).toBe('archived');
  });

  it('skips invalid records one by one', async () => {
    const a = await device('a');
    const b = await device('b');
    await a.list.save(article(1));
    const garbage = [{ id: 'NOT VALID' }, null, 42, { id: 'abc', meta: { value: { url: 'x' }, t: 'no', d: 1 } }];
    const count = await b.list.absorbRecords([...(garbage as unknown as ItemRecord[]), ...a.list.records()]);
    expect(count).toBe(1);
    expect(b.list.items()).toHaveLength(1);
  });
});
