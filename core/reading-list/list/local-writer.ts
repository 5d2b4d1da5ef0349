// Writes the list's changes to the device's local store: gathered as they come, then written in order, one batch
// at a time. A batch the store refuses (quota, an I/O error) is kept, merged with later changes (newer values of
// the same ids win), and written again by itself with a growing delay; meanwhile the changes live in memory and
// the reader is told, so they are lost only if the browser closes first.
import { LOCAL_VERSION, type LocalBatch, type LocalRecord, type LocalState, type LocalStore } from '../local-store.ts';
import { errorMessage } from '../../util/index.ts';
import { MINUTE, type Timers } from './timers.ts';

/** A failure the reader is told about, in English, and when it happened (ms since 1970). */
export interface Failure {
  message: string;
  at: number;
}

export interface LocalWriterOptions {
  store: LocalStore;
  /** The list's bookkeeping: written whole with the next batch once stateChanged() says so. */
  state: LocalState;
  /** The record as the list holds it now (a refused batch is written again with it), undefined once forgotten. */
  current: (id: string) => LocalRecord | undefined;
  timers: Timers;
  now: () => number;
  /** The failure appeared or went away: status() changed. */
  onFailureChange: () => void;
}

export interface LocalWriter {
  put(record: LocalRecord): void;
  remove(id: string): void;
  stateChanged(): void;
  /** Writes what was gathered, after the batches before it. Never rejects: a failure is kept and retried. */
  persist(): Promise<void>;
  /** The last refused write, while nothing has been written since. */
  failure(): Failure | null;
  /** Stops retrying by itself (what is pending is written with the next persist(), or lost with the page). */
  close(): void;
}

export function createLocalWriter(options: LocalWriterOptions): LocalWriter {
  const { store, state, current, timers, now, onFailureChange } = options;
  const toPut = new Map<string, LocalRecord>();
  const toRemove = new Set<string>();
  let stateDirty = false;
  let persisting: Promise<void> = Promise.resolve();
  let failure: Failure | null = null;
  let attempts = 0;
  let retry: unknown = null;
  let closed = false;

  function persist(): Promise<void> {
    if (!toPut.size && !toRemove.size && !stateDirty) return persisting;
    const batch: LocalBatch = {
      version: LOCAL_VERSION,
      put: [...toPut.values()],
      remove: [...toRemove],
      state: stateDirty ? structuredClone(state) : undefined,
    };
    toPut.clear();
    toRemove.clear();
    stateDirty = false;
    persisting = persisting.then(
      () =>
        store.write(batch).then(
          () => {
            if (failure) onFailureChange();
            failure = null;
            attempts = 0;
          },
          (error: unknown) => {
            // Keep the batch for the next attempt (newer values of the same ids win), and say so.
            for (const r of batch.put) if (!toPut.has(r.id) && !toRemove.has(r.id)) toPut.set(r.id, current(r.id) ?? r);
            for (const id of batch.remove) if (!current(id)) toRemove.add(id);
            if (batch.state) stateDirty = true;
            failure = { message: `Local storage: ${errorMessage(error)}`, at: now() };
            onFailureChange();
            retryLater();
          },
        ),
      () => undefined,
    );
    return persisting;
  }

  /** A refused write is tried again by itself (quota freed, a transient error), with a growing delay. */
  function retryLater() {
    if (closed || retry !== null) return;
    const delay = Math.min(2_000 * 2 ** attempts, 5 * MINUTE);
    attempts++;
    retry = timers.set(() => {
      retry = null;
      void persist();
    }, delay);
  }

  return {
    put(record) {
      toPut.set(record.id, record);
      toRemove.delete(record.id);
    },
    remove(id) {
      toPut.delete(id);
      toRemove.add(id);
    },
    stateChanged() {
      stateDirty = true;
    },
    persist,
    failure: () => failure,
    close() {
      closed = true;
      if (retry !== null) timers.clear(retry);
      retry = null;
    },
  };
}
