// The shard mirror: what this device last saw of sync storage, its sizes, and the shards it cannot read or write.
import { describe, expect, it } from 'vitest';
import { emptyCollected, type ItemRecord } from '../../../core/reading-list/crdt.ts';
import { createShardMirror } from '../../../core/reading-list/list/shard-mirror.ts';
import { encodeShard } from '../../../core/reading-list/sync-storage/codec.ts';
import { FORMAT_VERSION, shardKey, shardOf } from '../../../core/reading-list/sync-storage/shard.ts';
import { entryBytes } from '../../../core/reading-list/sync-storage/sizes.ts';
import { itemId } from '../../../core/reading-list/url.ts';

function item(n: number): ItemRecord {
  const url = `https://www.example.fr/article-${n}.html`;
  return {
    id: itemId(url),
    meta: { value: { url, title: `Article ${n}`, site: null, lang: 'fr', excerpt: '' }, t: 1_748_000_000, d: 'abc123' },
  };
}
const first = item(1);
const shard = shardOf(first.id);
const key = shardKey(shard);
const value = await encodeShard({ collected: emptyCollected(), records: [first], writer: 'abc123' }, false);
const settingsBytes = entryBytes('settings', { theme: 'dark' });

describe('the shard mirror', () => {
  it('decodes a shard once per new value, and says when it changed', async () => {
    const mirror = createShardMirror();
    const seen = await mirror.see(key, value);
    expect(seen?.shard).toBe(shard);
    expect(seen?.remote).toMatchObject({ value, bytes: entryBytes(key, value), decoded: { ok: true } });
    expect(mirror.held(first.id)).toEqual(first);
    expect(mirror.held(item(2).id)).toBeUndefined();
    expect(await mirror.see(key, value)).toBeNull(); // the same value again
    expect(await mirror.see(key, undefined)).toEqual({ shard, remote: null });
    expect(await mirror.see(key, undefined)).toBeNull(); // already gone
    expect(mirror.held(first.id)).toBeUndefined();
  });

  it('counts a reserved key at least at its reserve, written or not (the site rules keep their room)', async () => {
    const mirror = createShardMirror({ sr: 6144 });
    expect(mirror.otherBytes()).toBe(6144);
    await mirror.see('sr', { v: 1, r: [] });
    expect(mirror.otherBytes()).toBe(6144);
    await mirror.see('settings', { theme: 'dark' });
    expect(mirror.otherBytes()).toBe(6144 + settingsBytes);
    expect(mirror.budget({ quotaBytes: 102_400, reserve: 512, penalty: 0 })).toBe(102_400 - 6144 - settingsBytes - 512);
  });

  it('counts the bytes of its shards and of the other keys apart', async () => {
    const mirror = createShardMirror();
    expect(await mirror.see('settings', { theme: 'dark' })).toBeNull();
    await mirror.see(key, value);
    expect(mirror.bytes()).toBe(entryBytes(key, value));
    expect(mirror.otherBytes()).toBe(settingsBytes);
    await mirror.see('settings', undefined);
    expect(mirror.otherBytes()).toBe(0);
  });

  it('lists the keys a full read of sync storage no longer has', async () => {
    const mirror = createShardMirror();
    await mirror.see(key, value);
    await mirror.see('settings', { theme: 'dark' });
    expect(mirror.goneFrom({ [key]: value, settings: {} })).toEqual([]);
    expect(mirror.goneFrom({})).toEqual([key, 'settings']);
  });

  it('keeps what this device wrote as the shard sync storage holds', () => {
    const mirror = createShardMirror();
    const content = { collected: { floor: 1_740_000_000, ghosts: {} }, records: [first], writer: 'abc123' };
    mirror.wrote({ shard, key, content, value, bytes: 321 });
    expect(mirror.shard(shard)).toMatchObject({
      bytes: 321,
      decoded: { ok: true, version: FORMAT_VERSION, ...content },
    });
    expect(mirror.held(first.id)).toBe(first);
  });

  it('tells shards written by a newer version (never written here) from damaged ones', async () => {
    const mirror = createShardMirror();
    const newer = '3zFUTURE';
    const other = shardKey((shard + 1) % 16);
    await mirror.see(key, newer);
    await mirror.see(other, '2tno shard');
    expect(mirror.shard(shard)?.decoded).toMatchObject({ ok: false, reason: 'newer' });
    expect(mirror.unreadable()).toEqual({ newer: 1, damaged: 1 });
    expect([...mirror.blocked()]).toEqual([shard]);
    // The budget leaves out the other keys, the blocked shard, the reserve and the penalty, never below 0.
    await mirror.see('settings', { theme: 'dark' });
    const blocked = entryBytes(key, newer);
    expect(mirror.budget({ quotaBytes: 10_000, reserve: 512, penalty: 256 })).toBe(
      10_000 - settingsBytes - blocked - 512 - 256,
    );
    expect(mirror.budget({ quotaBytes: 500, reserve: 512, penalty: 0 })).toBe(0);
  });
});
