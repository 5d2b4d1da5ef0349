// Readability's golden pages (../shared/corpus/readability-test-pages) and the no-harm check on them: no page may
// lose more than 1% of its expected text, except the lines on the reviewed clutter list (bench/readability-
// clutter.json: page, exact line, the rule that removes it, why it is clutter). Shared by bench/extract.ts and the
// unit test that keeps the list honest.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { extractArticle, toPlainText, type ExtractOptions, type ExtractResult } from '../../core/reader/index.ts';
import { parseHtml, readInput } from '../../cli/load.ts';

export const DEFAULT_READABILITY_DIR = resolve(import.meta.dirname, '../../../shared/corpus/readability-test-pages');
/** The address Readability's own tests give every page. */
export const READABILITY_PAGE_URL = 'http://fakehost/test/page.html';
export const CLUTTER_LIST_PATH = resolve(import.meta.dirname, '../readability-clutter.json');
/** Most of a page's expected text the pipeline may lose, outside the clutter list. */
export const MAX_LOST_SHARE = 0.01;

export interface ClutterLine {
  page: string;
  /**
   * A whole line of the page's expected text (its blocks, as `textLines` gives them), exactly. One entry is one
   * occurrence: a line the product removes twice is listed twice.
   */
  line: string;
  /** Id of the cleanup rule that removes it. */
  rule: string;
  reason: string;
}

export function loadClutterList(path = CLUTTER_LIST_PATH): ClutterLine[] {
  const list = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  if (!Array.isArray(list)) throw new Error(`${path}: not a list`);
  return list.map((entry: Partial<ClutterLine>, i) => {
    for (const key of ['page', 'line', 'rule', 'reason'] as const) {
      if (typeof entry[key] !== 'string' || !entry[key].trim()) throw new Error(`${path}: entry ${i} has no ${key}`);
    }
    return entry as ClutterLine;
  });
}

/** The lines of a plain text (one per block), trimmed, empty ones left out. */
export const textLines = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/**
 * `text` without one occurrence of its lines for each of `lines` (a line listed twice goes twice);
 * `absent`: those of `lines` it does not have (as many times as listed).
 */
export function withoutLines(text: string, lines: readonly string[]): { text: string; absent: string[] } {
  const kept = textLines(text);
  const absent: string[] = [];
  for (const line of lines) {
    const at = kept.indexOf(line);
    if (at < 0) absent.push(line);
    else kept.splice(at, 1);
  }
  return { text: kept.join('\n\n'), absent };
}

/** A page's source as a DOM, and its expected text (block-aware, like the pipeline's text). */
export async function loadReadabilityPage(dir: string, name: string): Promise<{ doc: Document; expected: string }> {
  const doc = parseHtml(await readInput(join(dir, name, 'source.html')), READABILITY_PAGE_URL);
  const expectedDoc = parseHtml(await readInput(join(dir, name, 'expected.html')), READABILITY_PAGE_URL);
  return { doc, expected: toPlainText(expectedDoc.body) };
}

/**
 * The pipeline as the no-harm check runs it: forced past the readerable check (measured on its own), captions
 * kept (dropped by design, where Readability keeps them), and no time limit: this measures text, and a loaded
 * machine must not turn a slow page into a lost one.
 */
export function extractForNoHarm(doc: Document, rules?: ExtractOptions['rules']): ExtractResult {
  return extractArticle(doc, READABILITY_PAGE_URL, {
    force: true,
    keepCaptions: true,
    timeBudgetMs: Number.POSITIVE_INFINITY,
    ...(rules ? { rules } : {}),
  });
}
