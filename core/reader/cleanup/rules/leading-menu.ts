import type { CleanupRule } from '../rule.ts';
import { tags } from '../rule.ts';
import { follows } from '../dom.ts';
import { PROSE_MARKS, linksAway, proseMarks } from './leading-chrome.ts';

const rule: CleanupRule = {
  id: 'leading-menu',
  reason:
    'When Readability\'s container holds the page\'s header, it keeps the site\'s whole menu (a <nav> of links: sections, "Contact", "Careers") before the article\'s first paragraph. leading-chrome takes short ones; a menu is longer than any block it sees. Not a table of contents (links into the page).',
  languages: ['*'],
  fixtures: ['en-leading-menu'],
  stage: 'article',
  // A menu may carry icons.
  removesWidgets: true,
  tags: tags('nav'),
  maxLength: 3000,
  match(el, text, _hit, ctx, scope) {
    const first = ctx.memo(PROSE_MARKS, () => proseMarks(scope))[0];
    return !!first && follows(el, first) && linksAway(el, text);
  },
};
export default rule;
