// Learning a site rule from the block a reader chose: the most specific stable description of where it came from
// in the original markup that matches it and none of the article's other blocks on this page.

import { normalizedText } from '../text.ts';
import { compound } from './provenance.ts';
import { SITE_RULE_PREFIX, foldText, siteOf } from './site-rule.ts';
import type { BlockProvenance, SiteRule, TextCondition } from './types.ts';

export interface LearnInput {
  /** The page as it was extracted (the original markup, untouched). */
  page: Document;
  url: string;
  /** The extraction's provenance (`ExtractOptions.provenance`). */
  provenance: readonly BlockProvenance[];
  /** Index of the chosen block in `provenance`. */
  block: number;
  now?: Date;
  /** The rule's id; a fresh `site:` one by default. */
  id?: string;
}

/** Blocks read as one unit inside the article: rules for them run on Readability's result. */
const LEAF_BLOCKS = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'blockquote',
  'pre',
  'figcaption',
  'dt',
  'dd',
]);
/** How many levels a description may climb above the block (wrappers holding nothing else). */
const MAX_CLIMB = 4;
/** The longest label a text condition keeps ("Lire aussi :", "Publicité"). */
const MAX_LABEL = 40;

const locate = (page: Document, p: BlockProvenance | undefined): Element | null => {
  if (!p?.source) return null;
  try {
    return page.querySelector(p.source.locator);
  } catch {
    return null;
  }
};

/** Whether removing what `selector` matches on the page takes `target` and spares every other block. */
function fits(page: Document, selector: string, target: Element, others: readonly Element[]): boolean {
  let matches: Element[];
  try {
    matches = Array.from(page.querySelectorAll(selector));
  } catch {
    return false;
  }
  if (!matches.includes(target)) return false;
  return matches.every((m) => others.every((o) => m !== o && !m.contains(o) && !o.contains(m)));
}

/** The block's element and the wrappers above it that hold nothing else of the article. */
function climb(el: Element, others: readonly Element[]): Element[] {
  const chain = [el];
  const length = normalizedText(el).length;
  let n = el.parentElement;
  for (let i = 0; i < MAX_CLIMB && n && n.localName !== 'body' && n.localName !== 'html'; i++, n = n.parentElement) {
    if (others.some((o) => n!.contains(o))) break;
    if (normalizedText(n).length > length * 1.5 + 100) break;
    chain.push(n);
  }
  return chain;
}

/** Blocks longer than this are described by a text shape only when they start with a label. */
const MAX_UNLABELLED = 120;

/** The wrappers inside a block that hold all of it (a form's only box, a link's only span). */
function within(el: Element): Element[] {
  const inner: Element[] = [];
  const text = normalizedText(el);
  for (let c = el.firstElementChild; c && !c.nextElementSibling && normalizedText(c) === text; c = c.firstElementChild)
    inner.push(c);
  return inner;
}

/** The label a block's text starts with ("Lire aussi :"), else its first words. */
export function leadingLabel(start: string): string {
  const label = /^(.{1,40}?[:：»|›])(?:\s|$)/u.exec(start)?.[1];
  if (label) return label;
  const words = start.split(' ').slice(0, 3).join(' ');
  return words.length > MAX_LABEL ? words.slice(0, MAX_LABEL) : words;
}

function textRule(chosen: BlockProvenance, others: readonly BlockProvenance[]): TextCondition | null {
  const startsWith = leadingLabel(chosen.text.start);
  // The first words of a paragraph of prose say nothing about the site's other pages.
  if (chosen.text.length > MAX_UNLABELLED && !/[:：»|›]$/u.test(startsWith)) return null;
  if (!startsWith) return null;
  const label = foldText(startsWith);
  const cond: TextCondition = { startsWith, singleLink: chosen.text.singleLink };
  cond.maxLength = Math.max(300, chosen.text.length * 2);
  const clash = others.some(
    (o) => foldText(o.text.start).startsWith(label) && o.text.singleLink === chosen.text.singleLink,
  );
  return clash ? null : cond;
}

/**
 * The rule that hides the chosen block on every page of the site, or null when no stable description tells it
 * from the article's other blocks. Tried in order: the block's own tag with its stable id, classes and role, then
 * those of a wrapper that holds nothing else, then the block under a described ancestor, then its text shape.
 */
export function learnSiteRule(input: LearnInput): SiteRule | null {
  const { page, provenance } = input;
  const chosen = provenance[input.block];
  const site = siteOf(input.url);
  if (!chosen || !site) return null;
  const base = {
    id: input.id ?? `${SITE_RULE_PREFIX}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`,
    site,
    created: (input.now ?? new Date()).toISOString(),
  };
  const target = locate(page, chosen);
  const others = provenance
    .filter((p) => p !== chosen)
    .map((p) => locate(page, p))
    .filter((el): el is Element => !!el && el !== target);
  if (target) {
    const [self, ...above] = climb(target, others);
    for (const el of [self!, ...within(target), ...above]) {
      if (el.localName === 'form') continue; // a div in the copy the rules run on (unclobber.ts)
      const selector = compound(el, true);
      if (selector === el.localName || !fits(page, selector, el, others)) continue;
      const stage = LEAF_BLOCKS.has(el.localName) ? 'article' : 'page';
      return { ...base, selector, stage };
    }
    for (let a = target.parentElement, i = 0; a && a.localName !== 'body' && i < MAX_CLIMB; a = a.parentElement, i++) {
      const outer = compound(a);
      if (outer === a.localName || a.localName === 'form') continue;
      const selector = `${outer} ${target.localName}`;
      if (fits(page, selector, target, others)) return { ...base, selector, stage: 'page' };
      break; // a wider ancestor only matches more
    }
  }
  const text = textRule(
    chosen,
    provenance.filter((p) => p !== chosen),
  );
  if (!text) return null;
  return LEAF_BLOCKS.has(chosen.tag)
    ? { ...base, selector: chosen.tag, text, stage: 'article' }
    : { ...base, text, stage: 'article' };
}
