// One cleanup rule run alone on a made-up article body (jsdom): the texts of the blocks it removed.
import { JSDOM } from 'jsdom';
import { createContext, runCleanup } from '../../core/reader/cleanup/run-cleanup.ts';
import { RULES } from '../../core/reader/cleanup/rules/index.ts';

/** A paragraph of prose, long enough to anchor the rules that look for the article's first or last one. */
export const PROSE =
  'The council met on Tuesday evening and, after a long debate about the budget for the coming year, agreed to repair the old bridge before the winter and to open the library on Sundays again.';

export function removedBy(ruleId: string, body: string): string[] {
  const rule = RULES.find((r) => r.id === ruleId);
  if (!rule) throw new Error(`no rule ${ruleId}`);
  const doc = new JSDOM(`<!DOCTYPE html><body><div id="a">${body}</div></body>`, { url: 'https://x.test/' }).window
    .document;
  const root = doc.getElementById('a')!;
  const removed = runCleanup(root, [rule], 'article', createContext(doc, 'https://x.test/'), { keepCaptions: false });
  return removed.map((r) => r.text);
}
