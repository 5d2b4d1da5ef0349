// Statistics the benchmarks print.

/** The median (NaN for no values). */
export function median(values: readonly number[]): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** `n` rounded to `digits` decimals, as a number. */
export function round(n: number, digits = 1): number {
  return Number(n.toFixed(digits));
}
