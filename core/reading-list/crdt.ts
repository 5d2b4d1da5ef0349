// The reading list's replicated state: one record per item, made of last-writer-wins registers, so that any two
// copies merge to the same result whatever the order (merge is commutative, associative and idempotent).
//
// A register is (value, t, d): t in whole seconds since 1970 (what the sync encoding keeps; finer local times
// would make a copy and its synced projection differ), d a short device tag. Ordering: t, then d, then the
// value itself, so the order is total and every device picks the same winner. A missing register is older
// than any written one. Each new write gets t = max(now, current t + 1): a change made after seeing a value
// always wins over it, whatever the clocks say (a Lamport-style bump).
import { truncate } from '../util/index.ts';
import { fnv1a32 } from './hash.ts';
import { itemId } from './url.ts';
import type { ItemState, SavedItem } from './types.ts';

export interface Register<T> {
  value: T;
  /** Seconds since 1970. */
  t: number;
  /** Device tag (see deviceTag). */
  d: string;
}

/** What is set when an article is saved; addedAt is the register's time, or `added` when it says earlier. */
export interface ItemMeta {
  url: string;
  title: string;
  site: string | null;
  lang: string;
  excerpt: string;
  /**
   * Seconds since 1970: when the reader first saved it elsewhere (an import from Pocket, Instapaper…), earlier
   * than the register's time. Display only: deletions and merges go by the register's time, so an old date can
   * never make an import lose to a deletion made before the import.
   */
  added?: number;
}

export const FIELDS = ['meta', 'state', 'favourite', 'tags', 'progress', 'deleted'] as const;
export type Field = (typeof FIELDS)[number];

export interface ItemRecord {
  id: string;
  meta?: Register<ItemMeta>;
  state?: Register<ItemState>;
  favourite?: Register<boolean>;
  tags?: Register<string[]>;
  progress?: Register<number>;
  deleted?: Register<boolean>;
}

type RegisterOf<F extends Field> = NonNullable<ItemRecord[F]>;

/** Limits of what the sync copy of an item carries (the local store keeps the full values). */
export const SYNC_TITLE_MAX = 64;
export const SYNC_SITE_MAX = 32;
export const TAG_MAX = 40;
export const TAGS_MAX = 20;

/** A short, stable tag for a device id: 6 base-36 characters. */
export function deviceTag(deviceId: string): string {
  return fnv1a32(deviceId).toString(36).padStart(7, '0').slice(-6);
}

export function nowSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}

/** Control characters would break the sync encoding's separators; titles never need them. */
export function cleanText(text: string): string {
  return text.replace(/[\p{Cc}\u2028\u2029]+/gu, ' ').trim();
}

/** Trimmed, duplicates (ignoring case) dropped, at most TAGS_MAX of TAG_MAX characters, sorted. */
export function normalizeTags(tags: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const raw of tags) {
    const tag = cleanText(raw).replace(/\s+/g, ' ').slice(0, TAG_MAX).trim();
    const key = tag.toLowerCase();
    if (tag && !seen.has(key)) seen.set(key, tag);
  }
  return [...seen.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, TAGS_MAX)
    .map(([, tag]) => tag);
}

/** Progress is kept to a thousandth so that the synced value is exactly the local one. */
export function quantizeProgress(progress: number): number {
  if (!Number.isFinite(progress)) return 0;
  return Math.round(Math.min(1, Math.max(0, progress)) * 1000) / 1000;
}

function valueKey(value: unknown): string {
  return JSON.stringify(value) ?? '';
}

/** Equal (t, d) metas are a full value and its synced projection: the richer one wins. */
function compareMeta(a: ItemMeta, b: ItemMeta): number {
  return (
    a.excerpt.length - b.excerpt.length ||
    a.title.length - b.title.length ||
    (a.site?.length ?? -1) - (b.site?.length ?? -1) ||
    (valueKey(a) < valueKey(b) ? -1 : valueKey(a) > valueKey(b) ? 1 : 0)
  );
}

/** Total order of registers: time, then device, then value. */
export function compareRegisters<T>(a: Register<T> | undefined, b: Register<T> | undefined, meta = false): number {
  if (!a || !b) return a ? 1 : b ? -1 : 0;
  if (a.t !== b.t) return a.t - b.t;
  if (a.d !== b.d) return a.d < b.d ? -1 : 1;
  if (meta) return compareMeta(a.value as ItemMeta, b.value as ItemMeta);
  const ka = valueKey(a.value);
  const kb = valueKey(b.value);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

function later<F extends Field>(field: F, a: ItemRecord[F], b: ItemRecord[F]): ItemRecord[F] {
  return compareRegisters<unknown>(a, b, field === 'meta') >= 0 ? a : b;
}

/** The join of two copies of one item (same id). Returns `a` itself when `b` adds nothing. */
export function mergeRecords(a: ItemRecord, b: ItemRecord): ItemRecord {
  let out: ItemRecord | null = null;
  for (const field of FIELDS) {
    const winner = later(field, a[field], b[field]);
    if (winner !== a[field]) {
      out ??= { ...a };
      (out as Record<Field, unknown>)[field] = winner;
    }
  }
  return out ?? a;
}

/** True when `b` holds nothing newer than `a` (merging b into a changes nothing). */
export function covers(a: ItemRecord | undefined, b: ItemRecord): boolean {
  if (!a) return FIELDS.every((f) => b[f] === undefined);
  return FIELDS.every((f) => compareRegisters<unknown>(a[f], b[f], f === 'meta') >= 0);
}

/**
 * Deleted: the deleted register says so and no save came after it (a save made later, on a device that had
 * not heard of the deletion, brings the item back; a deletion at the same second as the save wins).
 */
export function isDeleted(record: ItemRecord): boolean {
  const deleted = record.deleted;
  return deleted?.value === true && (!record.meta || deleted.t >= record.meta.t);
}

/** When the item was last saved, deleted or restored (seconds): what collected deletions are compared with. */
export function existence(record: ItemRecord): number {
  return Math.max(record.meta?.t ?? 0, record.deleted?.t ?? 0);
}

/**
 * What a shard records about the tombstones collected from it: a ghost (the id's last GHOST_KEY_LENGTH
 * characters, and the deletion's time) for each one collected in the last GHOST_TTL_S, and a floor: deletions
 * at or before it may have been collected and their ghosts dropped. A join-semilattice like the records.
 */
export interface Collected {
  floor: number;
  ghosts: Record<string, number>;
}

export const GHOST_KEY_LENGTH = 8;
/** Ghosts are kept 120 days after the deletion, and 60 days after they appear (tombstones at least 60 days). */
export const GHOST_TTL_S = 120 * 86_400;

export function ghostKey(id: string): string {
  return id.slice(-GHOST_KEY_LENGTH);
}

export function emptyCollected(): Collected {
  return { floor: 0, ghosts: {} };
}

export function mergeCollected(a: Collected, b: Collected): Collected {
  const floor = Math.max(a.floor, b.floor);
  const ghosts: Record<string, number> = {};
  for (const source of [a.ghosts, b.ghosts]) {
    for (const [k, t] of Object.entries(source)) if (t > floor && (ghosts[k] ?? -1) < t) ghosts[k] = t;
  }
  return { floor, ghosts };
}

/** True when `a` holds everything `b` says. */
export function collectedCovers(a: Collected, b: Collected): boolean {
  if (a.floor < b.floor) return false;
  return Object.entries(b.ghosts).every(([k, t]) => t <= a.floor || (a.ghosts[k] ?? -1) >= t);
}

/** With the ghosts that `expired` says are done folded into the floor (with any older ghost). */
export function pruneCollected(c: Collected, expired: (key: string, t: number) => boolean): Collected {
  let floor = c.floor;
  for (const [k, t] of Object.entries(c.ghosts)) if (expired(k, t)) floor = Math.max(floor, t);
  return mergeCollected({ floor, ghosts: {} }, c);
}

/**
 * Was this item deleted and collected? "yes": a ghost of a deletion made after its last save or restore;
 * "maybe": it was last saved before the floor (a ghost may have expired); "no".
 */
export function collectedVerdict(c: Collected, record: ItemRecord): 'yes' | 'maybe' | 'no' {
  const e = existence(record);
  const ghost = c.ghosts[ghostKey(record.id)];
  if (ghost !== undefined && ghost >= e) return 'yes';
  return e <= c.floor ? 'maybe' : 'no';
}

/** Newest register time of the record, seconds. */
export function lastChange(record: ItemRecord): number {
  let t = 0;
  for (const field of FIELDS) t = Math.max(t, record[field]?.t ?? 0);
  return t;
}

/** The sync copy: a tombstone carries only its deletion; a live item a shortened title and no excerpt. */
export function projectForSync(record: ItemRecord): ItemRecord {
  if (isDeleted(record)) return { id: record.id, deleted: record.deleted };
  if (!record.meta) return record;
  const m = record.meta.value;
  const title = truncate(m.title, SYNC_TITLE_MAX);
  const site = m.site === null ? null : truncate(m.site, SYNC_SITE_MAX);
  if (title === m.title && site === m.site && m.excerpt === '') return record;
  return { ...record, meta: { ...record.meta, value: { ...m, title, site, excerpt: '' } } };
}

/** A register written now by this device, after (and so winning over) the current one. */
export function write<F extends Field>(
  current: ItemRecord[F],
  value: RegisterOf<F>['value'],
  nowS: number,
  device: string,
): RegisterOf<F> {
  const t = Math.max(nowS, (current?.t ?? 0) + 1);
  return { value, t, d: device } as RegisterOf<F>;
}

/** The UI's view of a record; null when the record has no metadata (a tombstone only). */
export function toSavedItem(record: ItemRecord, localOnly: boolean): SavedItem | null {
  const meta = record.meta;
  if (!meta) return null;
  return {
    id: record.id,
    url: meta.value.url,
    title: meta.value.title,
    site: meta.value.site,
    lang: meta.value.lang,
    excerpt: meta.value.excerpt,
    addedAt: Math.min(meta.value.added ?? meta.t, meta.t) * 1000,
    updatedAt: lastChange(record) * 1000,
    state: record.state?.value ?? 'unread',
    favourite: record.favourite?.value ?? false,
    tags: record.tags?.value ?? [],
    progress: record.progress?.value ?? 0,
    deleted: isDeleted(record),
    localOnly,
  };
}

function validRegister(value: unknown): value is Register<unknown> {
  const r = value as Register<unknown> | null;
  return typeof r === 'object' && r !== null && Number.isSafeInteger(r.t) && typeof r.d === 'string' && r.d.length < 64;
}

/**
 * A record from storage or another device, made safe: registers of the wrong shape are dropped, values brought
 * to what this version writes (text cleaned, tags normalized, progress quantized). Null when unusable.
 */
export function validateRecord(raw: unknown): ItemRecord | null {
  const r = raw as Record<string, unknown> | null;
  if (typeof r !== 'object' || r === null || typeof r.id !== 'string' || !/^[0-9a-z]{1,16}$/.test(r.id)) return null;
  const out: ItemRecord = { id: r.id };
  const reg = <T>(name: Field, fix: (v: unknown) => T | undefined): Register<T> | undefined => {
    const candidate = r[name];
    if (!validRegister(candidate)) return undefined;
    const value = fix(candidate.value);
    return value === undefined ? undefined : { value, t: candidate.t, d: candidate.d };
  };
  out.meta = reg('meta', (v) => {
    const m = v as Partial<ItemMeta> | null;
    if (typeof m !== 'object' || m === null || typeof m.url !== 'string' || !m.url) return undefined;
    const site = typeof m.site === 'string' ? cleanText(m.site) : '';
    return {
      url: cleanText(m.url),
      title: cleanText(String(m.title ?? '')),
      site: site || null,
      lang: cleanText(String(m.lang ?? '')).toLowerCase(),
      excerpt: cleanText(String(m.excerpt ?? '')),
      ...(Number.isSafeInteger(m.added) && m.added! >= 0 ? { added: m.added } : {}),
    };
  });
  out.state = reg('state', (v) => (v === 'unread' || v === 'archived' ? v : undefined));
  out.favourite = reg('favourite', (v) => (typeof v === 'boolean' ? v : undefined));
  out.tags = reg('tags', (v) =>
    Array.isArray(v) ? normalizeTags(v.filter((t): t is string => typeof t === 'string')) : undefined,
  );
  out.progress = reg('progress', (v) => (typeof v === 'number' ? quantizeProgress(v) : undefined));
  out.deleted = reg('deleted', (v) => (typeof v === 'boolean' ? v : undefined));
  // The id is the URL's hash: metadata claiming another URL is not this item's.
  if (out.meta && itemId(out.meta.value.url) !== out.id) out.meta = undefined;
  if (out.meta?.value.added !== undefined && out.meta.value.added >= out.meta.t) delete out.meta.value.added;
  for (const field of FIELDS) if (out[field] === undefined) delete out[field];
  return out;
}
