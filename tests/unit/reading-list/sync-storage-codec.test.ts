// The sync storage format: base93, the compact text, deflate, sizes as Chrome counts them, and format versions.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { realisticItems } from '../../../bench/lib/realistic-items.ts';
import { base93Decode, base93Encode } from '../../../core/reading-list/sync-storage/base93.ts';
import { decodeShard, encodeShard } from '../../../core/reading-list/sync-storage/codec.ts';
import { encodeV1 } from '../../../core/reading-list/sync-storage/format-v1.ts';
import {
  SHARD_COUNT,
  parseShardKey,
  shardKey,
  shardOf,
  type ShardContent,
} from '../../../core/reading-list/sync-storage/shard.ts';
import { decodeShardText, encodeText } from '../../../core/reading-list/sync-storage/shard-text.ts';
import { entryBytes, utf8Length } from '../../../core/reading-list/sync-storage/sizes.ts';
import {
  deviceTag,
  emptyCollected,
  projectForSync,
  validateRecord,
  type ItemRecord,
  type Register,
} from '../../../core/reading-list/crdt.ts';
import { createReadingList } from '../../../core/reading-list/reading-list.ts';
import { createMemoryLocalStore } from '../../../core/reading-list/local-store.ts';
import { createMemorySyncArea } from '../../../core/reading-list/sync-storage/memory-sync-area.ts';
import { planSync } from '../../../core/reading-list/sync-storage/plan.ts';
import { SYNC_LIMITS } from '../../../core/reading-list/types.ts';
import { canonicalUrl, itemId } from '../../../core/reading-list/url.ts';

const DEVICES = ['k2j8x1', 'ab12cd', 'zz9y00'];
const time = fc.integer({ min: 1_600_000_000, max: 1_950_000_000 });
const reg = <T>(value: fc.Arbitrary<T>) =>
  fc.record({ value, t: time, d: fc.constantFrom(...DEVICES) }) as fc.Arbitrary<Register<T>>;
const url = fc.oneof(
  fc.webUrl({ withQueryParameters: true }),
  fc.constantFrom('http://www.example.com/a', 'http://example.com/b?x=1', 'file:///home/me/page.html', 'about:blank'),
);

/** A valid record as a device would hold it (then projected, as sync storage holds it). */
const recordArb: fc.Arbitrary<ItemRecord> = fc
  .record(
    {
      url,
      meta: reg(
        fc.record(
          {
            title: fc.string({ unit: 'grapheme', maxLength: 120 }),
            site: fc.option(fc.string({ unit: 'grapheme', maxLength: 40 })),
            lang: fc.constantFrom('fr', 'en', 'de-ch', ''),
            excerpt: fc.string({ maxLength: 50 }),
            added: time, // when first saved elsewhere (an import); kept only when before the register's time
          },
          { requiredKeys: ['title', 'site', 'lang', 'excerpt'] },
        ),
      ),
      state: reg(fc.constantFrom('unread', 'archived')),
      favourite: reg(fc.boolean()),
      tags: reg(fc.array(fc.string({ unit: 'grapheme', maxLength: 12 }), { maxLength: 4 })),
      progress: reg(fc.double({ min: 0, max: 1, noNaN: true })),
      deleted: reg(fc.boolean()),
    },
    { requiredKeys: ['url'] },
  )
  .map(({ url: raw, meta, ...registers }) => {
    const u = canonicalUrl(raw);
    const record = validateRecord({
      id: itemId(u),
      ...(meta ? { meta: { ...meta, value: { ...meta.value, url: u } } } : {}),
      ...registers,
    });
    return projectForSync(record!);
  });

const content = (records: ItemRecord[], extra: Partial<ShardContent> = {}): ShardContent => ({
  collected: emptyCollected(),
  records,
  ...extra,
});
const byId = (records: ItemRecord[]) => [...records].sort((a, b) => (a.id < b.id ? -1 : 1));

describe('base93', () => {
  it('round-trips any bytes, in text JSON leaves as it is, at about 1.23 characters a byte', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        const text = base93Encode(bytes);
        expect(base93Decode(text)).toEqual(bytes);
        expect(JSON.stringify(text).length).toBe(text.length + 2);
        expect(text.length).toBeLessThanOrEqual(Math.ceil((bytes.length * 16) / 13) + 2);
      }),
      { numRuns: 500 },
    );
    const random = Uint8Array.from({ length: 10_000 }, (_, i) => (i * 2654435761) >>> 24);
    expect(base93Encode(random).length / random.length).toBeLessThan(1.24);
  });

  it('rejects characters outside its alphabet', () => {
    expect(() => base93Decode('ab"c')).toThrow(/not base93/);
  });
});

describe('shard text', () => {
  it('round-trips any records, ghosts, floor and writer', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(recordArb, { selector: (r) => r.id, maxLength: 12 }),
        fc.dictionary(fc.stringMatching(/^[0-9a-z]{8}$/), time, { maxKeys: 3 }),
        fc.option(fc.constantFrom(...DEVICES), { nil: undefined }),
        (records, ghosts, writer) => {
          const floor = Object.keys(ghosts).length ? 1_700_000_000 : 0;
          const ghostsAbove = Object.fromEntries(Object.entries(ghosts).filter(([, t]) => t > floor));
          const original = content(records, { collected: { floor, ghosts: ghostsAbove }, writer });
          const decoded = decodeShardText(encodeText(original));
          expect(byId(decoded.records)).toEqual(byId(records));
          expect(decoded.collected).toEqual(original.collected);
          expect(decoded.writer).toBe(writer);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('gives equal text for equal content, whatever the order', () => {
    fc.assert(
      fc.property(fc.uniqueArray(recordArb, { selector: (r) => r.id, maxLength: 8 }), (records) => {
        expect(encodeText(content([...records].reverse()))).toBe(encodeText(content(records)));
      }),
      { numRuns: 200 },
    );
  });

  it('round-trips through the stored value, deflated or not', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(recordArb, { selector: (r) => r.id, maxLength: 10 }),
        fc.boolean(),
        async (records, compress) => {
          const value = await encodeShard(content(records, { writer: 'ab12cd' }), compress);
          expect(['2t', '2z']).toContain(value.slice(0, 2));
          if (!compress) expect(value.slice(0, 2)).toBe('2t');
          const decoded = await decodeShard(value);
          if (!decoded.ok) throw new Error(decoded.message);
          expect(decoded.version).toBe(2);
          expect(byId(decoded.records)).toEqual(byId(records));
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('sizes', () => {
  it('counts like Chrome: key plus JSON, in UTF-8 bytes', () => {
    expect(utf8Length('aé€😀')).toBe(1 + 2 + 3 + 4);
    expect(entryBytes('rl:a', '2t"é"')).toBe(4 + JSON.stringify('2t"é"').length + 1);
  });

  it('keys are rl:0 to rl:f', () => {
    expect(SHARD_COUNT).toBe(16);
    for (let s = 0; s < SHARD_COUNT; s++) expect(parseShardKey(shardKey(s))).toBe(s);
    expect(parseShardKey('rl:g')).toBeNull();
    expect(parseShardKey('readerSettings')).toBeNull();
  });

  it('fits 1,000 realistic items in Chrome’s quota, every key within 8 KB', async () => {
    const start = 1_735_689_600;
    const devices = [deviceTag('laptop'), deviceTag('phone')];
    const records = realisticItems(1_000, 7).map((g, i): ItemRecord => {
      const url = canonicalUrl(g.item.url, g.item.canonicalUrl);
      const t = start + g.savedAfter;
      const d = devices[i % 2]!;
      const record: ItemRecord = {
        id: itemId(url),
        meta: {
          value: { url, title: g.item.title, site: g.item.site, lang: g.item.lang, excerpt: g.item.excerpt },
          t,
          d,
        },
      };
      for (const c of g.changes) {
        if (c.change.field !== 'deleted') {
          (record as unknown as Record<string, Register<unknown>>)[c.change.field] = {
            value: c.change.value,
            t: t + c.after,
            d: devices[(i + 1) % 2]!,
          };
        }
      }
      return validateRecord(record)!;
    });
    const settings = 150; // the reader settings' key, about
    const budget = SYNC_LIMITS.quotaBytes - settings - 512; // the engine's default reserve
    const plan = await planSync(records, {
      budget,
      perKey: SYNC_LIMITS.quotaBytesPerItem,
      compress: true,
      collected: new Map(),
      blocked: new Set(),
      existing: new Set(),
    });
    expect(plan.localOnly.size).toBe(0);
    expect(plan.totalBytes).toBeLessThanOrEqual(budget);
    expect(plan.shards.size).toBeLessThanOrEqual(SYNC_LIMITS.maxItems);
    for (const p of plan.shards.values()) {
      expect(p.bytes).toBeLessThanOrEqual(SYNC_LIMITS.quotaBytesPerItem);
      expect(p.bytes).toBe(entryBytes(p.key, p.value));
    }
    // The first layout, one JSON object per item, holds about a third as many.
    const v1 = entryBytes('rl:0', encodeV1(content(records.map(projectForSync))));
    expect(v1).toBeGreaterThan(3 * plan.totalBytes);
  });
});

describe('format versions', () => {
  const saved = (n: number): ItemRecord => {
    const url = `https://www.example.fr/a/${n}.html`;
    return {
      id: itemId(url),
      meta: {
        value: { url, title: `Titre ${n}`, site: 'Exemple', lang: 'fr', excerpt: '' },
        t: 1_740_000_000 + n,
        d: 'ab12cd',
      },
      state: { value: 'archived', t: 1_740_000_100 + n, d: 'zz9y00' },
      progress: { value: 0.25, t: 1_740_000_050, d: 'ab12cd' },
    };
  };

  it('reads version 1 (one JSON object per item, times in milliseconds)', async () => {
    const records = [
      saved(1),
      saved(2),
      { id: 'x0x0x0x0x0x0x', deleted: { value: true, t: 1_740_000_000, d: 'ab12cd' } },
    ];
    const v1 = encodeV1(content(records, { collected: { floor: 1_730_000_000, ghosts: { abcdefgh: 1_735_000_000 } } }));
    expect(v1.v).toBe(1);
    expect(v1.items[0]).toMatchObject({ url: 'https://www.example.fr/a/1.html', addedAt: 1_740_000_001_000 });
    const decoded = await decodeShard(JSON.parse(JSON.stringify(v1)));
    if (!decoded.ok) throw new Error(decoded.message);
    expect(decoded.version).toBe(1);
    expect(byId(decoded.records)).toEqual(byId(records));
    expect(decoded.collected).toEqual({ floor: 1_730_000_000, ghosts: { abcdefgh: 1_735_000_000 } });
  });

  it('rewrites a version-1 shard in the current format, keeping its items', async () => {
    const sync = createMemorySyncArea();
    const key = shardKey(shardOf(saved(1).id));
    await sync.set({ [key]: encodeV1(content([saved(1)])) });
    const list = createReadingList({
      deviceId: 'd',
      local: createMemoryLocalStore(),
      sync,
      timers: { set: () => 0, clear: () => undefined },
    });
    await list.load();
    expect(list.items().map((i) => i.title)).toEqual(['Titre 1']);
    expect(list.items()[0]).toMatchObject({ state: 'archived', progress: 0.25 });
    await list.flush();
    const value = sync.data.get(key);
    expect(typeof value === 'string' && value.startsWith('2')).toBe(true);
    const decoded = await decodeShard(value);
    expect(decoded.ok && decoded.records.map((r) => r.id)).toEqual([saved(1).id]);
  });

  it('never overwrites a shard written by a newer version; its items here stay local-only', async () => {
    const sync = createMemorySyncArea();
    const mine = saved(3);
    const key = shardKey(shardOf(mine.id));
    await sync.set({ [key]: '3zFUTURE' });
    expect(await decodeShard('3zFUTURE')).toMatchObject({ ok: false, reason: 'newer', version: 3 });
    expect(await decodeShard({ v: 9, items: [] })).toMatchObject({ ok: false, reason: 'newer', version: 9 });
    const list = createReadingList({
      deviceId: 'd',
      local: createMemoryLocalStore(),
      sync,
      timers: { set: () => 0, clear: () => undefined },
    });
    await list.load();
    await list.save({ url: mine.meta!.value.url, title: 'Titre', site: null, lang: 'fr', excerpt: '' });
    await list.flush();
    expect(sync.data.get(key)).toBe('3zFUTURE');
    expect(list.items()[0]?.localOnly).toBe(true);
    expect(list.status()).toMatchObject({ unreadableKeys: 1, newerKeys: 1, damagedKeys: 0, localOnlyCount: 1 });
    expect(list.status().lastError).toBeNull(); // not an error: said apart (newerKeys), nothing to retry
  });

  it('keeps a copy of a damaged shard on this device before writing over it, and says so', async () => {
    expect(await decodeShard('2z"""')).toMatchObject({ ok: false, reason: 'corrupt' });
    expect(await decodeShard('2zabc')).toMatchObject({ ok: false, reason: 'corrupt' });
    expect(await decodeShard(42)).toMatchObject({ ok: false, reason: 'corrupt' });
    const sync = createMemorySyncArea();
    const mine = saved(4);
    const key = shardKey(shardOf(mine.id));
    await sync.set({ [key]: '2zabc' });
    const local = createMemoryLocalStore();
    const list = createReadingList({ deviceId: 'd', local, sync, timers: { set: () => 0, clear: () => undefined } });
    await list.load();
    expect(list.status()).toMatchObject({ unreadableKeys: 1, damagedKeys: 1, keptCopies: 0 });
    await list.save({ url: mine.meta!.value.url, title: 'Titre', site: null, lang: 'fr', excerpt: '' });
    await list.flush();
    expect((await decodeShard(sync.data.get(key))).ok).toBe(true);
    expect(local.data.kept).toEqual([
      {
        source: `sync:${key}`,
        reason: 'corrupt',
        at: expect.any(Number) as number,
        message: expect.any(String) as string,
        value: '2zabc',
      },
    ]);
    expect(list.status()).toMatchObject({ unreadableKeys: 0, keptCopies: 1, lastError: null, localOnlyCount: 0 });
  });
});
