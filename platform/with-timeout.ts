import { runWithDeadline } from '../core/util/index.ts';

/** `promise`, or a rejection with `message` if it has not settled within `ms`; other rejections become Errors. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  const outcome = await runWithDeadline(() => promise, ms);
  if (!outcome.done) throw new Error(message);
  return outcome.value;
}
