// Format 1, the first layout: { v: 1, gc: ms, ghosts?: { key: ms }, items: [{ id, url, title, site, lang, addedAt: ms, by,
// state: [value, ms, device], … }] }
import { REGISTERS } from './shard-text.ts';
import type { ShardContent } from './shard.ts';
import { emptyCollected, type ItemRecord, type Register } from '../crdt.ts';
import type { ItemState } from '../types.ts';

interface V1Item {
  id: string;
  url?: string;
  title?: string;
  site?: string | null;
  lang?: string;
  addedAt?: number;
  by?: string;
  state?: [ItemState, number, string];
  favourite?: [boolean, number, string];
  tags?: [string[], number, string];
  progress?: [number, number, string];
  deleted?: [boolean, number, string];
}

/** The version-1 layout (kept to read old shards, to measure against, and to test migrations). */
export function encodeV1(content: ShardContent): {
  v: 1;
  gc: number;
  ghosts: Record<string, number>;
  items: V1Item[];
} {
  const items = content.records.map((r) => {
    const item: V1Item = { id: r.id };
    if (r.meta) {
      const m = r.meta.value;
      Object.assign(item, { url: m.url, title: m.title, site: m.site, lang: m.lang, addedAt: r.meta.t * 1000 });
      item.by = r.meta.d;
    }
    for (const [, name] of REGISTERS) {
      const reg = r[name];
      if (reg) (item as unknown as Record<string, unknown>)[name] = [reg.value, reg.t * 1000, reg.d];
    }
    return item;
  });
  const ghosts = Object.fromEntries(Object.entries(content.collected.ghosts).map(([k, t]) => [k, t * 1000]));
  return { v: 1, gc: content.collected.floor * 1000, ghosts, items };
}

export function decodeV1(value: Record<string, unknown>): ShardContent {
  const collected = emptyCollected();
  collected.floor = Math.floor(Number(value.gc ?? 0) / 1000);
  if (!Number.isFinite(collected.floor) || !Array.isArray(value.items)) throw new Error('bad v1 shard');
  if (typeof value.ghosts === 'object' && value.ghosts !== null) {
    for (const [k, t] of Object.entries(value.ghosts)) {
      if (typeof t === 'number') collected.ghosts[k] = Math.floor(t / 1000);
    }
  }
  const records = (value.items as V1Item[]).map((item): ItemRecord => {
    if (typeof item?.id !== 'string') throw new Error('bad v1 item');
    const record: ItemRecord = { id: item.id };
    if (typeof item.url === 'string' && typeof item.addedAt === 'number') {
      const meta = {
        url: item.url,
        title: String(item.title ?? ''),
        site: typeof item.site === 'string' && item.site ? item.site : null,
        lang: String(item.lang ?? ''),
        excerpt: '',
      };
      record.meta = { value: meta, t: Math.floor(item.addedAt / 1000), d: String(item.by ?? '') };
    }
    for (const [, name] of REGISTERS) {
      const reg = item[name];
      if (!Array.isArray(reg) || reg.length !== 3 || typeof reg[1] !== 'number') continue;
      (record as unknown as Record<string, Register<unknown>>)[name] = {
        value: reg[0],
        t: Math.floor(reg[1] / 1000),
        d: String(reg[2]),
      };
    }
    return record;
  });
  return { collected, records };
}
