// The reviewed clutter list (bench/readability-clutter.json) the no-harm check on Readability's pages ignores:
// every entry must still be removed by the rule it names, and none may be text the product keeps, so the list can
// neither go stale nor hide a loss.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../core/reader/index.ts';
import {
  DEFAULT_READABILITY_DIR,
  extractForNoHarm,
  loadClutterList,
  loadReadabilityPage,
  textLines,
  withoutLines,
  type ClutterLine,
} from '../../../bench/lib/readability-pages.ts';

const list = loadClutterList();
const corpus = existsSync(DEFAULT_READABILITY_DIR);
if (!corpus) console.warn(`Skipping the clutter list's page checks: no corpus at ${DEFAULT_READABILITY_DIR}`);

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();
const count = <T>(items: readonly T[], item: T) => items.filter((x) => x === item).length;

describe('the reviewed clutter list', () => {
  it('names existing rules, one page and line each, with a reason', () => {
    expect(list.length).toBeGreaterThan(0);
    const ids = new Set(RULES.map((r) => r.id));
    for (const entry of list) {
      expect(ids, `${entry.page}: ${entry.line}`).toContain(entry.rule);
      expect(entry.line, 'a line is one block of text, trimmed').toBe(collapse(entry.line));
      expect(entry.reason.length).toBeGreaterThan(10);
    }
  });

  it('withoutLines takes out one occurrence per listed line, and reports the lines it lacks', () => {
    const text = 'Ad\n\nFirst paragraph.\n\nAd\n\nAd\n\nSecond paragraph with Ad inside.';
    expect(withoutLines(text, ['Ad', 'Ad'])).toEqual({
      text: 'First paragraph.\n\nAd\n\nSecond paragraph with Ad inside.',
      absent: [],
    });
    expect(withoutLines(text, ['Ad', 'Ad', 'Ad', 'Ad', 'Gone']).absent).toEqual(['Ad', 'Gone']);
  });

  const pages = Map.groupBy(list, (entry) => entry.page);
  describe.skipIf(!corpus)(`on Readability's pages (${DEFAULT_READABILITY_DIR})`, () => {
    it.each([...pages.keys()])(
      '%s: each listed line is in the expected text and removed by its rule, as often as listed',
      async (page) => {
        const entries: ClutterLine[] = pages.get(page)!;
        const { doc, expected } = await loadReadabilityPage(DEFAULT_READABILITY_DIR, page);
        const result = extractForNoHarm(doc);
        if (!result.ok) throw new Error(result.message);
        const expectedLines = textLines(expected);
        const outputLines = textLines(result.article.text);
        for (const line of new Set(entries.map((e) => e.line))) {
          const listed = entries.filter((e) => e.line === line);
          const where = `${page}: "${line}"`;
          // Listed as often as it is removed, and no more often than Readability's output has it.
          expect(count(expectedLines, line), where).toBeGreaterThanOrEqual(listed.length);
          // The product keeps no listed occurrence: what is left of the line is what the list does not cover.
          expect(count(outputLines, line), where).toBeLessThanOrEqual(count(expectedLines, line) - listed.length);
          for (const rule of new Set(listed.map((e) => e.rule))) {
            const removals = result.article.removed.filter((r) => r.rule === rule && collapse(r.text).includes(line));
            expect(removals.length, `${where} removed by ${rule}`).toBeGreaterThanOrEqual(
              listed.filter((e) => e.rule === rule).length,
            );
          }
        }
      },
      120_000,
    );
  });
});
