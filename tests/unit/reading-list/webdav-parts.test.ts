// A device's list split into files under the server's upload limit (parts.ts): every file small enough, sealed or
// not, an item stays in its part as the list grows (only that part is written again), and the split does not
// flap near a threshold.
import { describe, expect, it } from 'vitest';
import type { ItemRecord } from '../../../core/reading-list/crdt.ts';
import { createKeyCache, encodeDeviceFile } from '../../../core/reading-list/webdav/file.ts';
import { isOwnFile, partFileName, PART_BYTES, splitRecords } from '../../../core/reading-list/webdav/parts.ts';

/** A record about the size of a real one (long title, excerpt, tags). */
function record(n: number): ItemRecord {
  const t = 1_750_000_000 + n;
  return {
    id: n.toString(36).padStart(13, '0'),
    meta: {
      value: {
        url: `https://www.lemonde.fr/international/article/2025/03/10/un-sujet-assez-long-numero-${n}_${6_300_000 + n}_3210.html`,
        title: `Un titre d’article assez long pour ressembler à un vrai, numéro ${n}`,
        site: 'Le Monde',
        lang: 'fr',
        excerpt: `Le début de l’article numéro ${n}, tel que Readability l’a trouvé, sur deux ou trois lignes de texte.`,
      },
      t,
      d: 'abc123',
    },
    state: { value: 'unread', t, d: 'abc123' },
    tags: { value: ['politique', 'europe'], t, d: 'abc123' },
  };
}

const records = (count: number, from = 0) => Array.from({ length: count }, (_, i) => record(from + i));
const bytes = (text: string) => new TextEncoder().encode(text).length;

async function encoded(parts: Awaited<ReturnType<typeof splitRecords>>, sealed: boolean) {
  const keys = sealed ? createKeyCache('phrase', { iterations: 1_000 }) : undefined;
  return Promise.all(
    parts.map((part) =>
      encodeDeviceFile(
        { deviceId: 'dev', writtenAt: 1, records: part.records, part: { index: part.index, count: part.count } },
        keys,
      ),
    ),
  );
}

// CPU-bound (thousands of records sealed): generous on a loaded machine.
describe('splitting the list into parts', { timeout: 60_000 }, () => {
  it('keeps one file while the list is small', async () => {
    const parts = await splitRecords('dev', records(100), { partBytes: PART_BYTES, previousCount: 1, sealed: true });
    expect(parts.map((p) => p.name)).toEqual(['dev.json']);
  });

  it.each([false, true])('keeps every file under the limit (sealed: %s), 3,000 items', async (sealed) => {
    const all = records(3_000);
    const parts = await splitRecords('dev', all, { partBytes: 64 * 1024, previousCount: 1, sealed });
    expect(parts.length).toBeGreaterThan(1);
    expect(Number.isInteger(Math.log2(parts.length))).toBe(true);
    const files = await encoded(parts, sealed);
    for (const file of files) expect(bytes(file)).toBeLessThanOrEqual(64 * 1024);
    expect(parts.flatMap((p) => p.records.map((r) => r.id)).sort()).toEqual(all.map((r) => r.id).sort());
  });

  it('with a passphrase, stays under nginx’s default 1 MiB far past the 1,350 items one file allowed', async () => {
    const all = records(3_000);
    const parts = await splitRecords('dev', all, { partBytes: PART_BYTES, previousCount: 1, sealed: true });
    const files = await encoded(parts, true);
    expect(Math.max(...files.map(bytes))).toBeLessThanOrEqual(PART_BYTES);
    expect(PART_BYTES).toBeLessThanOrEqual((1024 * 1024) / 4);
  });

  it('a new item changes only its own part', async () => {
    const before = await splitRecords('dev', records(2_000), { partBytes: 64 * 1024, previousCount: 1, sealed: false });
    const after = await splitRecords('dev', records(2_001), {
      partBytes: 64 * 1024,
      previousCount: before.length,
      sealed: false,
    });
    expect(after.length).toBe(before.length);
    const changed = after.filter((p, i) => p.hash !== before[i]!.hash);
    expect(changed).toHaveLength(1);
    expect(changed[0]!.records.some((r) => r.id === record(2_000).id)).toBe(true);
  });

  it('equal content hashes the same whatever the order of records and of their keys', async () => {
    const shuffled = records(50)
      .reverse()
      .map((r) => ({ tags: r.tags, id: r.id, state: r.state, meta: r.meta }));
    const a = await splitRecords('dev', records(50), { partBytes: PART_BYTES, previousCount: 1, sealed: false });
    const b = await splitRecords('dev', shuffled, {
      partBytes: PART_BYTES,
      previousCount: 1,
      sealed: false,
    });
    expect(b.map((p) => p.hash)).toEqual(a.map((p) => p.hash));
  });

  it('does not flap near a threshold: grows when needed, shrinks only when half as many would be half full', async () => {
    const options = { partBytes: 64 * 1024, sealed: false };
    const grown = (await splitRecords('dev', records(400), { ...options, previousCount: 1 })).length;
    expect(grown).toBeGreaterThan(1);
    // A few items fewer: still as many parts as last time.
    expect(await splitRecords('dev', records(390), { ...options, previousCount: grown })).toHaveLength(grown);
    // Most items gone: fewer parts.
    expect(await splitRecords('dev', records(20), { ...options, previousCount: grown })).toHaveLength(1);
  });

  it('names the parts, and tells this device’s files from others', () => {
    expect(partFileName('4f6c-9a', 0)).toBe('4f6c-9a.json');
    expect(partFileName('4f6c-9a', 3)).toBe('4f6c-9a.3.json');
    expect(isOwnFile('4f6c-9a', '4f6c-9a.json')).toBe(true);
    expect(isOwnFile('4f6c-9a', '4f6c-9a.12.json')).toBe(true);
    expect(isOwnFile('4f6c-9a', '4f6c-9a_2.json')).toBe(false);
    expect(isOwnFile('4f6c', '4f6c-9a.json')).toBe(false);
    expect(isOwnFile('4f6c-9a', '4f6c-9a.x.json')).toBe(false);
  });
});
