// A reader's rule must not silently eat articles: on a page where it would remove more than 40% of the article's
// text, or its first paragraph, it is not applied, and the result says so.

import type { RemovedBlock } from '../types.ts';
import { normalizedText } from '../text.ts';
import { linkDensity } from '../cleanup/dom.ts';
import type { RefusedRule } from './types.ts';

/** Largest share of the article's text one reader's rule may remove on a page. */
export const MAX_REMOVED_SHARE = 0.4;

/** The article's first paragraph of prose: a short line (a kicker, a "Lire aussi") before it does not count. */
export function firstParagraph(root: Element): Element | null {
  for (const p of Array.from(root.getElementsByTagName('p'))) {
    const text = normalizedText(p);
    if (text.length >= 80 && linkDensity(p, text) < 0.5) return p;
  }
  return null;
}

interface Coverage {
  length: number;
  first: boolean;
}

function verdicts(coverage: Map<string, Coverage>, total: number, out: RefusedRule[]): Set<string> {
  const refused = new Set<string>();
  for (const [rule, { length, first }] of coverage) {
    const share = total ? Math.min(1, length / total) : 0;
    if (!first && share <= MAX_REMOVED_SHARE) continue;
    refused.add(rule);
    out.push({ rule, reason: first ? 'first-paragraph' : 'too-much-text', share: Math.round(share * 1000) / 1000 });
  }
  return refused;
}

/** Vets the article-stage removals of site rules against the article they run on. */
export function vetInArticle(root: Element, out: RefusedRule[]) {
  return (doomed: ReadonlyMap<Element, RemovedBlock>): ReadonlySet<string> => {
    const total = normalizedText(root).length;
    const first = firstParagraph(root);
    const coverage = new Map<string, Coverage>();
    for (const [block, { rule, text }] of doomed) {
      if (block.parentElement && insideAny(block.parentElement, doomed, root)) continue;
      const c = coverage.get(rule) ?? { length: 0, first: false };
      c.length += text.length;
      c.first ||= !!first && block.contains(first);
      coverage.set(rule, c);
    }
    return verdicts(coverage, total, out);
  };
}

function insideAny(el: Element, doomed: ReadonlyMap<Element, unknown>, root: Element): boolean {
  for (let n: Element | null = el; n && n !== root; n = n.parentElement) if (doomed.has(n)) return true;
  return false;
}

const MARK = 'data-cr-rule';

/**
 * Vets the page-stage removals of site rules (before Readability scores): Readability runs once more, on a copy
 * of the page with what they would remove marked, and the marks found in that article say what they would take
 * from it. Only pages where a reader's container rule matches pay for this run.
 */
export function vetOnPage(copy: Document, parse: (doc: Document) => Element | null, out: RefusedRule[]) {
  return (doomed: ReadonlyMap<Element, RemovedBlock>): ReadonlySet<string> => {
    const marked: Element[] = [];
    for (const [block, { rule }] of doomed) {
      // Everything inside is marked: Readability may keep a part of the block only, or the block may hold it all.
      for (const el of [block, ...Array.from(block.getElementsByTagName('*'))]) {
        el.setAttribute(MARK, rule);
        marked.push(el);
      }
    }
    const baseline = copy.cloneNode(true) as Document;
    for (const el of marked) el.removeAttribute(MARK);
    const root = parse(baseline);
    if (!root) return new Set();
    const total = normalizedText(root).length;
    const first = firstParagraph(root);
    const coverage = new Map<string, Coverage>();
    const add = (rule: string, length: number, isFirst: boolean) => {
      const c = coverage.get(rule) ?? { length: 0, first: false };
      c.length += length;
      c.first ||= isFirst;
      coverage.set(rule, c);
    };
    for (const el of Array.from(root.querySelectorAll(`[${MARK}]`))) {
      const rule = el.getAttribute(MARK)!;
      if (el.parentElement?.closest(`[${MARK}]`)) continue; // counted with its marked ancestor
      add(rule, normalizedText(el).length, false);
    }
    const holder = first?.closest(`[${MARK}]`);
    if (holder) add(holder.getAttribute(MARK)!, 0, true);
    return verdicts(coverage, total, out);
  };
}
