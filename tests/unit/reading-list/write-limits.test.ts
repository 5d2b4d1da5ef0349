// The write limits of sync storage, on an injected clock: counting, spacing, backoff, and the margins widened after
// quota errors.
import { describe, expect, it } from 'vitest';
import { classifyError, createWriteLimits } from '../../../core/reading-list/list/write-limits.ts';
import { QUOTA_MESSAGES, type SyncLimits } from '../../../core/reading-list/sync-storage/memory-sync-area.ts';
import { SYNC_LIMITS } from '../../../core/reading-list/types.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function setup(limits: SyncLimits = SYNC_LIMITS, writes: number[] = []) {
  const clock = { now: Date.UTC(2025, 5, 1) };
  const log = { writes: writes.map((ago) => clock.now - ago) };
  return { clock, log, limits: createWriteLimits({ limits, log, now: () => clock.now }) };
}

describe('write limits', () => {
  it('let the first write go at once, then space writes one share of 90% of the hourly limit apart', () => {
    const { clock, limits } = setup();
    expect(limits.waitBeforeWrite()).toBe(0);
    limits.recordWrite();
    const interval = HOUR / Math.floor(1_800 * 0.9); // 2.2 seconds
    expect(limits.waitBeforeWrite()).toBeCloseTo(interval, 2);
    clock.now += 1_000;
    expect(limits.waitBeforeWrite()).toBeCloseTo(interval - 1_000, 2);
    clock.now += interval;
    expect(limits.waitBeforeWrite()).toBe(0);
  });

  it('wait for the oldest write of the minute to age out once 90% of the per-minute limit is used', () => {
    const { clock, limits } = setup({ ...SYNC_LIMITS, maxWriteOperationsPerHour: 1e9 });
    const first = clock.now;
    for (let i = 0; i < 107; i++) {
      limits.recordWrite();
      clock.now += 100;
    }
    expect(limits.waitBeforeWrite()).toBe(0); // 107 of 108
    limits.recordWrite();
    clock.now += 100;
    expect(limits.recentWrites().minute).toHaveLength(108);
    expect(limits.waitBeforeWrite()).toBe(first + MINUTE - clock.now);
  });

  it('count the writes logged before a restart, and forget those older than an hour', () => {
    // 90% of 10 an hour is 9: nine writes in the last 50 minutes (and one older) leave 10 minutes to wait.
    const ago = [61, 50, 49, 48, 47, 46, 45, 44, 43, 42].map((m) => m * MINUTE);
    const { log, limits } = setup({ ...SYNC_LIMITS, maxWriteOperationsPerHour: 10 }, ago);
    expect(limits.waitBeforeWrite()).toBe(10 * MINUTE);
    expect(log.writes).toHaveLength(9);
    expect(limits.recentWrites()).toMatchObject({ minute: [], hour: log.writes });
  });

  it('back off exponentially after refused writes, up to 15 minutes, and start again after a success', () => {
    const { clock, limits } = setup();
    const delays = Array.from({ length: 12 }, () => limits.refused('other'));
    expect(delays.slice(0, 5)).toEqual([2_000, 4_000, 8_000, 16_000, 32_000]);
    expect(delays.at(-1)).toBe(15 * MINUTE);
    expect(limits.waitBeforeWrite()).toBe(15 * MINUTE);
    clock.now += 15 * MINUTE;
    expect(limits.waitBeforeWrite()).toBe(0);
    limits.succeeded();
    expect(limits.refused('other')).toBe(2_000);
  });

  it('wait at least a minute after the per-minute limit, ten after the hourly one, and past the rate limits', () => {
    expect(setup().limits.refused('rate-minute')).toBe(MINUTE);
    expect(setup().limits.refused('rate-hour')).toBe(10 * MINUTE);
    // Nine writes of the nine an hour allowed, the first 50 minutes ago: past the first step of the backoff.
    const ago = [50, 2, 2, 2, 2, 2, 2, 2, 2].map((m) => m * MINUTE);
    const busy = setup({ ...SYNC_LIMITS, maxWriteOperationsPerHour: 10 }, ago);
    expect(busy.limits.refused('other')).toBe(10 * MINUTE);
  });

  it('widen a margin after each quota error, up to an eighth of the limit, and relax it flush after flush', () => {
    const { limits } = setup();
    expect(limits.relaxMargins()).toBe(false);
    limits.refused('quota-bytes');
    limits.refused('quota-bytes');
    limits.refused('quota-item');
    expect([limits.quotaPenalty(), limits.perKeyPenalty()]).toEqual([1_024, 256]);
    for (let i = 0; i < 10; i++) limits.refused('quota-bytes');
    expect(limits.quotaPenalty()).toBe(SYNC_LIMITS.quotaBytes / 8);

    const relaxed: [number, number][] = [];
    while (limits.relaxMargins()) relaxed.push([limits.quotaPenalty(), limits.perKeyPenalty()]);
    expect(relaxed.slice(0, 3)).toEqual([
      [6_400, 128],
      [3_200, 64],
      [1_600, 32],
    ]);
    expect(relaxed.at(-1)).toEqual([0, 0]);
  });

  it('tell the kinds of refusal apart by the browser message', () => {
    expect(classifyError(QUOTA_MESSAGES.perMinute)).toBe('rate-minute');
    expect(classifyError(QUOTA_MESSAGES.perHour)).toBe('rate-hour');
    expect(classifyError(QUOTA_MESSAGES.perItem)).toBe('quota-item');
    expect(classifyError(QUOTA_MESSAGES.bytes)).toBe('quota-bytes');
    expect(classifyError(QUOTA_MESSAGES.items)).toBe('max-items');
    expect(classifyError('Network unavailable')).toBe('other');
  });
});
