import type { RemovedBlock } from '../types.ts';
import { normalizedText } from '../text.ts';
import type { CleanupContext, CleanupRule, CleanupScope, CleanupStage } from './rule.ts';
import { holdsMedia, holdsProse, isInline, standaloneBlock } from './dom.ts';
import { CHECK_EVERY, NO_DEADLINE, type Deadline } from '../budget.ts';

export interface CleanupOptions {
  keepCaptions: boolean;
  /** The extraction's time budget, checked every few hundred elements; none by default. */
  deadline?: Deadline;
  /**
   * Sees what the rules would remove before anything is removed, and names the rules whose removals to cancel
   * (the reader's site rules that would eat the article).
   */
  vet?: (doomed: ReadonlyMap<Element, RemovedBlock>) => ReadonlySet<string>;
}

const MAX_RECORDED_TEXT = 160;
const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

/** Letters and digits of a text as an anchor id spells them: lower case, accents and punctuation dropped. */
const letters = (text: string) =>
  text
    .normalize('NFD')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

/**
 * Raw text length of every element under root, in one bottom-up pass, and its elements in document order with
 * where each one's subtree ends (the walk then skips a subtree without asking the DOM). A loop, not a recursion:
 * a page thousands of elements deep must not overflow the stack.
 */
function measure(root: Element) {
  const lengths = new Map<Element, number>();
  const order: Element[] = [];
  const ends = new Map<Element, number>();
  const open: number[] = [0]; // text length so far of each element on the path from root to el
  const paragraphs: Element[] = [];
  let el = root;
  let child = root.firstChild;
  for (;;) {
    if (child) {
      if (child.nodeType === ELEMENT_NODE) {
        el = child as Element;
        if (el.tagName === 'P') paragraphs.push(el);
        order.push(el);
        open.push(0);
        child = el.firstChild;
        continue;
      }
      if (child.nodeType === TEXT_NODE) open[open.length - 1]! += (child as Text).data.length;
      child = child.nextSibling;
      continue;
    }
    const n = open.pop()!;
    lengths.set(el, n);
    if (el === root) break; // below root, every element has a parent
    ends.set(el, order.length);
    open[open.length - 1]! += n;
    child = el.nextSibling;
    el = el.parentElement!;
  }
  return { lengths, order, ends, paragraphs };
}

/**
 * Runs every rule of one stage over root and removes what they match, in one walk:
 * each element's text is folded at most once, removed subtrees are not visited, and
 * nothing holding prose is removed. The "article" stage also runs the "orphans" rules:
 * their candidates are noted during the walk and judged once the removals are done.
 */
export function runCleanup(
  root: Element,
  rules: readonly CleanupRule[],
  stage: Exclude<CleanupStage, 'orphans'>,
  ctx: CleanupContext,
  options: CleanupOptions,
): RemovedBlock[] {
  const usable = rules.filter((r) => !(r.captionRule && options.keepCaptions));
  const active = usable.filter((r) => r.stage === stage);
  const later = stage === 'article' ? usable.filter((r) => r.stage === 'orphans') : [];
  if (!active.length && !later.length) return [];
  const { lengths, order, ends, paragraphs } = measure(root);
  // Dispatch: which rules a tag can concern, and one combined screen for all class hints.
  const byTag = new Map<string, CleanupRule[]>();
  const anyMarkup = combinedMarkup(active);
  const rulesFor = (tag: string): CleanupRule[] => {
    let list = byTag.get(tag);
    if (!list) byTag.set(tag, (list = [...active, ...later].filter((r) => r.tags.has(tag))));
    return list;
  };
  const scope: CleanupScope = {
    root,
    rawLength: (el) => lengths.get(el) ?? (el.textContent ?? '').length,
    paragraphs,
  };
  const doomed = new Map<Element, RemovedBlock>();
  const deferred: [Element, CleanupRule][] = [];
  const isDoomed = (el: Element): boolean => {
    for (let n: Element | null = el; n && n !== root; n = n.parentElement) if (doomed.has(n)) return true;
    return false;
  };

  // Parents whose inline children are words of a sentence: text or other inline text flows around them
  // (tested once per parent; inline pieces of a sentence are never removed, so never considered).
  const proseParents = new Map<Element, boolean>();
  const inProse = (el: Element): boolean => {
    const parent = el.parentElement;
    if (!parent || parent === root) return false;
    let known = proseParents.get(parent);
    if (known === undefined) {
      let texts = 0;
      for (let c = parent.firstChild; c && texts < 2; c = c.nextSibling) {
        if (c.nodeType === TEXT_NODE) {
          if (/\S/.test((c as Text).data)) texts++;
        } else if (c.nodeType === ELEMENT_NODE && isInline(c as Element) && (lengths.get(c as Element) ?? 0) > 0)
          texts++;
      }
      known = texts >= 2;
      proseParents.set(parent, known);
    }
    return known;
  };

  const consider = (el: Element): void => {
    // An inline piece of a sentence (a link, an emphasis) is never removed: skip it early, through inline
    // wrappers that hold only it (a schema.org entity's span around a link).
    const raw = lengths.get(el) ?? 0;
    let piece = el;
    for (let up = el.parentElement; isInline(piece) && up && up !== root && isInline(up); up = up.parentElement) {
      if (lengths.get(up) !== raw) break;
      piece = up;
    }
    if (isInline(piece) && inProse(piece)) return;
    const cls = el.getAttribute('class');
    const id = el.getAttribute('id');
    let sig = cls && id ? `${cls} ${id}` : (cls ?? id ?? '');
    let hinted = anyMarkup !== null && sig !== '' && anyMarkup.test(sig);
    // An anchor made of the element's own words ("grundlegende-techniken-...") says nothing of its role.
    const key = hinted && id ? letters(id).slice(0, 20) : '';
    if (key.length === 20 && letters(normalizedText(el)).startsWith(key)) {
      sig = cls ?? '';
      hinted = sig !== '' && anyMarkup!.test(sig);
    }
    const candidates = hinted ? [...active, ...later] : rulesFor(el.tagName);
    let text: string | undefined;
    for (const rule of candidates) {
      const markup = hinted && !!rule.markup && rule.markup.test(sig);
      if (!markup && !rule.tags.has(el.tagName)) continue;
      const limit = markup ? (rule.markupMaxLength ?? rule.maxLength) : rule.maxLength;
      // Raw text is at least as long as folded text: screen before folding, which costs.
      if (raw > limit * 3 + 100) continue;
      text ??= normalizedText(el);
      if (text.length > limit) continue;
      if (rule.stage === 'orphans') {
        deferred.push([el, rule]);
        continue;
      }
      if (judge(el, text, rule, markup, scope)) return;
    }
  };

  /** Applies one rule's verdict on el; true when it doomed something. */
  const judge = (el: Element, text: string, rule: CleanupRule, markup: boolean, within: CleanupScope): boolean => {
    const verdict = rule.match(el, text, { markup }, ctx, within);
    if (!verdict) return false;
    let took = false;
    for (const target of verdict === true ? [el] : verdict) {
      const block = target === el ? standaloneBlock(el, text, within) : target;
      if (block === root || isDoomed(block)) continue;
      // A block with the matched text only cannot hold a paragraph longer than that text.
      const mayHoldProse = target !== el || text.length >= 180;
      if (mayHoldProse && !rule.removesProse && holdsProse(block, within)) continue;
      if (!rule.removesWidgets && holdsMedia(block)) continue;
      doomed.set(block, { rule: rule.id, text: target === el ? text : normalizedText(target) });
      took = true;
    }
    return took;
  };

  // Every element below root in document order, skipping doomed subtrees. A loop, not a recursion (deep pages),
  // that reads the clock every CHECK_EVERY elements only: the budget check must not slow the walk down.
  const deadline = options.deadline ?? NO_DEADLINE;
  const where = `the ${stage} cleanup`;
  let visited = 0;
  for (let i = 0; i < order.length;) {
    if ((++visited & (CHECK_EVERY - 1)) === 0) deadline.check(where);
    const el = order[i]!;
    if (!doomed.has(el)) consider(el);
    i = doomed.has(el) ? ends.get(el)! : i + 1;
  }
  if (options.vet && doomed.size) {
    const refused = options.vet(doomed);
    for (const [block, record] of [...doomed]) if (refused.has(record.rule)) doomed.delete(block);
  }
  const removed = removeDoomed(doomed, isDoomed);
  if (!deferred.length) return removed;

  // Orphans: judged on the cleaned tree, whose lengths changed (measured afresh, on demand).
  doomed.clear();
  const fresh: CleanupScope = {
    root,
    rawLength: (el) => (el.textContent ?? '').length,
    paragraphs: [...root.getElementsByTagName('P')],
  };
  for (const [i, [el, rule]] of deferred.entries()) {
    if ((i & (CHECK_EVERY - 1)) === CHECK_EVERY - 1) deadline.check(where);
    if (!root.contains(el) || isDoomed(el)) continue;
    judge(el, normalizedText(el), rule, false, fresh);
  }
  return [...removed, ...removeDoomed(doomed, isDoomed)];
}

function removeDoomed(doomed: Map<Element, RemovedBlock>, isDoomed: (el: Element) => boolean): RemovedBlock[] {
  const removed: RemovedBlock[] = [];
  for (const [el, record] of doomed) {
    if (el.parentElement && isDoomed(el.parentElement)) continue;
    const { text } = record;
    removed.push({
      rule: record.rule,
      text: text.length > MAX_RECORDED_TEXT ? `${text.slice(0, MAX_RECORDED_TEXT - 1)}…` : text,
    });
    el.remove();
  }
  return removed;
}

const combinedByRules = new Map<string, RegExp | null>();

/** One regex for the class hints of all these rules: one test screens an element for all of them. */
function combinedMarkup(rules: readonly CleanupRule[]): RegExp | null {
  const key = rules.map((r) => r.id).join(',');
  let re = combinedByRules.get(key);
  if (re === undefined) {
    const hints = rules.filter((r) => r.markup).map((r) => r.markup!.source);
    re = hints.length ? new RegExp(hints.join('|'), 'i') : null;
    combinedByRules.set(key, re);
  }
  return re;
}

/** A context whose page-wide facts are computed on first use. */
export function createContext(page: Document, url: string, keepCaptions = false): CleanupContext {
  const cache = new Map<string, unknown>();
  return {
    page,
    url,
    keepCaptions,
    title: '',
    memo<T>(key: string, compute: () => T): T {
      if (!cache.has(key)) cache.set(key, compute());
      return cache.get(key) as T;
    },
  };
}
