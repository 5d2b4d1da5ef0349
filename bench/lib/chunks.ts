// The broad corpus's scoring (trafilatura's evaluation, see ../shared/corpus/trafilatura-dev/DATA-SOURCE.md): a
// chunk is found when it appears in the extracted text, runs of whitespace collapsed on both sides. Each page has
// chunks the extraction must keep ("with") and boilerplate it must drop ("without"); the counts are summed over
// pages (micro-average), as upstream.

/** Runs of whitespace (any kind, non-breaking included) as one space, trimmed. */
export const collapseSpace = (text: string): string => text.replace(/\s+/gu, ' ').trim();

export interface ChunkCounts {
  /** "with" chunks on the page, and how many of them the text has. */
  withAll: number;
  withFound: number;
  /** "without" chunks on the page, and how many of them the text has (leaks). */
  withoutAll: number;
  withoutFound: number;
}

export interface PageChunks extends ChunkCounts {
  /** The "with" chunks the text lacks. */
  lost: string[];
  /** The "without" chunks the text has. */
  leaked: string[];
}

/** One page: which of its chunks an extracted text has. */
export function scoreChunks(text: string, withChunks: readonly string[], withoutChunks: readonly string[]): PageChunks {
  const hay = collapseSpace(text);
  const has = (chunk: string) => hay.includes(collapseSpace(chunk));
  const lost = withChunks.filter((c) => !has(c));
  const leaked = withoutChunks.filter(has);
  return {
    withAll: withChunks.length,
    withFound: withChunks.length - lost.length,
    withoutAll: withoutChunks.length,
    withoutFound: leaked.length,
    lost,
    leaked,
  };
}

export interface ChunkScores {
  pages: number;
  precision: number;
  recall: number;
  f1: number;
  /** Share of "with" chunks found (= recall). */
  withFound: number;
  /** Share of "without" chunks absent from the text. */
  withoutAbsent: number;
}

/** Summed counts over pages; precision = found "with" / (found "with" + found "without"). */
export function chunkScores(pages: readonly ChunkCounts[]): ChunkScores {
  let withAll = 0;
  let withFound = 0;
  let withoutAll = 0;
  let withoutFound = 0;
  for (const p of pages) {
    withAll += p.withAll;
    withFound += p.withFound;
    withoutAll += p.withoutAll;
    withoutFound += p.withoutFound;
  }
  const precision = withFound + withoutFound ? withFound / (withFound + withoutFound) : 0;
  const recall = withAll ? withFound / withAll : 0;
  return {
    pages: pages.length,
    precision,
    recall,
    f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
    withFound: recall,
    withoutAbsent: withoutAll ? 1 - withoutFound / withoutAll : 1,
  };
}
