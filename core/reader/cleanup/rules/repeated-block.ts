import type { CleanupRule } from '../rule.ts';
import { tags } from '../rule.ts';
import { tagSet, withinTag } from '../dom.ts';

const SKIP = tagSet(
  'table',
  'pre',
  'code',
  'kbd',
  'samp',
  'tt',
  'ol',
  'ul',
  'dl',
  'blockquote',
  'q',
  'figure',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
);
const MAX = 60;
const MAX_WORDS = 6;
const MIN_REPEATS = 3;
/** Page furniture is found beyond the article too: a text repeated only inside it may be dialogue. */
const MIN_OUTSIDE = 1;

const fold = (raw: string) => raw.replace(/[\s\u00a0\u200b]+/g, ' ').trim();

/** How often each short leaf text appears under root; one walk, leaves only. */
function leafTextCounts(root: Element): Map<string, number> {
  const counts = new Map<string, number>();
  const visit = (el: Element): void => {
    const first = el.firstElementChild;
    if (first) {
      for (let c: Element | null = first; c; c = c.nextElementSibling) visit(c);
      return;
    }
    const raw = el.textContent;
    if (!raw || raw.length > MAX * 3) return;
    const text = fold(raw);
    if (text && text.length <= MAX) counts.set(text, (counts.get(text) ?? 0) + 1);
  };
  visit(root);
  return counts;
}

const rule: CleanupRule = {
  id: 'repeated-block',
  reason:
    'A short label that appears three times or more on the page, and outside the article too (a banner, the section label of every teaser), is page furniture. Sentences, headings, quotes and code are never treated so: dialogue and section titles repeat too.',
  languages: ['*'],
  fixtures: ['en-repeated-labels'],
  stage: 'article',
  tags: tags('p', 'div', 'span', 'a', 'strong', 'b', 'em', 'small'),
  maxLength: MAX,
  match(el, text, _hit, ctx, scope) {
    if (el.firstElementChild || !/\p{L}/u.test(text) || /[.!?…"”»:;]$/.test(text)) return false;
    if (text.split(' ').length > MAX_WORDS) return false;
    // Furniture is styled: a link or a classed element. Plain text lines are the author's.
    if (el.tagName !== 'A' && !el.hasAttribute('class')) return false;
    if (withinTag(el, SKIP, scope.root)) return false;
    // Cheap screen: fewer than three occurrences anywhere in the page text means no repeat.
    const pageText = ctx.memo('page-text', () => ctx.page.body?.textContent ?? '');
    let seen = 0;
    for (let at = pageText.indexOf(text); at >= 0 && seen < MIN_REPEATS; at = pageText.indexOf(text, at + text.length))
      seen++;
    if (seen < MIN_REPEATS) return false;
    const onPage =
      ctx
        .memo('leaf-text-counts', () => (ctx.page.body ? leafTextCounts(ctx.page.body) : new Map<string, number>()))
        .get(text) ?? 0;
    const inArticle = ctx.memo('article-leaf-text-counts', () => leafTextCounts(scope.root)).get(text) ?? 0;
    return onPage >= MIN_REPEATS && onPage - inArticle >= MIN_OUTSIDE;
  },
};
export default rule;
