// The one retry of a refused first injection (platform/retry.ts), with a fake injection and a fake wait.
import { describe, expect, it, vi } from 'vitest';
import { isPermissionRefusal, retryOnceOnRefusal } from '../../../platform/retry.ts';

const REFUSED = new Error(
  'Cannot access contents of the page. Extension manifest must request permission to access the respective host.',
);

function fakeInjection(outcomes: (Error | string)[]) {
  const attempt = vi.fn(() => {
    const next = outcomes.shift();
    return next instanceof Error ? Promise.reject(next) : Promise.resolve(next ?? 'no more');
  });
  const wait = vi.fn(() => Promise.resolve());
  return { attempt, wait };
}

describe('retryOnceOnRefusal', () => {
  it('returns at once when the first attempt works, without waiting', async () => {
    const { attempt, wait } = fakeInjection(['shown']);
    await expect(retryOnceOnRefusal(attempt, wait)).resolves.toBe('shown');
    expect(attempt).toHaveBeenCalledTimes(1);
    expect(wait).not.toHaveBeenCalled();
  });

  it('waits once and tries again after a permission refusal (the grant was on its way)', async () => {
    const { attempt, wait } = fakeInjection([REFUSED, 'shown']);
    await expect(retryOnceOnRefusal(attempt, wait)).resolves.toBe('shown');
    expect(attempt).toHaveBeenCalledTimes(2);
    expect(wait).toHaveBeenCalledTimes(1);
    expect(wait.mock.invocationCallOrder[0]).toBeLessThan(attempt.mock.invocationCallOrder[1]!);
  });

  it('retries only once: a second refusal is thrown', async () => {
    const second = new Error('Missing host permission for the tab');
    const { attempt, wait } = fakeInjection([REFUSED, second, 'never']);
    await expect(retryOnceOnRefusal(attempt, wait)).rejects.toBe(second);
    expect(attempt).toHaveBeenCalledTimes(2);
    expect(wait).toHaveBeenCalledTimes(1);
  });

  it('does not retry any other failure', async () => {
    const gone = new Error('No tab with id: 7');
    const { attempt, wait } = fakeInjection([gone, 'never']);
    await expect(retryOnceOnRefusal(attempt, wait)).rejects.toBe(gone);
    expect(attempt).toHaveBeenCalledTimes(1);
    expect(wait).not.toHaveBeenCalled();
  });

  it('knows the refusals of both browsers', () => {
    expect(isPermissionRefusal(REFUSED)).toBe(true);
    expect(isPermissionRefusal(new Error('Missing host permission for the tab'))).toBe(true);
    expect(isPermissionRefusal(new Error('Frame was removed'))).toBe(false);
  });
});
