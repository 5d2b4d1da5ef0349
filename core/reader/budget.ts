// The extraction's time budget: checked between stages and inside the cleanup's loops, so a page that takes
// too long ends with a clear failure instead of holding the tab (the content script runs on the page's thread).

/** Thrown by `Deadline.check` once the budget is spent; `extractArticle` turns it into a 'too-slow' failure. */
export class TimeBudgetExceeded extends Error {
  constructor(
    /** The stage that was running when the budget ran out. */
    readonly stage: string,
    readonly budgetMs: number,
    readonly elapsedMs: number,
  ) {
    super(`stopped after ${Math.round(elapsedMs)} ms during ${stage}, the limit is ${budgetMs} ms`);
    this.name = 'TimeBudgetExceeded';
  }
}

export interface Deadline {
  /** Throws TimeBudgetExceeded when the budget is spent. One clock read: call it every N items, not every item. */
  check(stage: string): void;
}

/** How many elements a loop handles between two clock reads (a power of two, for a cheap mask test). */
export const CHECK_EVERY = 256;

/** A deadline `budgetMs` from now; `now` is a clock in milliseconds (tests may pass their own). */
export function startDeadline(budgetMs: number, now: () => number = () => performance.now()): Deadline {
  const start = now();
  return {
    check(stage) {
      const elapsed = now() - start;
      if (elapsed > budgetMs) throw new TimeBudgetExceeded(stage, budgetMs, elapsed);
    },
  };
}

/** A deadline that never passes: the cleanup run on its own (tests, tools). */
export const NO_DEADLINE: Deadline = { check() {} };
