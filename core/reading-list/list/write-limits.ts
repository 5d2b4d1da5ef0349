// How often this device may write to sync storage. Chrome refuses writes past 120 a minute and 1,800 an hour,
// counted per call: this device counts its own writes (in the local store's bookkeeping, so the count survives a
// restart) and waits before it reaches 90% of either limit, leaving headroom for the extension's other writes
// (settings). A write the browser refuses anyway backs off exponentially; a quota error, which means our count of
// bytes disagreed with the browser's, also widens a safety margin for a while.
import type { SyncLimits } from '../sync-storage/memory-sync-area.ts';
import { HOUR, MINUTE } from './timers.ts';

export type ErrorKind = 'rate-minute' | 'rate-hour' | 'quota-item' | 'quota-bytes' | 'max-items' | 'other';

/** What a refused write's message says went wrong (Chrome names the limit in it). */
export function classifyError(message: string): ErrorKind {
  if (message.includes('MAX_WRITE_OPERATIONS_PER_MINUTE')) return 'rate-minute';
  if (message.includes('MAX_WRITE_OPERATIONS_PER_HOUR')) return 'rate-hour';
  if (message.includes('QUOTA_BYTES_PER_ITEM')) return 'quota-item';
  if (message.includes('QUOTA_BYTES')) return 'quota-bytes';
  if (message.includes('MAX_ITEMS')) return 'max-items';
  return 'other';
}

/** Where the times (ms) of this device's recent writes are kept: the local store's bookkeeping (LocalState). */
export interface WriteLog {
  writes: number[];
}

export interface WriteLimits {
  /** This device's writes in the last minute and the last hour (older ones are dropped from the log). */
  recentWrites(): { minute: number[]; hour: number[] };
  /** How long to wait before the next write (0: now): the rate limits, and the backoff after a refusal. */
  waitBeforeWrite(): number;
  /** A write is being made now. */
  recordWrite(): void;
  /** A write was refused: how long to wait before the next attempt (the backoff grows with each refusal). */
  refused(kind: ErrorKind): number;
  /** A flush went through: the backoff starts again from its first step. */
  succeeded(): void;
  /** Halves the margins widened after quota errors (0 below a floor); true when there was one to shrink. */
  relaxMargins(): boolean;
  /** Bytes taken off the total budget, and off each key's, after quota errors. */
  quotaPenalty(): number;
  perKeyPenalty(): number;
}

export function createWriteLimits(options: { limits: SyncLimits; log: WriteLog; now: () => number }): WriteLimits {
  const { limits, log, now } = options;
  const perMinute = Math.max(1, Math.floor(limits.maxWriteOperationsPerMinute * 0.9));
  const perHour = Math.max(1, Math.floor(limits.maxWriteOperationsPerHour * 0.9));
  // Writes are also spread out: one hourly share apart at least.
  const minInterval = HOUR / perHour;
  let backoffAttempts = 0;
  let backoffUntil = 0;
  let quotaPenalty = 0;
  let perKeyPenalty = 0;

  function recentWrites(at: number) {
    log.writes = log.writes.filter((w) => w > at - HOUR);
    return {
      minute: log.writes.filter((w) => w > at - MINUTE),
      hour: log.writes,
    };
  }

  function rateWait(at: number): number {
    const { minute, hour } = recentWrites(at);
    let wait = 0;
    if (minute.length >= perMinute) wait = minute[minute.length - perMinute]! + MINUTE - at;
    if (hour.length >= perHour) wait = Math.max(wait, hour[hour.length - perHour]! + HOUR - at);
    const last = hour[hour.length - 1];
    if (last !== undefined && at - last < minInterval) wait = Math.max(wait, last + minInterval - at);
    return Math.max(0, wait);
  }

  return {
    recentWrites: () => recentWrites(now()),

    waitBeforeWrite() {
      const at = now();
      return Math.max(backoffUntil - at, rateWait(at));
    },

    recordWrite() {
      log.writes.push(now());
    },

    refused(kind) {
      const at = now();
      backoffAttempts++;
      let delay = Math.min(2_000 * 2 ** (backoffAttempts - 1), 15 * MINUTE);
      if (kind === 'rate-minute') delay = Math.max(delay, MINUTE);
      if (kind === 'rate-hour') delay = Math.max(delay, 10 * MINUTE);
      delay = Math.max(delay, rateWait(at));
      if (kind === 'quota-bytes') quotaPenalty = Math.min(limits.quotaBytes / 8, Math.max(512, quotaPenalty * 2));
      if (kind === 'quota-item') {
        perKeyPenalty = Math.min(limits.quotaBytesPerItem / 8, Math.max(256, perKeyPenalty * 2));
      }
      backoffUntil = at + delay;
      return delay;
    },

    succeeded() {
      backoffAttempts = 0;
      backoffUntil = 0;
    },

    relaxMargins() {
      if (!quotaPenalty && !perKeyPenalty) return false;
      quotaPenalty = quotaPenalty >= 128 ? quotaPenalty / 2 : 0;
      perKeyPenalty = perKeyPenalty >= 64 ? perKeyPenalty / 2 : 0;
      return true;
    },

    quotaPenalty: () => quotaPenalty,
    perKeyPenalty: () => perKeyPenalty,
  };
}
