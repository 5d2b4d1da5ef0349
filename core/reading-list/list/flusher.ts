// Writing to sync storage: merge, then write. A flush waits for the write limits, reads the latest value of every
// key and merges it, collects expired tombstones, plans what fits (flush-plan.ts), and writes the shards where sync
// storage lacks something, in one `set`. Changes are debounced into flushes; a refused write is retried later.
import { registers, type RecordTable } from './record-table.ts';
import type { KeptCopies } from './kept-copies.ts';
import type { Failure, LocalWriter } from './local-writer.ts';
import type { SyncMerge } from './merge.ts';
import { applyLocalOnly, chooseWrites, computePlan } from './flush-plan.ts';
import type { ShardMirror } from './shard-mirror.ts';
import type { Timers } from './timers.ts';
import { collectExpired, publication, settleSuspects } from './tombstones.ts';
import { classifyError, type ErrorKind, type WriteLimits } from './write-limits.ts';
import type { LocalRecord, LocalState } from '../local-store.ts';
import type { SyncLimits } from '../sync-storage/memory-sync-area.ts';
import type { Plan, ShardPlan } from '../sync-storage/plan.ts';
import type { SyncArea } from '../types.ts';
import { errorMessage } from '../../util/index.ts';

export interface FlusherOptions {
  sync: SyncArea;
  limits: SyncLimits;
  /** Bytes of sync storage left free for other keys to grow (reader settings). */
  reserve: number;
  debounceMs: number;
  tombstoneTtlMs: number;
  device: string;
  compress: boolean;
  timers: Timers;
  now: () => number;
  table: RecordTable;
  mirror: ShardMirror;
  state: LocalState;
  suspects: Set<string>;
  merge: SyncMerge;
  writer: LocalWriter;
  writeLimits: WriteLimits;
  keptCopies: KeptCopies;
  /** items() or status() may have changed. */
  notify: () => void;
  /** Loaded and not closed: flushes and timers do nothing otherwise. */
  active: () => boolean;
}

export interface Flusher {
  /** Writes what is pending now, unless a limit or backoff says to wait (then a timer retries). */
  flush(): Promise<void>;
  /** Something to write: a flush after the debounce. */
  writeSoon(): void;
  /** Something for the next flush to do, whenever it comes. */
  markDirty(): void;
  /** A failure to read or write sync storage, for status(). */
  failed(context: string, error: unknown): void;
  failure(): Failure | null;
  /** Keys waiting to be written (1 at least while a change waits for its flush). */
  pendingWrites(): number;
  lastWriteAt(): number | null;
  /** When the next flush is due, if one is waiting on a timer. */
  nextAttemptAt(): number | null;
  /** Bytes all the list's writable keys may take now. */
  budget(): number;
  close(): void;
}

export function createFlusher(options: FlusherOptions): Flusher {
  const { sync, limits, reserve, debounceMs, timers, now, table, mirror, state, suspects } = options;
  const { merge, writer, writeLimits, keptCopies, notify, active } = options;
  let failure: Failure | null = null;
  let lastWriteAt: number | null = null;
  let pendingWrites = 0;
  let dirty = false;
  let timer: unknown = null;
  let timerAt = 0;
  let flushChain: Promise<void> = Promise.resolve();

  function failed(context: string, error: unknown) {
    failure = { message: `${context}: ${errorMessage(error)}`, at: now() };
    notify();
  }

  function budget() {
    return mirror.budget({ quotaBytes: limits.quotaBytes, reserve, penalty: writeLimits.quotaPenalty() });
  }

  function schedule(ms: number) {
    if (!active()) return;
    const at = now() + Math.max(0, ms);
    if (timer !== null && timerAt <= at) return;
    if (timer !== null) timers.clear(timer);
    timerAt = at;
    timer = timers.set(
      () => {
        timer = null;
        void flush();
      },
      Math.max(0, ms),
    );
  }

  function retryLater(kind: ErrorKind, error: unknown, context: string) {
    const delay = writeLimits.refused(kind);
    failed(context, error);
    dirty = true;
    schedule(delay);
  }

  /** The flush went through: errors cleared, margins widened after quota errors relaxed (and looked at again). */
  async function succeeded() {
    if (failure) notify();
    failure = null;
    writeLimits.succeeded();
    if (writeLimits.relaxMargins()) {
      dirty = true;
      schedule(debounceMs);
    }
    notify();
    await writer.persist();
  }

  function plan(): Promise<Plan> {
    const { device, compress } = options;
    const perKey = Math.max(0, limits.quotaBytesPerItem - writeLimits.perKeyPenalty());
    return computePlan({ table, mirror, state, device, compress, budget: budget(), perKey });
  }

  /** A damaged key is written over only once a copy of it is kept on this device: the others are held back. */
  async function holdUnkept(chosen: ShardPlan[]) {
    let writes = chosen;
    let keepError: unknown = null;
    let held = 0;
    for (const p of chosen) {
      const r = mirror.shard(p.shard);
      if (!r || r.decoded.ok) continue;
      try {
        const source = `sync:${p.key}`;
        const copy = { source, reason: r.decoded.reason, message: r.decoded.message, value: r.value };
        if (await keptCopies.keep(copy)) continue;
        keepError = new Error('this device cannot keep a copy of it');
      } catch (error) {
        keepError = error;
      }
      writes = writes.filter((w) => w !== p);
      held++;
    }
    return { writes, held, keepError };
  }

  /** What was written is what sync storage holds now: its items were seen there, their tombstones published. */
  function wrote(writes: ShardPlan[]) {
    for (const p of writes) {
      mirror.wrote(p);
      for (const held of p.content.records) {
        const record = table.get(held.id);
        if (!record) continue;
        const published = publication(record, registers(record), held, now());
        if (!record.seenRemote || record.published !== published) {
          const next: LocalRecord = { ...record, seenRemote: true };
          if (published) next.published = published;
          else delete next.published;
          table.put(next);
        }
      }
    }
  }

  async function flushOnce(): Promise<void> {
    await merge.idle(); // changes already received are merged first
    if (!active()) return;
    if (timer !== null) {
      // This flush is the one a timer was waiting for.
      timers.clear(timer);
      timer = null;
    }
    const wait = writeLimits.waitBeforeWrite();
    if (wait > 0) {
      schedule(wait);
      return;
    }
    dirty = false;
    // Merge, then write: the latest values of every key first.
    let snapshot: Record<string, unknown>;
    try {
      snapshot = await sync.get(null);
    } catch (error) {
      retryLater('other', error, 'Reading sync storage');
      return;
    }
    const gone = mirror.goneFrom(snapshot).map((k): [string, unknown] => [k, undefined]);
    await merge.serially(() => merge.absorb([...Object.entries(snapshot), ...gone]));
    if (collectExpired(table, state, now(), options.tombstoneTtlMs)) writer.stateChanged();
    let planned = await plan();
    if (suspects.size && settleSuspects(suspects, planned, table)) planned = await plan();
    const { writes, held, keepError } = await holdUnkept(chooseWrites(planned, mirror, { ...limits, reserve }));
    pendingWrites = writes.length + held;
    if (writes.length) {
      writeLimits.recordWrite();
      writer.stateChanged();
      try {
        await sync.set(Object.fromEntries(writes.map((p) => [p.key, p.value])));
      } catch (error) {
        applyLocalOnly(table, planned, mirror);
        await writer.persist();
        retryLater(classifyError(errorMessage(error)), error, 'Writing sync storage');
        return;
      }
      wrote(writes);
    }
    applyLocalOnly(table, planned, mirror);
    if (writes.length) lastWriteAt = now();
    if (keepError) {
      pendingWrites = held;
      await writer.persist();
      retryLater('other', keepError, 'Keeping a copy of unreadable sync data');
      return;
    }
    pendingWrites = 0;
    await succeeded();
    // Something changed while we were writing: go again (debounced).
    if (writes.length && dirty) schedule(debounceMs);
  }

  function flush(): Promise<void> {
    const run = flushChain.then(flushOnce);
    flushChain = run.catch((error: unknown) => failed('Sync', error));
    return flushChain;
  }

  return {
    flush,
    writeSoon() {
      dirty = true;
      schedule(debounceMs);
    },
    markDirty() {
      dirty = true;
    },
    failed,
    failure: () => failure,
    pendingWrites: () => Math.max(pendingWrites, dirty ? 1 : 0),
    lastWriteAt: () => lastWriteAt,
    nextAttemptAt: () => (timer !== null ? timerAt : null),
    budget,
    close() {
      if (timer !== null) timers.clear(timer);
      timer = null;
    },
  };
}
