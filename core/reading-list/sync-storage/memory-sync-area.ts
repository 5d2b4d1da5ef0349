// An in-memory storage.sync with Chrome's limits and error messages: for tests, the benchmark, and as the
// reference of what the engine expects from platform/'s adapter.
import { toError } from '../../util/index.ts';
import { entryBytes } from './sizes.ts';
import { SYNC_LIMITS, type SyncArea } from '../types.ts';

export type SyncLimits = { [K in keyof typeof SYNC_LIMITS]: number };
export type SyncChanges = Record<string, { newValue?: unknown; oldValue?: unknown }>;

/** Chrome's own messages (runtime.lastError / rejected promise), matched by the engine. */
export const QUOTA_MESSAGES = {
  bytes: 'QUOTA_BYTES quota exceeded',
  perItem: 'QUOTA_BYTES_PER_ITEM quota exceeded',
  items: 'MAX_ITEMS quota exceeded',
  perMinute: 'This request exceeds the MAX_WRITE_OPERATIONS_PER_MINUTE quota.',
  perHour: 'This request exceeds the MAX_WRITE_OPERATIONS_PER_HOUR quota.',
} as const;

export function totalBytes(data: ReadonlyMap<string, unknown> | Record<string, unknown>): number {
  let sum = 0;
  if (data instanceof Map) for (const [k, v] of data as ReadonlyMap<string, unknown>) sum += entryBytes(k, v);
  else for (const [k, v] of Object.entries(data)) sum += entryBytes(k, v);
  return sum;
}

/** Throws Chrome's error if writing `items` over `data` would break a limit; `writes` are recent write times. */
export function checkQuota(
  data: ReadonlyMap<string, unknown>,
  items: Record<string, unknown>,
  limits: SyncLimits,
  writes: readonly number[],
  now: number,
): void {
  if (writes.filter((w) => w > now - 60_000).length >= limits.maxWriteOperationsPerMinute) {
    throw new Error(QUOTA_MESSAGES.perMinute);
  }
  if (writes.filter((w) => w > now - 3_600_000).length >= limits.maxWriteOperationsPerHour) {
    throw new Error(QUOTA_MESSAGES.perHour);
  }
  const next = new Map(data);
  for (const [k, v] of Object.entries(items)) {
    if (entryBytes(k, v) > limits.quotaBytesPerItem) throw new Error(QUOTA_MESSAGES.perItem);
    next.set(k, v);
  }
  if (next.size > limits.maxItems) throw new Error(QUOTA_MESSAGES.items);
  if (totalBytes(next) > limits.quotaBytes) throw new Error(QUOTA_MESSAGES.bytes);
}

export interface MemorySyncArea extends SyncArea {
  data: Map<string, unknown>;
  /** Times of the accepted write operations. */
  writes: number[];
  bytesInUse(): number;
}

/** One device alone on a sync area: writes apply at once; change events follow in a microtask. */
export function createMemorySyncArea(options: { limits?: SyncLimits; now?: () => number } = {}): MemorySyncArea {
  const limits = options.limits ?? SYNC_LIMITS;
  const now = options.now ?? Date.now;
  const listeners = new Set<(changes: SyncChanges) => void>();
  const clone = (v: unknown): unknown => (v === undefined ? v : JSON.parse(JSON.stringify(v)));
  const emit = (changes: SyncChanges) => {
    if (Object.keys(changes).length) queueMicrotask(() => listeners.forEach((l) => l(changes)));
  };
  const area: MemorySyncArea = {
    data: new Map(),
    writes: [],
    bytesInUse: () => totalBytes(area.data),
    get(keys) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of area.data) if (!keys || keys.includes(k)) out[k] = clone(v);
      return Promise.resolve(out);
    },
    set(items) {
      try {
        checkQuota(area.data, items, limits, area.writes, now());
      } catch (error) {
        return Promise.reject(toError(error));
      }
      area.writes.push(now());
      const changes: SyncChanges = {};
      for (const [k, v] of Object.entries(items)) {
        const value = clone(v);
        changes[k] = { oldValue: area.data.get(k), newValue: value };
        area.data.set(k, value);
      }
      emit(changes);
      return Promise.resolve();
    },
    remove(keys) {
      area.writes.push(now());
      const changes: SyncChanges = {};
      for (const k of keys) {
        if (!area.data.has(k)) continue;
        changes[k] = { oldValue: area.data.get(k) };
        area.data.delete(k);
      }
      emit(changes);
      return Promise.resolve();
    },
    onChanged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return area;
}
