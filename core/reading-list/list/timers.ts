// The timers the reading list runs on: the browser's by default; tests pass their own (a timer that never fires
// leaves all writing to flush()).
export interface Timers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimers: Timers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
