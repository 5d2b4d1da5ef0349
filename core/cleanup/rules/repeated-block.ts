import type { CleanupRule } from '../rule.ts';
import { tags } from '../rule.ts';
import { standaloneBlock } from '../dom.ts';

const SKIP = 'table, pre, code, ol, ul, dl, blockquote';
const MAX = 60;
const MIN_REPEATS = 3;

/** How often each short leaf text appears on the page; one walk, leaves only. */
function leafTextCounts(page: Document): Map<string, number> {
  const counts = new Map<string, number>();
  const visit = (el: Element): void => {
    const first = el.firstElementChild;
    if (first) {
      for (let c: Element | null = first; c; c = c.nextElementSibling) visit(c);
      return;
    }
    const raw = el.textContent;
    if (!raw || raw.length > MAX * 3) return;
    const text = raw.replace(/[\s\u00a0\u200b]+/g, ' ').trim();
    if (text && text.length <= MAX) counts.set(text, (counts.get(text) ?? 0) + 1);
  };
  if (page.body) visit(page.body);
  return counts;
}

const rule: CleanupRule = {
  id: 'repeated-block',
  reason:
    'A short block that appears three times or more on the page (a banner, a section label on every teaser) is page furniture, not the article.',
  languages: ['*'],
  fixtures: ['seed-fr-hammouchi'],
  stage: 'article',
  tags: tags('p', 'div', 'span', 'a', 'strong', 'b', 'em', 'small', 'h2', 'h3', 'h4', 'h5', 'h6'),
  maxLength: MAX,
  match(el, text, _hit, ctx, scope) {
    if (el.firstElementChild || !/\p{L}/u.test(text)) return false;
    // Words inside a paragraph are not blocks; checked before the page-wide count.
    if (!standaloneBlock(el, text, scope) || el.closest(SKIP)) return false;
    // Cheap screen: fewer than three occurrences anywhere in the page text means no repeat.
    const pageText = ctx.memo('page-text', () => ctx.page.body?.textContent ?? '');
    let seen = 0;
    for (let at = pageText.indexOf(text); at >= 0 && seen < MIN_REPEATS; at = pageText.indexOf(text, at + text.length)) seen++;
    if (seen < MIN_REPEATS) return false;
    const counts = ctx.memo('leaf-text-counts', () => leafTextCounts(ctx.page));
    return (counts.get(text) ?? 0) >= MIN_REPEATS;
  },
};
export default rule;
