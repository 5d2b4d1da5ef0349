import { toError } from './errors.ts';

/**
 * Runs `task` with a signal that aborts after `ms`. Resolves with the task's value, or, once the deadline passes,
 * with `{ done: false }` even if the task never settles (it is told through the signal; its late result, or
 * failure, is dropped). A rejection before the deadline rejects.
 */
export function runWithDeadline<T>(
  task: (signal: AbortSignal) => Promise<T>,
  ms: number,
): Promise<{ done: true; value: T } | { done: false }> {
  const controller = new AbortController();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      controller.abort();
      resolve({ done: false });
    }, ms);
    let running: Promise<T>;
    try {
      running = task(controller.signal);
    } catch (error) {
      running = Promise.reject(toError(error));
    }
    running.then(
      (value) => {
        clearTimeout(timer);
        if (!controller.signal.aborted) resolve({ done: true, value });
      },
      (error: unknown) => {
        clearTimeout(timer);
        if (!controller.signal.aborted) reject(toError(error));
      },
    );
  });
}
