import type { CleanupRule } from '../rule.ts';
import { tagSet, withinTag } from '../dom.ts';

const HEADINGS_AND_ITEMS = tagSet('h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li');
import { tags } from '../rule.ts';

const fold = (s: string) =>
  s
    .toLowerCase()
    .replace(/[\s\u00a0]+/g, ' ')
    .replace(/[“”"«»]/g, '')
    .trim();

const rule: CleanupRule = {
  id: 'page-echo',
  reason:
    "The title repeated inside the body, or the page's own address printed by a share or print widget: the reader view shows the title once, above the text.",
  languages: ['*'],
  fixtures: ['en-site-chrome'],
  stage: 'article',
  // Not headings: a title heading atop a blog post is the post's own (Readability keeps it too).
  tags: tags('p', 'div', 'span', 'a', 'strong'),
  maxLength: 300,
  match(el, text, _hit, ctx) {
    if (/^https?:\/\/\S+$/.test(text)) {
      const here = ctx.url.replace(/[?#].*$/, '').replace(/\/$/, '');
      return text.replace(/[?#].*$/, '').replace(/\/$/, '') === here;
    }
    return text.length >= 15 && !!ctx.title && fold(text) === fold(ctx.title) && !withinTag(el, HEADINGS_AND_ITEMS);
  },
};
export default rule;
