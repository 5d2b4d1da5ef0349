// Where each block of the clean article came from in the page's original markup: what a reader's site rule is
// learned from. Only computed when asked (ExtractOptions.provenance): stamping every element of the copy costs a walk.

import { normalizedText } from '../text.ts';
import { hasBlockChildren } from '../cleanup/dom.ts';
import { fromPrototypes } from '../unclobber.ts';
import type { BlockProvenance, BlockSource, TextShape } from './types.ts';

/** Stamp on the copy's elements: the index of the original element each one copies. */
export const SOURCE_ATTR = 'data-cr-src';

const START_LENGTH = 80;
const WRAPPERS = new Set(['DIV', 'SECTION', 'ARTICLE', 'MAIN']);
/** A wrapper holding less than this share of the article is one block (a promo box), not a container to descend. */
const WRAPPER_SHARE = 0.4;

/**
 * The direct blocks of a clean article, in order: paragraphs, headings, lists, figures, asides, small boxes.
 * Wrappers that hold a large part of the article are descended into. The UI runs it on the rendered article too,
 * so that its block i is provenance[i].
 */
export function articleBlocks(root: Element): Element[] {
  const total = Math.max(1, normalizedText(root).length);
  const blocks: Element[] = [];
  const visit = (parent: Element): void => {
    for (let el = parent.firstElementChild; el; el = el.nextElementSibling) {
      if (WRAPPERS.has(el.tagName) && hasBlockChildren(el)) {
        if (normalizedText(el).length >= total * WRAPPER_SHARE) {
          visit(el);
          continue;
        }
      }
      if (normalizedText(el) || el.querySelector('img, picture, svg')) blocks.push(el);
    }
  };
  visit(root);
  return blocks;
}

/**
 * Stamps each element of `copy` with the index of the element of `page` it copies, and returns those originals.
 * The copy is the page without what `copyPage` dropped (`dropped`), forms as divs: the two trees walk in step.
 * The original is walked through the prototypes' accessors (a form's controls can shadow its properties).
 */
export function stampSources(page: Document, copy: Document, dropped: readonly Element[]): Element[] {
  const origins: Element[] = [];
  const from = page.documentElement;
  const to = copy.documentElement;
  if (!from || !to) return origins;
  const first = fromPrototypes(from, 'firstElementChild', 'get') as (this: Element) => Element | null;
  const next = fromPrototypes(from, 'nextElementSibling', 'get') as (this: Element) => Element | null;
  const skip = new Set<Element>(dropped);
  const stack: [Element, Element][] = [[from, to]];
  while (stack.length) {
    const [o, c] = stack.pop()!;
    c.setAttribute(SOURCE_ATTR, String(origins.length));
    origins.push(o);
    let oc = first.call(o);
    let cc = c.firstElementChild;
    while (oc && cc) {
      if (skip.has(oc)) {
        oc = next.call(oc);
        continue;
      }
      stack.push([oc, cc]);
      oc = next.call(oc);
      cc = cc.nextElementSibling;
    }
  }
  return origins;
}

/** The stamps still on the article (read before sanitizing, which drops data attributes), then removed. */
export function takeStamps(root: Element): Map<Element, number> {
  const stamps = new Map<Element, number>();
  for (const el of [root, ...Array.from(root.querySelectorAll(`[${SOURCE_ATTR}]`))]) {
    const value = el.getAttribute(SOURCE_ATTR);
    if (value === null) continue;
    stamps.set(el, Number(value));
    el.removeAttribute(SOURCE_ATTR);
  }
  return stamps;
}

const STATE_CLASS = /^(?:is-|has-|js-)|^(?:active|open|opened|closed|visible|hidden|selected|lazyload(?:ed)?|loaded)$/i;
const GENERATED_PREFIX = /^(?:css|sc|jsx|svelte|emotion|styled|tw|chakra|mui|ember|ng-tns|astro)-/i;

/** Whether a class or id looks written by a person (`related-posts`), not generated (`css-1x2y3z`, `post-48213`). */
export function isStableName(name: string): boolean {
  if (name.length < 2 || name.length > 40 || !/^[a-z_-][\w-]*$/i.test(name)) return false;
  if (STATE_CLASS.test(name) || GENERATED_PREFIX.test(name) || /\d{3,}/.test(name)) return false;
  // CSS modules (`styles_promo__a1B2c`) and hashes: a segment mixing digits and letters, or oddly cased.
  for (const part of name.split(/[-_]+/)) {
    if (part.length >= 5 && /\d/.test(part) && /[a-z]/i.test(part)) return false;
    if (part.length >= 5 && (part.match(/[A-Z]/g) ?? []).length >= 2 && /[a-z][A-Z][a-z]*[A-Z]/.test(part))
      return false;
  }
  return true;
}

const cssEscape = (name: string) => name.replace(/[^\w-]/g, (c) => `\\${c}`);

export function stableClasses(el: Element): string[] {
  const raw = (el.getAttribute('class') ?? '').split(/\s+/).filter(Boolean);
  return [...new Set(raw.filter(isStableName))];
}

export function stableId(el: Element): string | null {
  const id = el.getAttribute('id');
  return id && isStableName(id) ? id : null;
}

/** `tag#id.class1.class2` with the stable parts only. */
export function compound(el: Element, withRole = false): string {
  const id = stableId(el);
  const role = withRole ? el.getAttribute('role') : null;
  return (
    el.localName +
    (id ? `#${cssEscape(id)}` : '') +
    stableClasses(el)
      .map((c) => `.${cssEscape(c)}`)
      .join('') +
    (role && /^[a-z]+$/.test(role) ? `[role="${role}"]` : '')
  );
}

function locatorOf(el: Element): string {
  const parts: string[] = [];
  for (let n: Element | null = el; n; n = n.parentElement) {
    const parent = n.parentElement;
    if (!parent) {
      parts.push(n.localName);
      break;
    }
    let nth = 1;
    for (let s = n.previousElementSibling; s; s = s.previousElementSibling) if (s.localName === n.localName) nth++;
    parts.push(`${n.localName}:nth-of-type(${nth})`);
  }
  return parts.reverse().join(' > ');
}

function pathOf(el: Element): string {
  const parts: string[] = [];
  for (let n: Element | null = el; n && n.localName !== 'html'; n = n.parentElement) parts.push(compound(n));
  return parts.reverse().join(' > ');
}

export function describeSource(el: Element): BlockSource {
  return {
    tag: el.localName,
    path: pathOf(el),
    locator: locatorOf(el),
    id: stableId(el),
    classes: stableClasses(el),
    role: el.getAttribute('role'),
  };
}

/** The text shape of a block: its start, whether it is one link, its length. */
export function textShape(el: Element, text = normalizedText(el)): TextShape {
  const links = el.getElementsByTagName('a');
  const linked = links.length === 1 ? normalizedText(links[0]!).length : 0;
  return {
    start: text.slice(0, START_LENGTH),
    singleLink: links.length === 1 && text.length > 0 && linked / text.length >= 0.5,
    length: text.length,
  };
}

/** The provenance of each direct block of the final article, from the stamps taken before sanitizing. */
export function blockProvenance(
  body: Element,
  stamps: ReadonlyMap<Element, number>,
  origins: readonly Element[],
): BlockProvenance[] {
  return articleBlocks(body).map((block, index) => {
    const stamp = stamps.get(block);
    const origin = stamp === undefined ? undefined : origins[stamp];
    return {
      index,
      tag: block.localName,
      source: origin ? describeSource(origin) : null,
      text: textShape(block),
    };
  });
}

/** What the extraction calls to record provenance: passed as an option, so that scripts that never ask leave it out. */
export interface ProvenanceRecorder {
  stampSources: typeof stampSources;
  takeStamps: typeof takeStamps;
  blockProvenance: typeof blockProvenance;
}

/** `extractArticle(doc, url, { provenance: RECORD_PROVENANCE })` records each block's provenance. */
export const RECORD_PROVENANCE: ProvenanceRecorder = { stampSources, takeStamps, blockProvenance };
