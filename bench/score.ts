// The Article Extraction Benchmark's scoring (upstream evaluate.py), in TypeScript:
// words are runs of Unicode letters, digits and "_", compared as 4-word shingles, and
// each page's counts are normalized so every page weighs the same.

const WORD = /[\p{L}\p{N}_]+/gu;

export function tokenize(text: string): string[] {
  return text.match(WORD) ?? [];
}

export function shingles(text: string, n = 4): Map<string, number> {
  const tokens = tokenize(text);
  const counts = new Map<string, number>();
  const last = Math.max(1, tokens.length - n + 1);
  for (let i = 0; i < last; i++) {
    const slice = tokens.slice(i, i + n);
    if (!slice.length) continue;
    const key = slice.join('\u0001');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export function shingleMatch(truth: string, predicted: string): Counts {
  const t = shingles(truth);
  const p = shingles(predicted);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const key of new Set([...t.keys(), ...p.keys()])) {
    const tc = t.get(key) ?? 0;
    const pc = p.get(key) ?? 0;
    tp += Math.min(tc, pc);
    fp += Math.max(0, pc - tc);
    fn += Math.max(0, tc - pc);
  }
  const sum = tp + fp + fn;
  return sum > 0 ? { tp: tp / sum, fp: fp / sum, fn: fn / sum } : { tp, fp, fn };
}

function precision({ tp, fp, fn }: Counts): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fp === 0) return 0;
  return tp / (tp + fp);
}

function recall({ tp, fp, fn }: Counts): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fn === 0) return 0;
  return tp / (tp + fn);
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

export interface Scores {
  precision: number;
  recall: number;
  f1: number;
}

export function aggregate(pages: Counts[]): Scores {
  const p = mean(pages.filter((c) => c.tp + c.fp > 0).map(precision));
  const r = mean(pages.filter((c) => c.tp + c.fn > 0).map(recall));
  return { precision: p, recall: r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
}

function bagOfWords(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const w of tokenize(text)) counts.set(w, (counts.get(w) ?? 0) + 1);
  return counts;
}

/** Share of the expected text's words that the output lacks (0..1), counting repeats. */
export function lostShare(expected: string, output: string): number {
  const e = bagOfWords(expected);
  const o = bagOfWords(output);
  let total = 0;
  let missing = 0;
  for (const [key, count] of e) {
    total += count;
    missing += Math.max(0, count - (o.get(key) ?? 0));
  }
  return total ? missing / total : 0;
}
