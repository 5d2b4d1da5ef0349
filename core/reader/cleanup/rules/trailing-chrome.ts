import type { CleanupContext, CleanupRule, CleanupScope } from '../rule.ts';
import { TEXT_BLOCKS, classHint } from '../rule.ts';
import { follows, holdsProse, linkDensity, tagSet, withinTag } from '../dom.ts';

// Page furniture by class or id, in the words CMSs use across languages.
const MARKUP = classHint([
  'share',
  'social',
  'teilen',
  'related',
  'tags',
  'footer',
  'newsletter',
  'teaser',
  'widget',
  'sidebar',
  'promo',
  'cookie',
  'copyright',
  'impressum',
  'breadcrumb',
  'rating',
  'bewertung',
]);
// Lists after the text are often its sources or references, which readers keep.
const KEPT = tagSet('blockquote', 'figure', 'table', 'pre', 'li', 'ul', 'ol', 'dl');
/** A label introducing what follows: "Weitere Beiträge aus der Kolumne:", "Teilnehmende Blogs:". */
const LABEL = /[:：]$/u;

/** Most of the article's text that may follow its last paragraph of prose: past that, the "tail" is content. */
const MAX_TAIL_SHARE = 0.25;

/** Length of the text that follows el inside the scope, from the raw lengths the cleanup has measured. */
export function textAfter(el: Element, scope: CleanupScope): number {
  let after = 0;
  for (let n: Node = el; n !== scope.root && n.parentNode; n = n.parentNode) {
    for (let sib = n.nextSibling; sib; sib = sib.nextSibling) {
      if (sib.nodeType === 1) after += scope.rawLength(sib as Element);
      else if (sib.nodeType === 3) after += (sib as Text).data.length;
    }
  }
  return after;
}

/**
 * The article's last paragraph of prose; none when it has no <p> of prose, or when much text follows it (a page
 * of short sections, a list of references): then nothing is trailing chrome. Lengths come from the cleanup's
 * measure (the article's whole text is never built).
 */
function lastProse(scope: CleanupScope): Element | null {
  const ps = scope.paragraphs;
  for (let i = ps.length - 1; i >= 0; i--) {
    const p = ps[i]!;
    if (!holdsProse(p, scope)) continue;
    return textAfter(p, scope) <= scope.rawLength(scope.root) * MAX_TAIL_SHARE ? p : null;
  }
  return null;
}

/** Whether el comes after the article's last paragraph of prose (false when that paragraph is not near the end). */
export function afterLastProse(el: Element, ctx: CleanupContext, scope: CleanupScope): boolean {
  const last = ctx.memo('trailing-chrome:last-prose', () => lastProse(scope));
  return !!last && follows(last, el);
}

const rule: CleanupRule = {
  id: 'trailing-chrome',
  reason:
    'After the last paragraph of prose, Readability keeps what closes the page around the article: lone links ("zurück zur Listenansicht"), labels of teaser lists ("Weitere Beiträge:"), share, tag and newsletter boxes. Short blocks only, after all prose; lists (sources, references), quotes, figures and tables stay.',
  languages: ['*'],
  fixtures: ['de-trailing-chrome', 'en-closing-promo'],
  stage: 'article',
  tags: TEXT_BLOCKS,
  markup: MARKUP,
  maxLength: 200,
  markupMaxLength: 1000,
  match(el, text, hit, ctx, scope) {
    if (!afterLastProse(el, ctx, scope)) return false;
    // A furniture-named box may be a list itself (tags, share buttons, related links), not inside one.
    if (hit.markup && el.tagName !== 'P') return !withinTag(el.parentElement ?? el, KEPT, scope.root);
    if (withinTag(el, KEPT, scope.root)) return false;
    // A label stays with the list or table it introduces.
    const next = el.nextElementSibling;
    if (text.length <= 60 && LABEL.test(text)) return !next || !KEPT.has(next.tagName);
    return el.getElementsByTagName('a').length > 0 && linkDensity(el, text) >= 0.5;
  },
};
export default rule;
