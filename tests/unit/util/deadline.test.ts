import { describe, expect, it, vi } from 'vitest';
import { runWithDeadline, toError } from '../../../core/util/index.ts';
import { withTimeout } from '../../../platform/with-timeout.ts';

describe('runWithDeadline', () => {
  it('gives the value of a task that settles in time', async () => {
    await expect(runWithDeadline(() => Promise.resolve(42), 1_000)).resolves.toEqual({ done: true, value: 42 });
  });

  it('gives up at the deadline on a task that never settles, and tells it through the signal', async () => {
    vi.useFakeTimers();
    try {
      let signal: AbortSignal | undefined;
      const outcome = runWithDeadline((given) => {
        signal = given;
        return new Promise<never>(() => {});
      }, 500);
      await vi.advanceTimersByTimeAsync(500);
      await expect(outcome).resolves.toEqual({ done: false });
      expect(signal?.aborted).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('rejects with an Error when the task fails in time, thrown or rejected, with any value', async () => {
    await expect(runWithDeadline(() => Promise.reject(new Error('refused')), 1_000)).rejects.toThrow('refused');
    await expect(
      runWithDeadline(() => {
        throw 'plain text'; // eslint-disable-line @typescript-eslint/only-throw-error -- what some code throws
      }, 1_000),
    ).rejects.toThrow('plain text');
  });
});

describe('withTimeout', () => {
  it('passes the value through, and fails with the given message once the time is up', async () => {
    await expect(withTimeout(Promise.resolve('ok'), 1_000, 'too slow')).resolves.toBe('ok');
    vi.useFakeTimers();
    try {
      const late = withTimeout(new Promise<never>(() => {}), 200, 'too slow');
      const seen = expect(late).rejects.toThrow('too slow');
      await vi.advanceTimersByTimeAsync(200);
      await seen;
    } finally {
      vi.useRealTimers();
    }
  });

  it('turns a rejection with a non-Error into an Error', async () => {
    await expect(
      withTimeout(Promise.reject(404), 1_000, 'too slow'), // eslint-disable-line @typescript-eslint/prefer-promise-reject-errors -- what some APIs reject with
    ).rejects.toEqual(new Error('404'));
    expect(toError({ toString: () => 'odd' }).message).toBe('odd');
  });
});
